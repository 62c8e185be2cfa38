/**
 * Delivers the outbox: fans events out to matching webhooks, then sends each
 * webhook's oldest pending delivery (so order holds per webhook), signed per
 * Standard Webhooks, six at a time, each attempt within 10 s. Failures back
 * off exponentially; after 24 hours of failing the webhook is disabled.
 */
import { Webhook as Signer } from "standardwebhooks";
import { dueDeliveries, pendingEvents } from "../db/webhooks";
import { iso, MINUTE_MS } from "../domain/time";
import type { FetchLike } from "../net/fetch";
import { runPool } from "../net/pool";
import { withTimeout } from "../net/timeout";
import type { EventBody } from "./events";
import { deliveryBody, type PageInfo } from "./payloads";

export const ATTEMPT_TIMEOUT_MS = 10_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * MINUTE_MS;
const CONCURRENCY = 6;

/** 30 s, 1 min, 2 min … at most an hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * MINUTE_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

async function fanOut(db: D1Database, now: number): Promise<void> {
  const events = await pendingEvents(db, 200);
  if (events.length === 0) return;
  const { results: hooks } = await db
    .prepare("SELECT id, events, components FROM webhooks WHERE deleted_at IS NULL AND enabled = 1")
    .all<{ id: string; events: string; components: string | null }>();
  const statements: D1PreparedStatement[] = [];
  for (const e of events) {
    const touched = JSON.parse(e.component_ids) as string[];
    for (const h of hooks) {
      if (!(JSON.parse(h.events) as string[]).includes(e.event)) continue;
      const only = h.components ? (JSON.parse(h.components) as string[]) : null;
      if (only && !touched.some((id) => only.includes(id))) continue;
      statements.push(
        db
          .prepare(
            `INSERT OR IGNORE INTO deliveries (webhook_id, event_id, seq, status, next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, 'pending', ?4, ?4)`,
          )
          .bind(h.id, e.id, e.seq, iso(now)),
      );
    }
  }
  statements.push(
    db
      .prepare("UPDATE outbox SET fanned_out = 1 WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(events.map((e) => e.id))),
  );
  await db.batch(statements);
}

export type DeliveryRun = { sent: number; failed: number };

export async function runDeliveries(
  env: Env,
  now: number,
  page: () => Promise<PageInfo>,
  fetcher: FetchLike = (input, init) => fetch(input, init),
  rounds = 5,
  timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<DeliveryRun> {
  const db = env.DB;
  await fanOut(db, now);
  const result: DeliveryRun = { sent: 0, failed: 0 };
  let info: PageInfo | null = null;
  for (let round = 0; round < rounds; round++) {
    const due = await dueDeliveries(db, iso(now), 30);
    if (due.length === 0) break;
    info ??= await page();
    const pageInfo = info;
    let progress = false;
    await runPool(due, CONCURRENCY, async (d) => {
      // Claim the attempt first, so a concurrent run (the cron and a write's
      // waitUntil) cannot send it too; a run that dies here frees it when the claim lapses.
      const claim = await db
        .prepare(
          "UPDATE deliveries SET next_attempt_at = ?3 WHERE id = ?1 AND status = 'pending' AND next_attempt_at <= ?2",
        )
        .bind(d.id, iso(now), iso(Math.max(now, Date.now()) + timeoutMs + 5000))
        .run();
      if (claim.meta.changes !== 1) return;
      let body: string;
      try {
        body = JSON.stringify(deliveryBody(d.format, JSON.parse(d.body) as EventBody, pageInfo));
      } catch (err) {
        console.error(`delivery ${d.id}: event cannot be rendered`, err instanceof Error ? err.message : err);
        await db
          .prepare(
            "UPDATE deliveries SET status = 'gave_up', last_error = 'the event could not be rendered' WHERE id = ?1",
          )
          .bind(d.id)
          .run();
        return;
      }
      const sentAt = new Date();
      let status: number | null = null;
      let error: string | null = null;
      try {
        const signature = new Signer(d.secret).sign(d.event_id, sentAt, body);
        const res = await withTimeout(timeoutMs, async (signal) => {
          const answer = await fetcher(d.url, {
            method: "POST",
            headers: {
              "Content-Type": "application/json",
              "User-Agent": "Beacon-Webhooks/1",
              "webhook-id": d.event_id,
              "webhook-timestamp": String(Math.floor(sentAt.getTime() / 1000)),
              "webhook-signature": signature,
            },
            body,
            redirect: "manual",
            signal,
          });
          await answer.body?.cancel();
          return answer;
        });
        status = res.status;
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error =
          err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")
            ? `timed out after ${timeoutMs / 1000} s`
            : "the request failed";
      }
      const attempts = d.attempts + 1;
      const first = d.first_attempt_at ?? iso(now);
      if (!error) {
        result.sent += 1;
        progress = true;
        await db
          .prepare(
            `UPDATE deliveries SET status = 'delivered', attempts = ?2, first_attempt_at = ?3, last_attempt_at = ?4,
               last_status = ?5, last_error = NULL, delivered_at = ?4 WHERE id = ?1`,
          )
          .bind(d.id, attempts, first, iso(now), status)
          .run();
        return;
      }
      result.failed += 1;
      const givingUp = now - Date.parse(first) >= GIVE_UP_AFTER_MS;
      await db.batch([
        db
          .prepare(
            `UPDATE deliveries SET status = ?2, attempts = ?3, first_attempt_at = ?4, last_attempt_at = ?5,
               last_status = ?6, last_error = ?7, next_attempt_at = ?8 WHERE id = ?1`,
          )
          .bind(
            d.id,
            givingUp ? "gave_up" : "pending",
            attempts,
            first,
            iso(now),
            status,
            error,
            iso(now + backoffMs(attempts)),
          ),
        ...(givingUp
          ? [
              db
                .prepare(
                  "UPDATE webhooks SET enabled = 0, disabled_reason = ?2, updated_at = ?3 WHERE id = ?1",
                )
                .bind(
                  d.webhook_id,
                  `disabled after 24 hours of failed deliveries (last: ${error})`,
                  iso(now),
                ),
            ]
          : []),
      ]);
    });
    if (!progress) break;
  }
  return result;
}
