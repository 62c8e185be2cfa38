import { env } from "cloudflare:workers";
import { runTick, type TickOutcome } from "../../src/scheduled/run";

/** The environment without the probe queue: probes run inline, in the run. */
export function inlineEnv(overrides: Partial<Env> = {}): Env {
  return { ...env, PROBE_QUEUE: undefined, ...overrides } as Env;
}

export const MINUTE = 60_000;

/** A run at an exact minute, probing inline unless told otherwise. */
export function tickAt(at: number, e: Env = inlineEnv()): Promise<TickOutcome> {
  return runTick(e, at);
}

/**
 * Unused whole minutes, so replayed runs never collide with earlier tests'
 * minutes. They lie in the recent past: a run for a time well ahead of the
 * wall clock is refused.
 */
let base = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * 24 * 60 * MINUTE;
export function freshMinutes(count: number): number {
  const start = base;
  base += (count + 5) * MINUTE;
  return start;
}
