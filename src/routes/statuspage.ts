import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { type StatuspageDoc, statuspageDoc } from "../formats/statuspage";
import { inputsEtag, PageCache, sendPage } from "../http/cached-page";
import { readSettings } from "../settings";
import { currentSnapshot } from "../snapshot/current";
import { rebuildSnapshot } from "../snapshot/publish";

const cache = new PageCache(32);

/** The Statuspage-compatible public API: served from the snapshot, for any origin. */
function serve(pick: StatuspageDoc) {
  return async (c: Context<AppEnv>) => {
    const settings = readSettings(c.env);
    const baseUrl = settings.pageUrl || new URL(c.req.url).origin;
    const now = Date.now();
    const { snapshot } = await currentSnapshot(c.env, () => rebuildSnapshot(c.env, now));
    const key = `${snapshot.version}.${snapshot.builtAt}.${Math.floor(now / 60_000)}.${baseUrl}.${pick}`;
    let page = cache.get(key);
    if (!page) {
      page = {
        body: JSON.stringify(statuspageDoc(pick, snapshot, settings, baseUrl, now)),
        etag: inputsEtag(key),
      };
      cache.set(key, page);
    }
    c.header("Access-Control-Allow-Origin", "*");
    return sendPage(c, page, "application/json; charset=utf-8", true);
  };
}

export const statuspage = new Hono<AppEnv>()
  .get("/summary.json", serve("summary"))
  .get("/status.json", serve("status"))
  .get("/components.json", serve("components"))
  .get("/incidents/unresolved.json", serve("unresolved"))
  .get("/incidents.json", serve("incidents"))
  .get("/scheduled-maintenances/upcoming.json", serve("upcoming"))
  .get("/scheduled-maintenances/active.json", serve("active"))
  .get("/scheduled-maintenances.json", serve("maintenances"));
