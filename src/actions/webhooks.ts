/** Webhooks: targets checked, secrets generated, every change audited. */
import type { Context } from "hono";
import type * as v from "valibot";
import { getComponents } from "../db/components";
import {
  deleteWebhook,
  getDelivery,
  getWebhook,
  insertWebhook,
  redeliverStatement,
  updateWebhook,
  type Webhook,
} from "../db/webhooks";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { badField, notFound } from "../http/problem";
import { targetRefusal } from "../net/targets";
import type { OPS } from "../openapi/operations";
import { readSettings } from "../settings";

type Ctx = Context<AppEnv>;
export type WebhookCreate = v.InferOutput<(typeof OPS.createWebhook)["body"]>;
export type WebhookPatch = v.InferOutput<(typeof OPS.updateWebhook)["body"]>;

function newSecret(): string {
  let bin = "";
  for (const b of crypto.getRandomValues(new Uint8Array(24))) bin += String.fromCharCode(b);
  return `whsec_${btoa(bin)}`;
}

async function checkTarget(
  env: Env,
  url: string,
  components: readonly string[] | null | undefined,
): Promise<void> {
  if (/^http:/i.test(url) && env.ALLOW_HTTP_WEBHOOKS !== "true") {
    throw badField("url", "must be https (plain http needs ALLOW_HTTP_WEBHOOKS=true)");
  }
  const refusal = targetRefusal(url, readSettings(env).privateTargets);
  if (refusal) throw badField("url", refusal);
  if (components?.length) {
    const found = new Set(
      (await getComponents(env.DB, components)).filter((c) => !c.deletedAt).map((c) => c.id),
    );
    const missing = components.findIndex((id) => !found.has(id));
    if (missing >= 0)
      throw badField(`components.${missing}`, `component ${components[missing]} does not exist`);
  }
}

export async function loadWebhook(db: D1Database, id: string): Promise<Webhook> {
  const w = await getWebhook(db, id);
  if (!w) throw notFound(`Webhook ${id}`);
  return w;
}

/** Creates a webhook; its signing secret is returned only now. */
export async function createWebhook(c: Ctx, input: WebhookCreate): Promise<{ id: string; secret: string }> {
  await checkTarget(c.env, input.url, input.components);
  const now = iso(Date.now());
  const webhook: Webhook = {
    id: crypto.randomUUID(),
    url: input.url,
    events: input.events,
    components: input.components ?? null,
    format: input.format,
    secret: newSecret(),
    enabled: true,
    disabledReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await commit(c, [insertWebhook(c.env.DB, webhook)], { action: "webhook.create", resourceId: webhook.id });
  return { id: webhook.id, secret: webhook.secret };
}

export async function changeWebhook(c: Ctx, id: string, patch: WebhookPatch): Promise<void> {
  const current = await loadWebhook(c.env.DB, id);
  const next: Webhook = {
    ...current,
    url: patch.url ?? current.url,
    events: patch.events ?? current.events,
    components: patch.components === undefined ? current.components : patch.components,
    format: patch.format ?? current.format,
    enabled: patch.enabled ?? current.enabled,
    updatedAt: iso(Date.now()),
  };
  await checkTarget(c.env, next.url, next.components);
  await commit(c, [updateWebhook(c.env.DB, next)], { action: "webhook.update", resourceId: id });
}

export async function removeWebhook(c: Ctx, id: string): Promise<void> {
  await loadWebhook(c.env.DB, id);
  await commit(c, [deleteWebhook(c.env.DB, id, iso(Date.now()))], {
    action: "webhook.delete",
    resourceId: id,
  });
}

export async function redeliver(c: Ctx, id: string, deliveryId: number): Promise<void> {
  await loadWebhook(c.env.DB, id);
  // Checked before the write, so a refused redelivery leaves no audit row claiming it happened.
  if (!(await getDelivery(c.env.DB, id, deliveryId)))
    throw notFound(`Delivery ${deliveryId} of webhook ${id}`);
  await commit(c, [redeliverStatement(c.env.DB, id, deliveryId, iso(Date.now()))], {
    action: "webhook.redeliver",
    resourceId: String(deliveryId),
  });
}
