import { html, type VNode } from "./html";
import { Time } from "./time";

export type NoticeProps = { dataAsOf: string | null; checksDelayedSince: string | null; tz: string };

/** Honest caveats: stale data and stalled checks are said, never hidden. */
export function Notices({ dataAsOf, checksDelayedSince, tz }: NoticeProps): VNode | null {
  if (!dataAsOf && !checksDelayedSince) return null;
  return html`<div class="notices" role="status">
    ${
      dataAsOf
        ? html`<p class="notice">The status database is not answering. This page shows data as of <${Time} iso=${dataAsOf} tz=${tz} />.</p>`
        : null
    }
    ${
      checksDelayedSince
        ? html`<p class="notice">Checks delayed: the last completed check run was at <${Time} iso=${checksDelayedSince} tz=${tz} />. Statuses from monitors may be out of date.</p>`
        : null
    }
  </div>`;
}
