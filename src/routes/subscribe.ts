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
import { keptLanguage, requestLanguage } from "../http/language";
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
  const language = requestLanguage(c);
  c.header("Cache-Control", "no-store");
  c.header("Content-Language", language.lang);
  c.header("Vary", "Accept-Language");
  return c.html(
    renderDocument({
      title: `${title} · ${settings.pageName}`,
      settings,
      tz: settings.timeZone,
      path: c.req.path,
      body,
      l: language.l,
      lang: keptLanguage(language),
      query: new URL(c.req.url).search,
    }),
    status,
  );
}

/** The locale of this request, and where the subscribe form posts to keep it. */
function wording(c: Context<AppEnv>) {
  const language = requestLanguage(c);
  const lang = keptLanguage(language);
  return { l: language.l, action: lang ? `/subscribe?lang=${lang}` : "/subscribe" };
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

const gone = (c: Context<AppEnv>) => {
  const { l } = wording(c);
  return show(
    c,
    l.t("subscribe.goneTitle"),
    Message({ title: l.t("subscribe.goneHeading"), text: l.t("subscribe.goneText"), l }),
    404,
  );
};

export const subscribePages = new Hono<AppEnv>()
  .get("/", async (c) => {
    const settings = readSettings(c.env);
    const { l, action } = wording(c);
    return show(
      c,
      l.t("subscribe.title"),
      SubscribeForm({
        pageName: settings.pageName,
        components: await choices(c.env.DB),
        errors: [],
        email: "",
        chosen: [],
        sent: c.req.query("done") === "sent",
        action,
        l,
      }),
    );
  })
  .post("/", csrf(), async (c) => {
    const form = await readForm(c);
    const email = form.get("email") ?? "";
    const chosen = form.getAll("components");
    const parsed = v.safeParse(SubscriberCreate, { email, components: chosen });
    const settings = readSettings(c.env);
    const { l, action } = wording(c);
    const again = async (errors: { path: string; message: string }[], status: 400 | 422 | 429) =>
      show(
        c,
        l.t("subscribe.title"),
        SubscribeForm({
          pageName: settings.pageName,
          components: await choices(c.env.DB),
          errors,
          email,
          chosen,
          sent: false,
          action,
          l,
        }),
        status,
      );
    if (!parsed.success) return again(toFieldErrors(parsed.issues), 400);
    try {
      await subscribe(
        c.env.DB,
        { ...parsed.output, language: l.lang },
        c.req.header("cf-connecting-ip") ?? "unknown",
        Date.now(),
      );
    } catch (err) {
      if (err instanceof Problem && (err.status === 422 || err.status === 429)) {
        if (err.status === 429) c.header("Retry-After", err.headers?.["Retry-After"] ?? "3600");
        return again(err.errors ?? [{ path: "email", message: err.detail }], err.status);
      }
      throw err;
    }
    return c.redirect(`${action}${action.includes("?") ? "&" : "?"}done=sent`, 303);
  })
  .get("/confirm", async (c) => {
    const { s, exp, sig } = c.req.query();
    const expires = Number(exp) * 1000;
    const valid =
      Boolean(s && exp && sig) && (await verify(c.env.DB, sig ?? "", "confirm", s ?? "", exp ?? ""));
    if (!valid) return gone(c);
    const { l } = wording(c);
    if (!(expires > Date.now())) {
      return show(
        c,
        l.t("subscribe.expiredTitle"),
        Message({ title: l.t("subscribe.expiredHeading"), text: l.t("subscribe.expiredText"), l }),
        403,
      );
    }
    const subscriber = await getSubscriber(c.env.DB, s as string);
    if (!subscriber) return gone(c);
    await confirm(c.env.DB, subscriber, Date.now());
    return show(
      c,
      l.t("subscribe.confirmedTitle"),
      Message({
        title: l.t("subscribe.confirmedHeading"),
        text: l.t("subscribe.confirmedText", { page: readSettings(c.env).pageName, email: subscriber.email }),
        l,
      }),
    );
  })
  .get("/manage", async (c) => {
    const subscriber = await signedSubscriber(c);
    if (!subscriber) return gone(c);
    const query = new URLSearchParams({ s: subscriber.id, sig: c.req.query("sig") ?? "" });
    const { l } = wording(c);
    const lang = c.req.query("lang");
    if (lang) query.set("lang", lang);
    return show(
      c,
      l.t("subscribe.manageTitle"),
      ManageForm({
        l,
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
    const lang = c.req.query("lang");
    if (lang) query.set("lang", lang);
    return c.redirect(`/subscribe/manage?${query}`, 303);
  })
  // A GET (the URL opened in a browser) changes nothing: it shows the page to leave from.
  .get("/unsubscribe", (c) => c.redirect(`/subscribe/manage?${new URLSearchParams(c.req.query())}`, 303))
  .post("/unsubscribe", async (c) => {
    const subscriber = await signedSubscriber(c);
    if (!subscriber) return gone(c);
    await leave(c.env.DB, subscriber.id);
    const { l } = wording(c);
    return show(
      c,
      l.t("subscribe.leftTitle"),
      Message({ title: l.t("subscribe.leftHeading"), text: l.t("subscribe.leftText"), l }),
    );
  });
