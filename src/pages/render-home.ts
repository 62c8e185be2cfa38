import type { Settings } from "../settings";
import type { Snapshot } from "../snapshot/types";
import { HomePage } from "../views/home-page";
import { href, renderDocument } from "../views/layout";
import { pastCellBytes } from "./history";
import { homeModel, PAST_PLACEHOLDER } from "./home";

const encoder = new TextEncoder();

/**
 * The home page's bytes for one moment and zone: what a page view costs when
 * its render is not cached. The 89 finished days of every bar (most of the
 * page) are spliced in as bytes encoded once per snapshot, so a render only
 * builds and encodes the parts that change.
 */
export function renderHome(
  settings: Settings,
  snapshot: Snapshot,
  nowMs: number,
  tz: string,
  fresh: boolean,
  lastTickAt: string | null = snapshot.lastTickAt,
): Uint8Array<ArrayBuffer> {
  const model = homeModel(snapshot, nowMs, {
    fresh,
    previewDays: settings.maintenancePreviewDays,
    lastTickAt,
  });
  const html = renderDocument({
    title: settings.pageName,
    settings,
    tz,
    path: "/",
    body: HomePage({ model, tz, link: (p) => href(p, tz, settings) }),
  });
  const parts = html.split(new RegExp(PAST_PLACEHOLDER, "g"));
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (const [i, part] of parts.entries()) {
    // split() with a capture group alternates text and captured keys.
    const chunk = i % 2 === 0 ? encoder.encode(part) : (pastCellBytes(part) ?? new Uint8Array());
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
