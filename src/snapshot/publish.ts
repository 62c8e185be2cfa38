import { kvPublication, recordKvPublication, storeSnapshotStatement } from "../db/snapshot";
import { iso, MINUTE_MS } from "../domain/time";
import { buildSnapshot, snapshotJson } from "./build";
import { remember } from "./current";
import { KV_KEYS } from "./keys";
import type { Snapshot } from "./types";

/**
 * Rebuilds the snapshot from D1 and stores it, so the next page view anywhere
 * sees the change. The KV copy is refreshed at most once a minute (KV Free
 * allows 1,000 writes a day); the cron catches up on anything held back.
 */
export async function rebuildSnapshot(env: Env, now: number): Promise<Snapshot> {
  const snapshot = await buildSnapshot(env.DB, now);
  await storeSnapshotStatement(env.DB, snapshot.version, snapshot.builtAt, snapshotJson(snapshot)).run();
  remember(snapshot);
  await publishToKv(env, snapshot, now);
  return snapshot;
}

/** Writes the KV copy when it is behind and the last write is a minute old. Never throws. */
export async function publishToKv(env: Env, snapshot: Snapshot, now: number): Promise<boolean> {
  try {
    const last = await kvPublication(env.DB);
    if (snapshot.version <= last.version) return false;
    if (now - Date.parse(last.at) < MINUTE_MS) return false;
    await env.SNAPSHOTS.put(KV_KEYS.snapshot, snapshotJson(snapshot));
    await env.DB.batch(recordKvPublication(env.DB, snapshot.version, iso(now)));
    return true;
  } catch (err) {
    console.error("snapshot: KV publish failed", err instanceof Error ? err.message : err);
    return false;
  }
}
