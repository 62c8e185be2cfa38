import { claimTick, finishTickStatement } from "../db/ticks";
import { epochMinute } from "./tick-time";

export type TickOutcome = { minute: number; claimed: boolean };

/**
 * One cron run for the minute containing `now`. Replaying a minute that has
 * already run does nothing.
 */
export async function runTick(env: Env, now: number): Promise<TickOutcome> {
  const minute = epochMinute(now);
  const startedAt = new Date(now).toISOString();
  const claimed = await claimTick(env.DB, minute, startedAt);
  if (!claimed) return { minute, claimed };
  await finishTickStatement(env.DB, minute, new Date().toISOString()).run();
  return { minute, claimed };
}
