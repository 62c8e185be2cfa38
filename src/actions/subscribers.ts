/** Subscribing, confirming, changing and leaving: for the public form, the API and the console. */

import type { Context } from "hono";
import { listComponents } from "../db/components";
import {
  confirmSubscriber,
  countAttempt,
  deleteSubscriberStatements,
  getSubscriber,
  type Subscriber,
  setSubscriberComponents,
  subscribeStatements,
} from "../db/subscribers";
import { HOUR_MS, iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { notFound, Problem } from "../http/problem";

/** Subscribe attempts allowed per hour: per client, and per address. */
export const SUBSCRIBE_LIMITS = { client: 10, address: 3 };

/** The components must exist; an empty choice means all of them. */
async function checkComponents(
  db: D1Database,
  ids: readonly string[] | null | undefined,
): Promise<string[] | null> {
  if (!ids || ids.length === 0) return null;
  const known = new Set((await listComponents(db)).map((c) => c.id));
  const unknown = ids.findIndex((id) => !known.has(id));
  if (unknown >= 0) {
    throw new Problem(422, "A chosen component does not exist", {
      errors: [{ path: `components.${unknown}`, message: "is not a component of this page" }],
    });
  }
  return [...new Set(ids)];
}

/**
 * Records the address as pending and queues its confirmation mail, unless it
 * is confirmed already. The caller answers the same in every case.
 */
export async function subscribe(
  db: D1Database,
  input: { email: string; components?: string[] | null; language?: string | null },
  client: string,
  now: number,
): Promise<void> {
  const components = await checkComponents(db, input.components);
  const window = iso(Math.floor(now / HOUR_MS) * HOUR_MS);
  const [byClient, byAddress] = await Promise.all([
    countAttempt(db, `subscribe:client:${client}`, window),
    countAttempt(db, `subscribe:address:${input.email}`, window),
  ]);
  if (byClient > SUBSCRIBE_LIMITS.client || byAddress > SUBSCRIBE_LIMITS.address) {
    const wait = Math.ceil((Date.parse(window) + HOUR_MS - now) / 1000);
    throw new Problem(429, "Too many subscription requests. Try again later.", {
      headers: { "Retry-After": String(Math.max(1, wait)) },
    });
  }
  await db.batch(
    subscribeStatements(db, {
      id: crypto.randomUUID(),
      email: input.email,
      components,
      at: iso(now),
      language: input.language ?? null,
    }),
  );
}

export async function confirm(db: D1Database, subscriber: Subscriber, now: number): Promise<void> {
  await confirmSubscriber(db, subscriber.id, iso(now)).run();
}

export async function changeComponents(
  db: D1Database,
  subscriber: Subscriber,
  ids: readonly string[] | null,
): Promise<void> {
  await setSubscriberComponents(db, subscriber.id, await checkComponents(db, ids)).run();
}

/** A visitor leaves by their signed link: the address and its mails are deleted. */
export async function leave(db: D1Database, id: string): Promise<void> {
  await db.batch(deleteSubscriberStatements(db, id));
}

/** An operator removes a subscriber: the same deletion, audited. */
export async function removeSubscriber(c: Context<AppEnv>, id: string): Promise<void> {
  if (!(await getSubscriber(c.env.DB, id))) throw notFound(`Subscriber ${id}`);
  await commit(c, deleteSubscriberStatements(c.env.DB, id), { action: "subscriber.delete", resourceId: id });
}
