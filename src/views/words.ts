import type { Key } from "../i18n/catalogue";
import type { Locale } from "../i18n/locale";
import { html, type VNode } from "./html";

/**
 * A message with markup in its placeholders: "Since {time}" with a <time>
 * element. Text parts are plain strings, so they are escaped like any other.
 */
export function rich(l: Locale, key: Key, parts: Record<string, VNode | string>, count?: number): VNode {
  const pieces = l.raw(key, count).split(/\{(\w+)\}/);
  return html`${pieces.map((piece, i) => (i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece))}`;
}
