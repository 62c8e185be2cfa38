/** E-mail subscribers and the mails to send them. */
import { type EventType, MAILED_EVENTS } from "../domain/events";

export type Subscriber = {
  id: string;
  email: string;
  /** Component ids, or null for all. */
  components: string[] | null;
  createdAt: string;
  confirmedAt: string | null;
  failures: number;
  quarantinedAt: string | null;
  lastError: string | null;
  /** The language of their mail, or null for the page's default. */
  language: string | null;
};

type Row = {
  id: string;
  email: string;
  components: string | null;
  created_at: string;
  confirmed_at: string | null;
  failures: number;
  quarantined_at: string | null;
  last_error: string | null;
  language?: string | null;
};

function toSubscriber(r: Row): Subscriber {
  return {
    id: r.id,
    email: r.email,
    components: r.components === null ? null : (JSON.parse(r.components) as string[]),
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    failures: r.failures,
    quarantinedAt: r.quarantined_at,
    lastError: r.last_error,
    language: r.language ?? null,
  };
}

/**
 * A new or still unconfirmed address, with its confirmation mail queued. A
 * confirmed address is left as it is: the answer must not tell them apart.
 */
export function subscribeStatements(
  db: D1Database,
  s: { id: string; email: string; components: string[] | null; at: string; language: string | null },
): D1PreparedStatement[] {
  const components = s.components === null ? null : JSON.stringify(s.components);
  return [
    db
      .prepare(
        `INSERT INTO subscribers (id, email, components, created_at, language) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (email) DO UPDATE SET components = excluded.components, language = excluded.language
           WHERE subscribers.confirmed_at IS NULL`,
      )
      .bind(s.id, s.email, components, s.at, s.language),
    db
      .prepare(
        `INSERT INTO mails (subscriber_id, kind, event_id, next_attempt_at, created_at)
         SELECT id, 'confirm', '', ?2, ?2 FROM subscribers WHERE email = ?1 AND confirmed_at IS NULL
         ON CONFLICT (subscriber_id, kind, event_id) DO UPDATE SET
           status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at, error = NULL`,
      )
      .bind(s.email, s.at),
  ];
}

export async function getSubscriber(db: D1Database, id: string): Promise<Subscriber | null> {
  const row = await db.prepare("SELECT * FROM subscribers WHERE id = ?1").bind(id).first<Row>();
  return row ? toSubscriber(row) : null;
}

export async function listSubscribers(db: D1Database): Promise<Subscriber[]> {
  const { results } = await db.prepare("SELECT * FROM subscribers ORDER BY created_at, email").all<Row>();
  return results.map(toSubscriber);
}

export function confirmSubscriber(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare("UPDATE subscribers SET confirmed_at = ?2 WHERE id = ?1 AND confirmed_at IS NULL")
    .bind(id, at);
}

export function setSubscriberComponents(
  db: D1Database,
  id: string,
  components: string[] | null,
): D1PreparedStatement {
  return db
    .prepare("UPDATE subscribers SET components = ?2 WHERE id = ?1")
    .bind(id, components === null ? null : JSON.stringify(components));
}

/** Leaving deletes the address and everything queued for it. */
export function deleteSubscriberStatements(db: D1Database, id: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM mails WHERE subscriber_id = ?1").bind(id),
    db.prepare("DELETE FROM subscribers WHERE id = ?1").bind(id),
  ];
}

/** Unconfirmed addresses older than `before`, with their mails. */
export function purgeUnconfirmedStatements(db: D1Database, before: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        "DELETE FROM mails WHERE subscriber_id IN (SELECT id FROM subscribers WHERE confirmed_at IS NULL AND created_at < ?1)",
      )
      .bind(before),
    db.prepare("DELETE FROM subscribers WHERE confirmed_at IS NULL AND created_at < ?1").bind(before),
    db
      .prepare("DELETE FROM mails WHERE status <> 'pending' AND created_at < ?1")
      .bind(new Date(Date.parse(before) - 28 * 86_400_000).toISOString()),
  ];
}

/**
 * Queues one mail per confirmed subscriber for each event subscribers hear
 * about (and were not kept quiet about), for the subscribers whose
 * components it touches, and marks the events mailed. Part of the outbox's
 * fan-out batch, beside the webhooks'.
 */
