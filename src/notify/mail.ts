/**
 * E-mail to subscribers: the SMTP settings, signed links, the messages
 * (a text and an HTML part from the same Markdown as the page), and the
 * sender the cron runs: many messages over one SMTP connection, one
 * recipient's failure never stopping the others, 5xx answers recorded on
 * the subscriber, everything else retried with backoff.
 */

import { WorkerMailer } from "worker-mailer";
import { mailKey } from "../db/meta";
import {
  type DueMail,
  dueMails,
  leaseMails,
  type MailOutcome,
  mailOutcomeStatements,
} from "../db/subscribers";
import { base64url, fromBase64url } from "../domain/base64url";
import type { EventBody } from "../domain/events";
import { iso, MINUTE_MS } from "../domain/time";
import { localeOf } from "../i18n/locale";
import { readSettings } from "../settings";
import { renderMarkdown } from "../views/markdown";
import { headline, type PageInfo } from "./payloads";

export type MailSettings = {
  host: string;
  port: number;
  security: "starttls" | "tls" | "none";
  user: string;
  password: string;
  from: string;
};

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i;

/** SMTP_* and MAIL_FROM, or null while mail is not set up (or `none` is asked for a host that is not loopback). */
export function mailSettings(env: Env): MailSettings | null {
  const host = (env.SMTP_HOST ?? "").trim();
  const from = (env.MAIL_FROM ?? "").trim();
  if (!host || !from) return null;
  const raw = (env.SMTP_SECURITY ?? "").trim().toLowerCase();
  const security = raw === "tls" || raw === "none" ? raw : "starttls";
  if (security === "none" && !LOOPBACK.test(host)) return null;
  const port = Number.parseInt(env.SMTP_PORT ?? "", 10);
  return {
    host,
    port: Number.isFinite(port) && port > 0 ? port : security === "tls" ? 465 : 587,
    security,
    user: (env.SMTP_USER ?? "").trim(),
    password: env.SMTP_PASSWORD ?? "",
    from,
  };
}

let cachedKey: { db: D1Database; key: CryptoKey } | null = null;

async function signingKey(db: D1Database): Promise<CryptoKey> {
  if (cachedKey?.db === db) return cachedKey.key;
  const raw = new TextEncoder().encode(await mailKey(db));
  const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
  cachedKey = { db, key };
  return key;
}

/** HMAC-SHA256 over the purpose and its values, base64url. */
export async function sign(db: D1Database, ...parts: string[]): Promise<string> {
  return base64url(
    await crypto.subtle.sign("HMAC", await signingKey(db), new TextEncoder().encode(parts.join("\n"))),
  );
}

/** The same check, in constant time (crypto.subtle.verify). */
export async function verify(db: D1Database, signature: string, ...parts: string[]): Promise<boolean> {
  if (!/^[\w-]{43}$/.test(signature)) return false;
  return crypto.subtle.verify(
    "HMAC",
    await signingKey(db),
    fromBase64url(signature),
    new TextEncoder().encode(parts.join("\n")),
  );
}

/** A confirmation link lasts this long. */
export const CONFIRM_TTL_MS = 48 * 60 * MINUTE_MS;

export async function confirmLink(
  db: D1Database,
  base: string,
  subscriberId: string,
  expires: number,
): Promise<string> {
  const exp = String(Math.floor(expires / 1000));
  const sig = await sign(db, "confirm", subscriberId, exp);
  return `${base}/subscribe/confirm?${new URLSearchParams({ s: subscriberId, exp, sig })}`;
}

/** The page to change components or leave, and the one-click unsubscribe URL. */
export async function manageLinks(
  db: D1Database,
  base: string,
  subscriberId: string,
): Promise<{ manage: string; unsubscribe: string }> {
  const sig = await sign(db, "manage", subscriberId);
  const q = new URLSearchParams({ s: subscriberId, sig });
  return { manage: `${base}/subscribe/manage?${q}`, unsubscribe: `${base}/subscribe/unsubscribe?${q}` };
}

