import { componentStatuses, pageStatus } from "../domain/status";
import { iso } from "../domain/time";
import { readSettings } from "../settings";
import { currentSnapshot } from "../snapshot/current";
import { rebuildSnapshot } from "../snapshot/publish";
import type { PageInfo } from "./payloads";

/** The page as a webhook body names it: id, name, URL and the current indicator. */
export async function pageInfo(env: Env, now: number, origin: string): Promise<PageInfo> {
  const settings = readSettings(env);
  const { snapshot } = await currentSnapshot(env, () => rebuildSnapshot(env, now));
  const at = iso(now);
  const statuses = componentStatuses(snapshot.components, snapshot.incidents, snapshot.bounds, at);
  const status = pageStatus(statuses.values(), snapshot.incidents, snapshot.bounds, at);
  return {
    id: snapshot.pageId,
    name: settings.pageName,
    url: settings.pageUrl || origin,
    indicator: status.indicator,
    description: status.description,
    language: settings.language,
  };
}
