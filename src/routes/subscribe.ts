/**
 * The public subscription pages, without script: subscribe (double opt-in),
 * confirm by a signed link that expires, and manage or leave by a signed
 * link in every mail. The unsubscribe URL takes the one-click POST of
 * RFC 8058, so it needs no form token: its signature is the proof.
 */
import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import type { VNode } from "preact";
import * as v from "valibot";
import { changeComponents, confirm, leave, subscribe } from "../actions/subscribers";
import { listComponents } from "../db/components";
import { getSubscriber, type Subscriber } from "../db/subscribers";
import type { AppEnv } from "../env";
import { readForm } from "../http/form";
import { toFieldErrors } from "../http/input";
import { Problem } from "../http/problem";
import { verify } from "../notify/mail";
import { SubscriberCreate } from "../schemas/subscribers";
import { readSettings } from "../settings";
import { renderDocument } from "../views/layout";
import { ManageForm, Message, SubscribeForm } from "../views/subscribe-page";

function show(
  c: Context<AppEnv>,
  title: string,
  body: VNode,
  status: 200 | 400 | 403 | 404 | 422 | 429 = 200,
) {
  const settings = readSettings(c.env);
  c.header("Cache-Control", "no-store");
  return c.html(
    renderDocument({
      title: `${title} · ${settings.pageName}`,
      settings,
      tz: settings.timeZone,
      path: c.req.path,
      body,
    }),
    status,
  );
}

async function choices(db: D1Database) {
  return (await listComponents(db)).map((c) => ({ id: c.id, name: c.displayName }));
}

/** The subscriber a signed manage link names, or null when the link is not ours or they left. */
async function signedSubscriber(c: Context<AppEnv>): Promise<Subscriber | null> {
  const { s, sig } = c.req.query();
  if (!s || !sig || !(await verify(c.env.DB, sig, "manage", s))) return null;
  return getSubscriber(c.env.DB, s);
}

const gone = (c: Context<AppEnv>) =>
  show(
    c,
    "Link not valid",
    Message({
      title: "This link does not work",
      text: "It is not one of ours, or the address it was for has left already. Nothing was changed.",
    }),
    404,
  );

export const subscribePages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const settings = readSettings(c.env);
    return show(
      c,
      "Subscribe",
      SubscribeForm({
        pageName: settings.pageName,
        components: await choices(c.env.DB),
        errors: [],
        email: "",
        chosen: [],
        sent: c.req.query("done") === "sent",
      }),
    );
  })
  .post("/", csrf(), async (c) => {
    const form = await readForm(c);
    const email = form.get("email") ?? "";
    const chosen = form.getAll("components");
    const parsed = v.safeParse(SubscriberCreate, { email, components: chosen });
    const settings = readSettings(c.env);
    const again = async (errors: { path: string; message: string }[], status: 400 | 422 | 429) =>
      show(
        c,
        "Subscribe",
        SubscribeForm({
          pageName: settings.pageName,
          components: await choices(c.env.DB),
          errors,
          email,
          chosen,
          sent: false,
        }),
        status,
      );
    if (!parsed.success) return again(toFieldErrors(parsed.issues), 400);
    try {
      await subscribe(c.env.DB, parsed.output, c.req.header("cf-connecting-ip") ?? "unknown", Date.now());
    } catch (err) {
      if (err instanceof Problem && (err.status === 422 || err.status === 429)) {
        if (err.status === 429) c.header("Retry-After", err.headers?.["Retry-After"] ?? "3600");
        return again(err.errors ?? [{ path: "email", message: err.detail }], err.status);
      }
      throw err;
    }
    return c.redirect("/subscribe?done=sent", 303);
  })
  .get("/confirm", async (c) => {
    const { s, exp, sig } = c.req.query();
    const expires = Number(exp) * 1000;
    const valid =
      Boolean(s && exp && sig) && (await verify(c.env.DB, sig ?? "", "confirm", s ?? "", exp ?? ""));
    if (!valid) return gone(c);
    if (!(expires > Date.now())) {
      return show(
        c,
        "Link expired",
        Message({
          title: "This link has expired",
          text: "Confirmation links last 48 hours. Subscribe again.",
        }),
        403,
      );
    }
    const subscriber = await getSubscriber(c.env.DB, s as string);
    if (!subscriber) return gone(c);
    await confirm(c.env.DB, subscriber, Date.now());
    return show(
      c,
      "Subscribed",
      Message({
        title: "You are subscribed",
        text: `News about ${readSettings(c.env).pageName} will come to ${subscriber.email}. Every message has a link to change that or leave.`,
      }),
    );
  })
  .get("/manage", async (c) => {
    const subscriber = await signedSubscriber(c);
    if (!subscriber) return gone(c);
    const query = new URLSearchParams({ s: subscriber.id, sig: c.req.query("sig") ?? "" });
    return show(
      c,
      "Your subscription",
      ManageForm({
        email: subscriber.email,
        components: await choices(c.env.DB),
        chosen: subscriber.components ?? [],
        action: `/subscribe/manage?${query}`,
        leave: `/subscribe/unsubscribe?${query}`,
        saved: c.req.query("done") === "saved",
      }),
    );
  })
  .post("/manage", async (c) => {
    const subscriber = await signedSubscriber(c);
    if (!subscriber) return gone(c);
    const ids = (await readForm(c)).getAll("components");
    const parsed = v.safeParse(SubscriberCreate.entries.components, ids);
    if (!parsed.success)
      throw new Problem(400, "The components are not valid", {
        errors: toFieldErrors(parsed.issues, "components"),
      });
    await changeComponents(c.env.DB, subscriber, parsed.output ?? null);
    const query = new URLSearchParams({ s: subscriber.id, sig: c.req.query("sig") ?? "", done: "saved" });
    return c.redirect(`/subscribe/manage?${query}`, 303);
  })
  // A GET (the URL opened in a browser) changes nothing: it shows the page to leave from.
  .get("/unsubscribe", (c) => c.redirect(`/subscribe/manage?${new URLSearchParams(c.req.query())}`, 303))
  .post("/unsubscribe", async (c) => {
    const subscriber = await signedSubscriber(c);
    if (!subscriber) return gone(c);
    await leave(c.env.DB, subscriber.id);
    return show(
      c,
      "Unsubscribed",
      Message({ title: "You have left", text: "Your address is deleted; nothing more will be sent to it." }),
    );
  });
