import type { EventType } from "../domain/events";
import { type Read, read, run } from "./read";

export type WebhookFormat = "statuspage" | "slack" | "discord";

export type Webhook = {
  id: string;
  url: string;
  events: EventType[];
  components: string[] | null;
  format: WebhookFormat;
  secret: string;
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
};

type Row = {
  id: string;
  url: string;
  events: string;
  components: string | null;
  format: WebhookFormat;
  secret: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
};

function toWebhook(r: Row): Webhook {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as EventType[],
    components: r.components ? (JSON.parse(r.components) as string[]) : null,
    format: r.format,
    secret: r.secret,
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listWebhooks(db: D1Database, limit = 500): Promise<Webhook[]> {
  const { results } = await db
    .prepare("SELECT * FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at, id LIMIT ?1")
    .bind(limit)
    .all<Row>();
  return results.map(toWebhook);
}

export async function getWebhook(db: D1Database, id: string): Promise<Webhook | null> {
  const row = await db
    .prepare("SELECT * FROM webhooks WHERE id = ?1 AND deleted_at IS NULL")
    .bind(id)
    .first<Row>();
  return row ? toWebhook(row) : null;
}

/** ?1 to ?5 of both the insert and the update: id, url, events, components, format. */
function sharedColumns(w: Webhook): [string, string, string, string | null, string] {
  return [
    w.id,
    w.url,
    JSON.stringify(w.events),
    w.components ? JSON.stringify(w.components) : null,
    w.format,
  ];
}

export function insertWebhook(db: D1Database, w: Webhook): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webhooks (id, url, events, components, format, secret, enabled, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7)`,
    )
    .bind(...sharedColumns(w), w.secret, w.createdAt);
}

export function updateWebhook(db: D1Database, w: Webhook): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhooks SET url = ?2, events = ?3, components = ?4, format = ?5, enabled = ?6,
         disabled_reason = CASE WHEN ?6 = 1 THEN NULL ELSE disabled_reason END, updated_at = ?7
       WHERE id = ?1 AND deleted_at IS NULL`,
    )
    .bind(...sharedColumns(w), w.enabled ? 1 : 0, w.updatedAt);
}

export function deleteWebhook(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE webhooks SET deleted_at = ?2, enabled = 0 WHERE id = ?1").bind(id, at);
}

export type Delivery = {
  id: number;
  webhookId: string;
  eventId: string;
  event: string;
  seq: number;
  status: "pending" | "delivered" | "gave_up";
  attempts: number;
  nextAttemptAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

type DeliveryRow = {
  id: number;
  webhook_id: string;
  event_id: string;
  event: string;
  seq: number;
  status: Delivery["status"];
  attempts: number;
  next_attempt_at: string;
  first_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
};

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    event: r.event,
    seq: r.seq,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    firstAttemptAt: r.first_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  };
}

export async function listDeliveries(db: D1Database, webhookId: string, limit: number): Promise<Delivery[]> {
  const { results } = await db
    .prepare(
      `SELECT d.*, o.event FROM deliveries d JOIN outbox o ON o.id = d.event_id
       WHERE d.webhook_id = ?1 ORDER BY d.seq DESC LIMIT ?2`,
    )
    .bind(webhookId, limit)
    .all<DeliveryRow>();
  return results.map(toDelivery);
}

export async function getDelivery(db: D1Database, webhookId: string, id: number): Promise<Delivery | null> {
  const row = await db
    .prepare(
      `SELECT d.*, o.event FROM deliveries d JOIN outbox o ON o.id = d.event_id WHERE d.id = ?2 AND d.webhook_id = ?1`,
    )
    .bind(webhookId, id)
    .first<DeliveryRow>();
  return row ? toDelivery(row) : null;
}

