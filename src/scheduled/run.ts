import { kvPublication, readStoredSnapshot, snapshotState } from "../db/snapshot";
import { claimTick, finishTickStatement } from "../db/ticks";
import { iso } from "../domain/time";
import { publishToKv } from "../snapshot/publish";
import { keepSnapshotCurrent } from "../snapshot/refresh";
import type { Snapshot } from "../snapshot/types";
import { epochMinute } from "./tick-time";

export type TickOutcome = { minute: number; claimed: boolean };

/**
 * One cron run for the minute containing `now`. Replaying a minute that has
 * already run does nothing.
 */
export async function runTick(env: Env, now: number): Promise<TickOutcome> {
  const minute = epochMinute(now);
  const claimed = await claimTick(env.DB, minute, iso(now));
  if (!claimed) return { minute, claimed };
  await maintainSnapshot(env, now);
  await finishTickStatement(env.DB, minute, iso(now)).run();
  return { minute, claimed };
}

/** Day rollover, repairs after a failed refresh, and the KV copy that writes held back. */
async function maintainSnapshot(env: Env, now: number): Promise<void> {
  const stored = await snapshotState(env.DB);
  const behind = !stored || stored.version < stored.dataVersion;
  if (await keepSnapshotCurrent(env, now, stored?.builtAt ?? null, behind)) return;
  if (!stored) return;
  const kv = await kvPublication(env.DB);
  if (kv.version >= stored.version) return;
  const body = (await readStoredSnapshot(env.DB, -1))?.body;
  if (body) await publishToKv(env, JSON.parse(body) as Snapshot, now);
}
