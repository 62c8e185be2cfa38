import { Hono } from "hono";
import { removeSubscriber, subscribe } from "../../actions/subscribers";
import { listSubscribers } from "../../db/subscribers";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf } from "../../http/operation";
import { summarise } from "../../models/subscribers";
import { OPS } from "../../openapi/operations";

/** Subscribing for integrations (public), and the subscriber list for admins. */
export const subscribers = new Hono<AppEnv>()
  .post("/", documented(OPS.createSubscriber), async (c) => {
    const input = await readBody(c, OPS.createSubscriber);
    await subscribe(c.env.DB, input, c.req.header("cf-connecting-ip") ?? "unknown", Date.now());
    c.header("Cache-Control", "no-store");
    return c.json({ status: "confirmation_sent" as const }, 202);
  })
  .get("/", documented(OPS.listSubscribers), async (c) => {
    const list = await listSubscribers(c.env.DB);
    return c.json({ summary: summarise(list), data: list });
  })
  .delete("/:subscriberId", documented(OPS.deleteSubscriber), async (c) => {
    await removeSubscriber(c, readParamOf(c, OPS.deleteSubscriber, "subscriberId"));
    return c.body(null, 204);
  });
