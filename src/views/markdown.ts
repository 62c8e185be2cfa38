/**
 * Markdown for incident and update descriptions. Raw HTML is off, images are
 * off (nothing may load from another origin), and links must be http(s),
 * mailto or relative; anything else stays plain text.
 */
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(?:https?:|mailto:|\/(?!\/)|#)/i;

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(["image", "html_inline", "html_block"]);
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]?.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Every snapshot rebuild renders every kept incident's texts, and they rarely
 * change: the isolate keeps the latest renders (least recently used goes).
 */
const MEMO_ENTRIES = 2_000;
const memo = new Map<string, string>();

export function renderMarkdown(source: string): string {
  if (!source.trim()) return "";
  const known = memo.get(source);
  if (known !== undefined) {
    memo.delete(source);
    memo.set(source, known);
    return known;
  }
  const html = md.render(source);
  memo.set(source, html);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return html;
}