/** Queues a delivery again, with the same event and so the same webhook-id. */
export function redeliverStatement(
  db: D1Database,
  webhookId: string,
  deliveryId: number,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = ?3, first_attempt_at = NULL, last_error = NULL
       WHERE id = ?2 AND webhook_id = ?1`,
    )
    .bind(webhookId, deliveryId, at);
}

/** Outbox events not yet fanned out to webhooks, oldest first. */
export type PendingEvent = { id: string; seq: number; event: string; component_ids: string; notify: number };

/** Outbox events not yet fanned out to webhooks, oldest first. */
export function pendingEventsRead(db: D1Database, limit: number): Read<PendingEvent[]> {
  return read(
    db
      .prepare(
        "SELECT id, seq, event, component_ids, notify FROM outbox WHERE fanned_out = 0 ORDER BY seq LIMIT ?1",
      )
      .bind(limit),
    (rows: PendingEvent[]) => rows,
  );
}

export type DueDelivery = {
  id: number;
  webhook_id: string;
  event_id: string;
  attempts: number;
  first_attempt_at: string | null;
  body: string;
  event: string;
  url: string;
  format: WebhookFormat;
  secret: string;
};

/** Which events and components each enabled webhook wants. */
export async function webhookFilters(
  db: D1Database,
): Promise<{ id: string; events: string[]; components: string[] | null }[]> {
  const { results } = await db
    .prepare("SELECT id, events, components FROM webhooks WHERE deleted_at IS NULL AND enabled = 1")
    .all<{ id: string; events: string; components: string | null }>();
  return results.map((r) => ({
    id: r.id,
    events: JSON.parse(r.events) as string[],
    components: r.components ? (JSON.parse(r.components) as string[]) : null,
  }));
}

/** A delivery of an event to a webhook, due now; a repeat is ignored. */
export function queueDelivery(
  db: D1Database,
  webhookId: string,
  event: { id: string; seq: number },
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT OR IGNORE INTO deliveries (webhook_id, event_id, seq, status, next_attempt_at, created_at)
       VALUES (?1, ?2, ?3, 'pending', ?4, ?4)`,
    )
    .bind(webhookId, event.id, event.seq, at);
}

export function markFannedOut(db: D1Database, eventIds: readonly string[]): D1PreparedStatement {
  return db
    .prepare("UPDATE outbox SET fanned_out = 1 WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(eventIds));
}

/**
 * Claims an attempt until `until`, so a concurrent run (the cron and a
 * write's waitUntil) cannot send it too. False when another run has it.
 */
export async function claimDelivery(
  db: D1Database,
  id: number,
  now: string,
  until: string,
): Promise<boolean> {
  const claim = await db
    .prepare(
      "UPDATE deliveries SET next_attempt_at = ?3 WHERE id = ?1 AND status = 'pending' AND next_attempt_at <= ?2",
    )
    .bind(id, now, until)
    .run();
  return claim.meta.changes === 1;
}

export function giveUpDelivery(db: D1Database, id: number, reason: string): D1PreparedStatement {
  return db
    .prepare("UPDATE deliveries SET status = 'gave_up', last_error = ?2 WHERE id = ?1")
    .bind(id, reason);
}

export type AttemptRecord = {
  id: number;
  attempts: number;
  firstAttemptAt: string;
  at: string;
  status: number | null;
  error: string | null;
  /** The next attempt, or null when this one delivered or was the last. */
  nextAttemptAt: string | null;
};

/** The outcome of an attempt: delivered, pending a retry, or given up. */
export function recordAttempt(db: D1Database, a: AttemptRecord): D1PreparedStatement {
  const state = a.error === null ? "delivered" : a.nextAttemptAt ? "pending" : "gave_up";
  return db
    .prepare(
      `UPDATE deliveries SET status = ?2, attempts = ?3, first_attempt_at = ?4, last_attempt_at = ?5,
         last_status = ?6, last_error = ?7, next_attempt_at = COALESCE(?8, next_attempt_at),
         delivered_at = CASE WHEN ?2 = 'delivered' THEN ?5 ELSE delivered_at END
       WHERE id = ?1`,
    )
    .bind(a.id, state, a.attempts, a.firstAttemptAt, a.at, a.status, a.error, a.nextAttemptAt);
}

export function disableWebhook(db: D1Database, id: string, reason: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE webhooks SET enabled = 0, disabled_reason = ?2, updated_at = ?3 WHERE id = ?1")
    .bind(id, reason, at);
}

/** The head of each enabled webhook's queue that is due, oldest event first. */
/** Deliveries due now: the oldest pending one per webhook, so each receives in order. */
export function dueDeliveriesRead(db: D1Database, now: string, limit: number): Read<DueDelivery[]> {
  return read(
    db
      .prepare(
        `SELECT d.id, d.webhook_id, d.event_id, d.attempts, d.first_attempt_at, o.body, o.event,
              w.url, w.format, w.secret
       FROM deliveries d JOIN outbox o ON o.id = d.event_id JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.status = 'pending' AND w.enabled = 1 AND w.deleted_at IS NULL AND d.next_attempt_at <= ?1
         AND d.seq = (SELECT MIN(seq) FROM deliveries x WHERE x.webhook_id = d.webhook_id AND x.status = 'pending')
       ORDER BY d.seq LIMIT ?2`,
      )
      .bind(now, limit),
    (rows: DueDelivery[]) => rows,
  );
}

export function dueDeliveries(db: D1Database, now: string, limit: number): Promise<DueDelivery[]> {
  return run(dueDeliveriesRead(db, now, limit));
}
