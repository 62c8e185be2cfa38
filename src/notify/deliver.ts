/**
 * Delivers the outbox: fans events out to matching webhooks, then sends each
 * webhook's oldest pending delivery (so order holds per webhook), signed per
 * Standard Webhooks, six at a time, each attempt within 10 s. Failures back
 * off exponentially; after 24 hours of failing the webhook is disabled.
 */
import { Webhook as Signer } from "standardwebhooks";
import { readAll } from "../db/read";
import { mailFanOutStatements } from "../db/subscribers";
import {
  claimDelivery,
  type DueDelivery,
  disableWebhook,
  dueDeliveries,
  dueDeliveriesRead,
  giveUpDelivery,
  markFannedOut,
  type PendingEvent,
  pendingEventsRead,
  queueDelivery,
  recordAttempt,
  webhookFilters,
} from "../db/webhooks";
import type { EventBody } from "../domain/events";
import { iso, MINUTE_MS } from "../domain/time";
import type { FetchLike } from "../net/fetch";
import { runPool } from "../net/pool";
import { withTimeout } from "../net/timeout";
import { deliveryBody, type PageInfo } from "./payloads";

export const ATTEMPT_TIMEOUT_MS = 10_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * MINUTE_MS;
const CONCURRENCY = 6;
/** Rounds stop starting after this long: a write's waitUntil has 30 s, and the cron retries the rest. */
const ROUNDS_BUDGET_MS = 20_000;

/** 30 s, 1 min, 2 min … at most an hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * MINUTE_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** Queues a delivery per webhook that wants each pending event; false when there was none. */
async function fanOut(db: D1Database, now: number, events: readonly PendingEvent[]): Promise<boolean> {
  if (events.length === 0) return false;
  const hooks = await webhookFilters(db);
  const statements: D1PreparedStatement[] = [];
  for (const e of events) {
    const touched = JSON.parse(e.component_ids) as string[];
    for (const h of hooks) {
      if (!h.events.includes(e.event)) continue;
      if (h.components && !touched.some((id) => h.components?.includes(id))) continue;
      statements.push(queueDelivery(db, h.id, e, iso(now)));
    }
  }
  statements.push(
    markFannedOut(
      db,
      events.map((e) => e.id),
    ),
    // The same events, queued for subscribers' e-mail in the same batch.
    ...mailFanOutStatements(db, events, iso(now)),
  );
  await db.batch(statements);
  return true;
}

export type DeliveryRun = { sent: number; failed: number };

/** One signed POST; the answer's status, or the reason it failed. */
async function attempt(
  d: DueDelivery,
  body: string,
  fetcher: FetchLike,
  timeoutMs: number,
): Promise<{ status: number | null; error: string | null }> {
  const sentAt = new Date();
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
    return { status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { status: null, error: timedOut ? `timed out after ${timeoutMs / 1000} s` : "the request failed" };
  }
}

/** Sends one due delivery and records the outcome. True when it was delivered. */
async function deliverOne(
  db: D1Database,
  d: DueDelivery,
  page: PageInfo,
  now: number,
  fetcher: FetchLike,
  timeoutMs: number,
): Promise<"sent" | "failed" | "skipped"> {
  if (!(await claimDelivery(db, d.id, iso(now), iso(Math.max(now, Date.now()) + timeoutMs + 5000))))
    return "skipped";
  let body: string;
  try {
    body = JSON.stringify(deliveryBody(d.format, JSON.parse(d.body) as EventBody, page));
  } catch (err) {
    console.error(`delivery ${d.id}: event cannot be rendered`, err instanceof Error ? err.message : err);
    await giveUpDelivery(db, d.id, "the event could not be rendered").run();
    return "skipped";
  }
  const { status, error } = await attempt(d, body, fetcher, timeoutMs);
  const attempts = d.attempts + 1;
  const first = d.first_attempt_at ?? iso(now);
  const givingUp = error !== null && now - Date.parse(first) >= GIVE_UP_AFTER_MS;
  const record = recordAttempt(db, {
    id: d.id,
    attempts,
    firstAttemptAt: first,
    at: iso(now),
    status,
    error,
    nextAttemptAt: error === null || givingUp ? null : iso(now + backoffMs(attempts)),
  });
  const disable = givingUp
    ? [
        disableWebhook(
          db,
          d.webhook_id,
          `disabled after 24 hours of failed deliveries (last: ${error})`,
          iso(now),
        ),
      ]
    : [];
  await db.batch([record, ...disable]);
  return error === null ? "sent" : "failed";
}

/**
 * Fans the outbox out, then sends each webhook's queue in order: a round
 * sends the head of every queue, and rounds go on while they deliver, so the
 * events of one write all leave at once.
 */
export async function runDeliveries(
  env: Env,
  now: number,
  page: () => Promise<PageInfo>,
  fetcher: FetchLike = (input, init) => fetch(input, init),
  rounds = 20,
  timeoutMs = ATTEMPT_TIMEOUT_MS,
): Promise<DeliveryRun> {
  const db = env.DB;
  // One round trip when there is nothing to do: the events to fan out and the deliveries due.
  const [events, firstDue] = await readAll(db, [
    pendingEventsRead(db, 200),
    dueDeliveriesRead(db, iso(now), 30),
  ] as const);
  const fannedOut = await fanOut(db, now, events);
  const result: DeliveryRun = { sent: 0, failed: 0 };
  let info: PageInfo | null = null;
  const started = Date.now();
  for (let round = 0; round < rounds && Date.now() - started < ROUNDS_BUDGET_MS; round++) {
    const due = round === 0 && !fannedOut ? firstDue : await dueDeliveries(db, iso(now), 30);
    if (due.length === 0) break;
    info ??= await page();
    const pageInfo = info;
    const outcomes = await runPool(due, CONCURRENCY, (d) =>
      deliverOne(db, d, pageInfo, now, fetcher, timeoutMs),
    );
    result.sent += outcomes.filter((o) => o === "sent").length;
    result.failed += outcomes.filter((o) => o === "failed").length;
    if (!outcomes.includes("sent")) break;
  }
  return result;
}