/** Each event's Markdown is rendered once per isolate, however many subscribers it goes to. */
const rendered = new Map<string, string>();
function markdownOnce(text: string): string {
  let out = rendered.get(text);
  if (out === undefined) {
    if (rendered.size > 100) rendered.clear();
    out = renderMarkdown(text);
    rendered.set(text, out);
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export type Message = { subject: string; text: string; html: string; headers: Record<string, string> };

function layout(page: PageInfo, lang: string, bodyHtml: string, footerHtml: string): string {
  return `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><title>${escapeHtml(page.name)}</title></head><body style="font-family:sans-serif;line-height:1.5;max-width:40em">${bodyHtml}<hr><p style="font-size:small;color:#555">${footerHtml}</p></body></html>`;
}

/** What one due mail says. */
export async function composeMail(
  db: D1Database,
  mail: DueMail,
  page: PageInfo,
  now: number,
): Promise<Message> {
  const base = page.url;
  const l = localeOf(mail.language ?? page.language);
  const lang = l.lang;
  // The pages the links open speak the subscriber's language too (the signature does not cover it).
  const inLanguage = (url: string) => (mail.language ? `${url}&lang=${encodeURIComponent(lang)}` : url);
  if (mail.kind === "confirm") {
    const link = inLanguage(await confirmLink(db, base, mail.subscriberId, now + CONFIRM_TTL_MS));
    const asked = l.t("mail.confirmAsked", { page: page.name });
    return {
      subject: l.t("mail.confirmSubject", { page: page.name }),
      text: `${asked}\n\n${l.t("mail.confirmWithin")}\n${link}\n\n${l.t("mail.notYou")}\n`,
      html: layout(
        page,
        lang,
        `<p>${escapeHtml(asked)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(l.t("mail.confirmLink"))}</a></p>`,
        escapeHtml(l.t("mail.notYou")),
      ),
      headers: { "Content-Language": lang },
    };
  }
  const body = JSON.parse(mail.body ?? "{}") as EventBody;
  const h = headline(body, l);
  const incident = body.incident;
  const link = incident ? `${base}/incidents/${incident.id}` : base;
  const links = await manageLinks(db, base, mail.subscriberId);
  const manage = inLanguage(links.manage);
  const unsubscribe = inLanguage(links.unsubscribe);
  const affected = incident?.components.map((c) => c.name).join(", ") ?? "";
  const update = incident?.update;
  const text = [
    h.title,
    "",
    update ? `${update.title}\n${update.text}` : l.t("chat.noDetails"),
    "",
    affected ? l.t("chat.affected", { names: affected }) : null,
    l.t("mail.details", { link }),
    "",
    `${l.t("mail.why", { page: page.name })} ${l.t("mail.change", { link: manage })}`,
  ]
    .filter((l) => l !== null)
    .join("\n");
  const html = layout(
    page,
    lang,
    `<h1 style="font-size:1.3em">${escapeHtml(h.title)}</h1>${
      update
        ? `<h2 style="font-size:1.1em">${escapeHtml(update.title)}</h2>${markdownOnce(update.text)}`
        : `<p>${escapeHtml(l.t("chat.noDetails"))}</p>`
    }${affected ? `<p>${escapeHtml(l.t("chat.affected", { names: affected }))}</p>` : ""}<p><a href="${escapeHtml(link)}">${escapeHtml(l.t("mail.detailsLink"))}</a></p>`,
    `${escapeHtml(l.t("mail.why", { page: page.name }))} <a href="${escapeHtml(manage)}">${escapeHtml(l.t("mail.changeLink"))}</a>.`,
  );
  return {
    subject: `[${page.name}] ${h.title}`,
    text,
    html,
    // One-click unsubscribe (RFC 8058): mail clients POST to the URL.
    headers: {
      "Content-Language": lang,
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/**
 * Messages one run sends at most, over one connection. worker-mailer arms a
 * timer for every SMTP reply (about five a message) and workerd allows 10,000
 * active timers, so a run stays well below that. On the Free plan the run's
 * CPU (10 ms) is the tighter bound.
 */
export const MAILS_PER_RUN = { free: 50, paid: 250 } as const;
/** A run stops starting new messages after this long, leaving the rest to the next. */
const SEND_BUDGET_MS = 20_000;
/** A mail that could not be delivered for this long is given up. */
const GIVE_UP_MS = 24 * 60 * MINUTE_MS;

/**
 * A 5xx answer to RCPT TO: the server refuses this recipient for good (RFC 5321,
 * section 4.2.1). A 5xx elsewhere (the sender, the message) is not the
 * subscriber's fault and is retried, so fixing the settings sends it after all.
 */
function recipientRefused(message: string): boolean {
  return /RCPT TO/i.test(message) && /(^|\s)5\d\d([\s-]|$)/.test(message);
}

function backoff(attempts: number, now: number): string {
  return iso(now + Math.min(60, 2 ** attempts) * MINUTE_MS);
}

export type Connect = (settings: MailSettings) => Promise<{
  send(message: Message & { to: string; from: string }): Promise<void>;
  close(): Promise<void>;
}>;

/** worker-mailer over cloudflare:sockets: STARTTLS, implicit TLS, or plain on loopback. */
export const smtpConnect: Connect = async (s) => {
  const mailer = await WorkerMailer.connect({
    host: s.host,
    port: s.port,
    secure: s.security === "tls",
    startTls: s.security === "starttls",
    credentials: s.user ? { username: s.user, password: s.password } : undefined,
    authType: ["plain", "login"],
    logLevel: 4, // none: failures are recorded on the mail, not logged with addresses
    socketTimeoutMs: 10_000,
    responseTimeoutMs: 10_000,
  });
  return {
    send: (m) =>
      mailer.send({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        headers: m.headers,
      }),
    close: () => mailer.close(),
  };
};

export type MailRun = { sent: number; retried: number; rejected: number; subrequests: number };

/**
 * The cron's mail step, after the outbox's fan-out (webhooks and mails for
 * new events, in one batch): send what is due.
 * Each mail is leased before sending, so an overlapping run skips it; a run
 * that dies mid-way sends its leased mails again after the lease (at least
 * once, never twice on purpose).
 */
export async function runMail(
  env: Env,
  now: number,
  page: () => Promise<PageInfo>,
  connect: Connect = smtpConnect,
): Promise<MailRun> {
  const run: MailRun = { sent: 0, retried: 0, rejected: 0, subrequests: 0 };
  const db = env.DB;
  const settings = mailSettings(env);
  if (!settings) return run;
  const due = await dueMails(db, iso(now), MAILS_PER_RUN[readSettings(env).plan]);
  if (due.length === 0) return run;
  await leaseMails(
    db,
    due.map((m) => m.id),
    iso(now + 10 * MINUTE_MS),
  ).run();
  const info = await page();
  const outcomes: MailOutcome[] = [];
  const failAll = (error: string, from: number) => {
    for (const m of due.slice(from)) outcomes.push(retryOrGiveUp(m, error, now));
  };
  let connection: Awaited<ReturnType<Connect>> | null = null;
  try {
    run.subrequests += 1;
    connection = await connect(settings);
  } catch (err) {
    failAll(`could not reach the SMTP server: ${err instanceof Error ? err.message : err}`, 0);
  }
  if (connection) {
    const started = Date.now();
    for (const [i, mail] of due.entries()) {
      if (Date.now() - started > SEND_BUDGET_MS) {
        failAll("left for the next run", i);
        break;
      }
      try {
        const message = await composeMail(db, mail, info, now);
        await connection.send({ ...message, to: mail.email, from: settings.from });
        outcomes.push({ id: mail.id, result: "sent", at: iso(Date.now()) });
      } catch (err) {
        const error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
        outcomes.push(
          recipientRefused(error)
            ? { id: mail.id, result: "rejected", at: iso(now), error, subscriberId: mail.subscriberId }
            : retryOrGiveUp(mail, error, now),
        );
      }
    }
    await connection.close().catch(() => undefined);
  }
  await db.batch(mailOutcomeStatements(db, outcomes));
  for (const o of outcomes) {
    if (o.result === "sent") run.sent += 1;
    else if (o.result === "rejected") run.rejected += 1;
    else run.retried += 1;
  }
  return run;
}

function retryOrGiveUp(m: DueMail, error: string, now: number): MailOutcome {
  if (now - Date.parse(m.createdAt) > GIVE_UP_MS) return { id: m.id, result: "give-up", at: iso(now), error };
  return { id: m.id, result: "retry", at: iso(now), next: backoff(m.attempts, now), error };
}
