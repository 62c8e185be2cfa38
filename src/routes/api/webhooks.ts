import { Hono } from "hono";
import { getComponents } from "../../db/components";
import {
  deleteWebhook,
  getDelivery,
  getWebhook,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  redeliverStatement,
  updateWebhook,
  type Webhook,
} from "../../db/webhooks";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { badField, notFound } from "../../http/problem";
import { targetRefusal } from "../../net/targets";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";

function webhookOut(w: Webhook) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    components: w.components,
    format: w.format,
    enabled: w.enabled,
    disabledReason: w.disabledReason,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}

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

/** Webhook subscriptions (admin). The signing secret is returned once, at creation. */
export const webhooks = new Hono<AppEnv>()
  .get("/", documented(OPS.listWebhooks), async (c) => {
    const { limit } = readQueryOf(c, OPS.listWebhooks);
    return c.json({ data: (await listWebhooks(c.env.DB, limit ?? 100)).map(webhookOut) });
  })
  .post("/", documented(OPS.createWebhook), async (c) => {
    const input = await readBody(c, OPS.createWebhook);
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
    return c.json({ id: webhook.id, secret: webhook.secret }, 201);
  })
  .get("/:webhookId", documented(OPS.getWebhook), async (c) => {
    const id = readParamOf(c, OPS.getWebhook, "webhookId");
    const w = await getWebhook(c.env.DB, id);
    if (!w) throw notFound(`Webhook ${id}`);
    return c.json({ data: webhookOut(w) });
  })
  .patch("/:webhookId", documented(OPS.updateWebhook), async (c) => {
    const id = readParamOf(c, OPS.updateWebhook, "webhookId");
    const patch = await readBody(c, OPS.updateWebhook);
    const current = await getWebhook(c.env.DB, id);
    if (!current) throw notFound(`Webhook ${id}`);
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
    return c.body(null, 204);
  })
  .delete("/:webhookId", documented(OPS.deleteWebhook), async (c) => {
    const id = readParamOf(c, OPS.deleteWebhook, "webhookId");
    if (!(await getWebhook(c.env.DB, id))) throw notFound(`Webhook ${id}`);
    await commit(c, [deleteWebhook(c.env.DB, id, iso(Date.now()))], {
      action: "webhook.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  })
  .get("/:webhookId/deliveries", documented(OPS.listDeliveries), async (c) => {
    const id = readParamOf(c, OPS.listDeliveries, "webhookId");
    const { limit } = readQueryOf(c, OPS.listDeliveries);
    if (!(await getWebhook(c.env.DB, id))) throw notFound(`Webhook ${id}`);
    return c.json({ data: await listDeliveries(c.env.DB, id, limit ?? 100) });
  })
  .post("/:webhookId/deliveries/:deliveryId/redeliver", documented(OPS.redeliver), async (c) => {
    const id = readParamOf(c, OPS.redeliver, "webhookId");
    const deliveryId = readParamOf(c, OPS.redeliver, "deliveryId");
    if (!(await getWebhook(c.env.DB, id))) throw notFound(`Webhook ${id}`);
    // Checked before the write, so a refused redelivery leaves no audit row claiming it happened.
    if (!(await getDelivery(c.env.DB, id, deliveryId)))
      throw notFound(`Delivery ${deliveryId} of webhook ${id}`);
    await commit(c, [redeliverStatement(c.env.DB, id, deliveryId, iso(Date.now()))], {
      action: "webhook.redeliver",
      resourceId: String(deliveryId),
    });
    return c.body(null, 202);
  });
