import { Hono } from "hono";
import { changeWebhook, createWebhook, loadWebhook, redeliver, removeWebhook } from "../../actions/webhooks";
import { listDeliveries, listWebhooks, type Webhook } from "../../db/webhooks";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { OPS } from "../../openapi/operations";

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

/** Webhook subscriptions (admin). The signing secret is returned once, at creation. */
export const webhooks = new Hono<AppEnv>()
  .get("/", documented(OPS.listWebhooks), async (c) => {
    const { limit } = readQueryOf(c, OPS.listWebhooks);
    return c.json({ data: (await listWebhooks(c.env.DB, limit ?? 100)).map(webhookOut) });
  })
  .post("/", documented(OPS.createWebhook), async (c) => {
    return c.json(await createWebhook(c, await readBody(c, OPS.createWebhook)), 201);
  })
  .get("/:webhookId", documented(OPS.getWebhook), async (c) => {
    const id = readParamOf(c, OPS.getWebhook, "webhookId");
    return c.json({ data: webhookOut(await loadWebhook(c.env.DB, id)) });
  })
  .patch("/:webhookId", documented(OPS.updateWebhook), async (c) => {
    const id = readParamOf(c, OPS.updateWebhook, "webhookId");
    await changeWebhook(c, id, await readBody(c, OPS.updateWebhook));
    return c.body(null, 204);
  })
  .delete("/:webhookId", documented(OPS.deleteWebhook), async (c) => {
    await removeWebhook(c, readParamOf(c, OPS.deleteWebhook, "webhookId"));
    return c.body(null, 204);
  })
  .get("/:webhookId/deliveries", documented(OPS.listDeliveries), async (c) => {
    const id = readParamOf(c, OPS.listDeliveries, "webhookId");
    const { limit } = readQueryOf(c, OPS.listDeliveries);
    await loadWebhook(c.env.DB, id);
    return c.json({ data: await listDeliveries(c.env.DB, id, limit ?? 100) });
  })
  .post("/:webhookId/deliveries/:deliveryId/redeliver", documented(OPS.redeliver), async (c) => {
    const id = readParamOf(c, OPS.redeliver, "webhookId");
    await redeliver(c, id, readParamOf(c, OPS.redeliver, "deliveryId"));
    return c.body(null, 202);
  });
