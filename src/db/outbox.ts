/**
 * The outbox: events written in the same D1 batch as the change that caused
 * them, so none is lost and none is phantom.
 */
import type { EventBody } from "../domain/events";

export function eventId(): string {
  return `msg_${crypto.randomUUID().replaceAll("-", "")}`;
}

/** The outbox row; `seq` orders events, counted inside the batch's transaction. */
/** An event for webhooks and, unless `mailSubscribers` is false, for subscribers' e-mail. */
export function outboxStatement(
  db: D1Database,
  body: EventBody,
  componentIds: readonly string[],
  mailSubscribers = true,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO outbox (id, seq, event, component_ids, body, created_at, notify)
       VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox), ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(
      eventId(),
      body.event,
      JSON.stringify([...new Set(componentIds)]),
      JSON.stringify(body),
      body.at,
      mailSubscribers ? 1 : 0,
    );
}
