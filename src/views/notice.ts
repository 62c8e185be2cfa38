import type { Locale } from "../i18n/locale";
import { html, type VNode } from "./html";
import { Time } from "./time";
import { rich } from "./words";

export type NoticeProps = {
  dataAsOf: string | null;
  checksDelayedSince: string | null;
  tz: string;
  l: Locale;
};

/** Honest caveats: stale data and stalled checks are said, never hidden. */
export function Notices({ dataAsOf, checksDelayedSince, tz, l }: NoticeProps): VNode | null {
  if (!dataAsOf && !checksDelayedSince) return null;
  return html`<div class="notices" role="status">
    ${dataAsOf ? html`<p class="notice">${rich(l, "notice.stale", { time: html`<${Time} iso=${dataAsOf} tz=${tz} l=${l} />` })}</p>` : null}
    ${
      checksDelayedSince
        ? html`<p class="notice">${rich(l, "notice.delayed", { time: html`<${Time} iso=${checksDelayedSince} tz=${tz} l=${l} />` })}</p>`
        : null
    }
  </div>`;
}
