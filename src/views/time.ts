import { formatDateTime } from "../domain/time-text";
import { html, type VNode } from "./html";

export type TimeProps = { iso: string; tz: string };

export function Time({ iso, tz }: TimeProps): VNode {
  return html`<time datetime=${iso}>${formatDateTime(iso, tz)}</time>`;
}