export function mailFanOutStatements(
  db: D1Database,
  events: readonly { id: string; event: string; component_ids: string; notify: number }[],
  at: string,
): D1PreparedStatement[] {
  if (events.length === 0) return [];
  const statements = events
    .filter((e) => e.notify === 1 && MAILED_EVENTS.has(e.event as EventType))
    .map((e) =>
      db
        .prepare(
          `INSERT OR IGNORE INTO mails (subscriber_id, kind, event_id, next_attempt_at, created_at)
           SELECT s.id, 'event', ?1, ?2, ?2 FROM subscribers s
           WHERE s.confirmed_at IS NOT NULL AND s.quarantined_at IS NULL
             AND (s.components IS NULL OR EXISTS (
               SELECT 1 FROM json_each(s.components) c WHERE c.value IN (SELECT value FROM json_each(?3))))`,
        )
        .bind(e.id, at, e.component_ids),
    );
  statements.push(
    db
      .prepare("UPDATE outbox SET mailed = 1 WHERE id IN (SELECT value FROM json_each(?1))")
      .bind(JSON.stringify(events.map((e) => e.id))),
  );
  return statements;
}

export type DueMail = {
  id: number;
  kind: "confirm" | "event";
  attempts: number;
  createdAt: string;
  subscriberId: string;
  email: string;
  /** The outbox event's body, for an event mail. */
  body: string | null;
  /** The subscriber's language, or null for the page's default. */
  language: string | null;
};

/** Pending mails whose time has come, oldest first, to subscribers not quarantined. */
export async function dueMails(db: D1Database, now: string, limit: number): Promise<DueMail[]> {
  const { results } = await db
    .prepare(
      `SELECT m.id, m.kind, m.attempts, m.created_at, s.id AS subscriber_id, s.email, o.body, s.language
       FROM mails m JOIN subscribers s ON s.id = m.subscriber_id LEFT JOIN outbox o ON o.id = m.event_id
       WHERE m.status = 'pending' AND m.next_attempt_at <= ?1 AND s.quarantined_at IS NULL
       ORDER BY m.id LIMIT ?2`,
    )
    .bind(now, limit)
    .all<{
      id: number;
      kind: "confirm" | "event";
      attempts: number;
      created_at: string;
      subscriber_id: string;
      email: string;
      body: string | null;
      language: string | null;
    }>();
  return results.map((r) => ({
    id: r.id,
    kind: r.kind,
    attempts: r.attempts,
    createdAt: r.created_at,
    subscriberId: r.subscriber_id,
    email: r.email,
    body: r.body,
    language: r.language,
  }));
}

/** Holds mails for one sender until `until`, so an overlapping run does not send them too. */
export function leaseMails(db: D1Database, ids: readonly number[], until: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE mails SET next_attempt_at = ?2 WHERE status = 'pending' AND id IN (SELECT value FROM json_each(?1))",
    )
    .bind(JSON.stringify(ids), until);
}

export type MailOutcome =
  | { id: number; result: "sent"; at: string }
  | { id: number; result: "retry"; at: string; next: string; error: string }
  | { id: number; result: "give-up"; at: string; error: string }
  | { id: number; result: "rejected"; at: string; error: string; subscriberId: string };

/** Subscribers with this many permanent refusals are quarantined: nothing more is sent to them. */
export const QUARANTINE_AFTER = 3;

export function mailOutcomeStatements(
  db: D1Database,
  outcomes: readonly MailOutcome[],
): D1PreparedStatement[] {
  return outcomes.flatMap((o): D1PreparedStatement[] => {
    if (o.result === "sent") {
      return [
        db
          .prepare("UPDATE mails SET status = 'sent', sent_at = ?2, error = NULL WHERE id = ?1")
          .bind(o.id, o.at),
      ];
    }
    if (o.result === "retry") {
      return [
        db
          .prepare("UPDATE mails SET attempts = attempts + 1, next_attempt_at = ?2, error = ?3 WHERE id = ?1")
          .bind(o.id, o.next, o.error),
      ];
    }
    const failed = db
      .prepare("UPDATE mails SET status = 'failed', attempts = attempts + 1, error = ?2 WHERE id = ?1")
      .bind(o.id, o.error);
    if (o.result === "give-up") return [failed];
    return [
      failed,
      db
        .prepare(
          `UPDATE subscribers SET failures = failures + 1, last_error = ?2,
             quarantined_at = CASE WHEN failures + 1 >= ?4 THEN ?3 ELSE quarantined_at END
           WHERE id = ?1`,
        )
        .bind(o.subscriberId, o.error, o.at, QUARANTINE_AFTER),
    ];
  });
}

/** One more attempt under `key` in `window`; the count after it. */
export async function countAttempt(db: D1Database, key: string, window: string): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (key, window, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(key, window)
    .first<{ count: number }>();
  return row?.count ?? 1;
}

export function purgeRateLimits(db: D1Database, before: string): D1PreparedStatement {
  return db.prepare("DELETE FROM rate_limits WHERE window < ?1").bind(before);
}
