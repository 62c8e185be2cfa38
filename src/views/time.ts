import type { Locale } from "../i18n/locale";
import { html, type VNode } from "./html";

export type TimeProps = { iso: string; tz: string; l: Locale };

export function Time({ iso, tz, l }: TimeProps): VNode {
  return html`<time datetime=${iso}>${l.dateTime(iso, tz)}</time>`;
}
