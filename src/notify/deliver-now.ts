import { runDeliveries } from "./deliver";
import { pageInfo } from "./page-info";

/** Delivers what the outbox holds, right after a write; the cron retries whatever fails. Never throws. */
export async function deliverNow(env: Env, origin: string): Promise<void> {
  try {
    const now = Date.now();
    await runDeliveries(env, now, () => pageInfo(env, now, origin));
  } catch (err) {
    console.error("delivery after write failed; the cron retries", err instanceof Error ? err.message : err);
  }
}
