/**
 * Characters XML 1.0 forbids (C0 controls other than tab and line breaks,
 * U+FFFE, U+FFFF, unpaired surrogates). Input refuses control characters, but
 * rows written before that rule, or by hand, must not make a feed or badge
 * unreadable: every machine format passes its text through here.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}
