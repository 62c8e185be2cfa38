import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { runDeliveries } from "../../src/notify/deliver";
import { MAILS_PER_RUN, runMail } from "../../src/notify/mail";
import { pageInfo } from "../../src/notify/page-info";
import { api, call, component, create, fingerprint, IMPACT_TYPES, json, ORIGIN } from "../helpers/request";

const smtp = inject("smtp");

type Received = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  listUnsubscribe: string | null;
  listUnsubscribePost: string | null;
};

const mailEnv = (overrides: Partial<Env> = {}) =>
  ({
    ...env,
    PROBE_QUEUE: undefined,
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_SECURITY: "none",
    MAIL_FROM: "status@beacon.example",
    PAGE_URL: ORIGIN,
    PLAN: "paid",
    ...overrides,
  }) as Env;

async function control(path: string): Promise<{ received: Received[]; connections: number }> {
  return (await fetch(`http://127.0.0.1:${smtp.control}${path}`)).json();
}
const inbox = async (to: string) => (await control("/messages")).received.filter((m) => m.to.includes(to));

let clock = Date.now();
/** The cron's two steps: the outbox's fan-out, then a mail run; each a little later, so retries come due. */
async function send(minutes = 0, e = mailEnv()) {
  clock = Math.max(clock, Date.now()) + minutes * 60_000;
  const page = () => pageInfo(e, clock, ORIGIN);
  await runDeliveries(e, clock, page);
  return runMail(e, clock, page);
}

/** Subscribes and confirms through the links in the mail, as a visitor would. */
let clients = 0;
async function subscribed(email: string, components?: string[]): Promise<void> {
  // Each from its own client address: the per-client limit is not what these tests are about.
  clients += 1;
  const res = await api("/subscribers", {
    body: { email, ...(components ? { components } : {}) },
    token: null,
    headers: { "CF-Connecting-IP": `198.51.100.${clients}` },
  });
  expect(res.status).toBe(202);
  await send();
  const [confirmation] = await inbox(email);
  const link = /https:\/\/status\.example(\/subscribe\/confirm\?[^\s]+)/.exec(confirmation?.text ?? "")?.[1];
  expect(link, JSON.stringify(await control("/messages"))).toBeTruthy();
  const page = await call(link as string);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("You are subscribed");
}

async function incidentOn(componentId: string, name: string): Promise<string> {
  return create("/incidents", {
    displayName: name,
    description: "We are looking into **errors**.",
    beganAt: new Date(clock).toISOString(),
    affects: [{ reference: componentId, type: IMPACT_TYPES.connectivity, severity: 100 }],
  });
}

beforeEach(async () => {
  await control("/up");
  await control("/reset");
});

describe("subscribers", () => {
  it("subscribe, confirm, receive a parsed message, unsubscribe in one click, then nothing more", async () => {
    const comp = await component("Mail API");
    await subscribed("visitor@example.net");
    // Nothing but the confirmation before confirming; now the incident.
    const id = await incidentOn(comp, "Mail API errors");
    const update = await api(`/incidents/${id}/updates`, {
      body: { displayName: "Identified", description: "A **full disk** on the mail relay." },
    });
    expect(update.status).toBe(201);
    await send();
    const [, opened, news] = await inbox("visitor@example.net");
    expect(opened?.subject).toBe("[Beacon] [Investigating] Mail API errors");
    expect(news?.subject).toContain("Mail API errors");
    expect(news?.from).toBe("status@beacon.example");
    expect(news?.html).toContain("<strong>full disk</strong>");
    expect(news?.text).toContain("A **full disk** on the mail relay.");
    expect(news?.text).toContain(`${ORIGIN}/incidents/${id}`);
    expect(news?.listUnsubscribePost).toBe("List-Unsubscribe=One-Click");
    const unsubscribe = news?.listUnsubscribe ?? "";
    expect(unsubscribe).toMatch(/^https:\/\/status\.example\/subscribe\/unsubscribe\?s=/);

    // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click to the URL.
    const left = await call(unsubscribe.replace(ORIGIN, ""), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(left.status).toBe(200);
    const list = await json(api("/subscribers"));
    expect(list.data.map((s: { email: string }) => s.email)).not.toContain("visitor@example.net");

    await incidentOn(comp, "Mail API errors again");
    await send();
    expect(await inbox("visitor@example.net")).toHaveLength(3);
  });

  it("writes to each subscriber in the language they subscribed in, and refuses one the page does not have", async () => {
    const comp = await component("Sprach-API");
    clients += 1;
    const form = await call("/subscribe?lang=de", {
      method: "POST",
      redirect: "manual",
      headers: {
        Origin: ORIGIN,
        "Content-Type": "application/x-www-form-urlencoded",
        "CF-Connecting-IP": `198.51.100.${clients}`,
      },
      body: new URLSearchParams({ email: "leserin@example.de" }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/subscribe?lang=de&done=sent");
    await send();
    const [confirmation] = await inbox("leserin@example.de");
    expect(confirmation?.subject).toBe("Bestätigen Sie Ihr Abonnement für Beacon");
    const link = /https:\/\/status\.example(\/subscribe\/confirm\?[^\s]+)/.exec(
      confirmation?.text ?? "",
    )?.[1];
    const confirmed = await (await call(link as string)).text();
    expect(confirmed).toContain('<html lang="de">');
    expect(confirmed).toContain("Ihr Abonnement ist bestätigt");
    await incidentOn(comp, "Sprach-API errors");
    await send();
    const [, opened] = await inbox("leserin@example.de");
    expect(opened?.subject).toBe("[Beacon] [Wird untersucht] Sprach-API errors");
    expect(opened?.text).toContain("Betroffen: Sprach-API");
    expect(opened?.html).toContain('<html lang="de">');
    expect(opened?.listUnsubscribe).toMatch(/&lang=de>?$/);

    const refused = await api("/subscribers", {
      body: { email: "someone@example.net", language: "xx" },
      token: null,
      headers: { "CF-Connecting-IP": "198.51.100.250" },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("language");
  });

  it("sends only what touches the components a subscriber chose", async () => {
    const [web, db] = [await component("Filter web"), await component("Filter db")];
    await subscribed("db-only@example.net", [db]);
    await incidentOn(web, "Only the web");
    await send();
    expect(await inbox("db-only@example.net")).toHaveLength(1);
    await incidentOn(db, "The database");
    await send();
    const mails = await inbox("db-only@example.net");
    expect(mails.map((m) => m.subject)).toEqual([
      "Confirm your subscription to Beacon",
      "[Beacon] [Investigating] The database",
    ]);
  });

  it("loses nothing and sends nothing twice while the SMTP server is down and back", async () => {
    const comp = await component("Flaky mail");
    await subscribed("patient@example.net");
    await control("/down");
    await incidentOn(comp, "While mail is down");
    const down = await send();
    expect(down.sent).toBe(0);
    expect(down.retried).toBeGreaterThanOrEqual(1);
    await control("/up");
    // The retry waits its backoff: not yet due a moment later, due after it.
    expect((await send(0)).sent).toBe(0);
    expect((await send(5)).sent).toBeGreaterThanOrEqual(1);
    await send(60);
    const got = (await inbox("patient@example.net")).filter((m) => m.subject.includes("While mail is down"));
    expect(got).toHaveLength(1);
  });

  it("retries, and holds nothing against the subscriber, when the server refuses the sender", async () => {
    const comp = await component("Sender refused");
    await subscribed("innocent@example.net", [comp]);
    await incidentOn(comp, "Sent from a refused sender");
    const refused = await send(0, mailEnv({ MAIL_FROM: "blocked@beacon.example" }));
    expect(refused.sent).toBe(0);
    expect(refused.rejected).toBe(0);
    const list = await json(api("/subscribers"));
    const innocent = list.data.find((x: { email: string }) => x.email === "innocent@example.net");
    expect(innocent).toMatchObject({ failures: 0, quarantinedAt: null });
    // Settings fixed: the retry goes out once its backoff has passed.
    expect((await send(5)).sent).toBeGreaterThanOrEqual(1);
    const got = (await inbox("innocent@example.net")).filter((m) => m.subject.includes("refused sender"));
    expect(got).toHaveLength(1);
  });

  it("quarantines an address the server refuses with 5xx, and retries a 4xx", async () => {
    const comp = await component("Bouncing");
    // Confirmed by hand: the confirmation itself would bounce.
    for (const email of ["bounce@example.net", "later@example.net"]) {
      await env.DB.prepare(
        "INSERT INTO subscribers (id, email, created_at, confirmed_at) VALUES (?1, ?2, ?3, ?3)",
      )
        .bind(crypto.randomUUID(), email, new Date(clock).toISOString())
        .run();
    }
    for (const n of [1, 2, 3, 4]) {
      await incidentOn(comp, `Bounce ${n}`);
      await send(120);
    }
    const list = await json(api("/subscribers"));
    const bounce = list.data.find((s: { email: string }) => s.email === "bounce@example.net");
    expect(bounce.failures).toBe(3);
    expect(bounce.quarantinedAt).not.toBeNull();
    expect(bounce.lastError).toMatch(/550/);
    const later = list.data.find((s: { email: string }) => s.email === "later@example.net");
    expect(later.quarantinedAt).toBeNull();
    const pending = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM mails m JOIN subscribers s ON s.id = m.subscriber_id WHERE s.email = 'later@example.net' AND m.status = 'pending'",
    ).first<{ n: number }>();
    expect(pending?.n).toBe(4);
    expect(list.summary.quarantined).toBeGreaterThanOrEqual(1);
  });
});

describe("refused subscriptions", () => {
  const bad = [
    ["not an address", "plain"],
    ["two@at@example.net", "two at signs"],
    ["victim@example.net\r\nBcc: all@example.net", "a header smuggled after CR/LF"],
    ['"Name" <x@example.net>', "a display name"],
    [`${"a".repeat(250)}@example.net`, "too long"],
  ] as const;
  for (const [email, what] of bad) {
    it(`refuses ${what} with a problem naming the field, and stores nothing`, async () => {
      const before = await fingerprint();
      const res = await api("/subscribers", { body: { email }, token: null });
      expect(res.status).toBe(400);
      const problem = await json(res);
      expect(problem.errors[0].path).toBe("email");
      expect(await fingerprint()).toEqual(before);
    });
  }

  it("refuses an unknown component, an oversized body, and the form's bad address, storing nothing", async () => {
    const before = await fingerprint();
    const unknown = await api("/subscribers", {
      body: { email: "ok@example.net", components: [crypto.randomUUID()] },
      token: null,
    });
    expect(unknown.status).toBe(422);
    expect((await json(unknown)).errors[0].path).toBe("components.0");
    const big = await api("/subscribers", {
      body: { email: "ok@example.net", pad: "x".repeat(70_000) },
      token: null,
    });
    expect(big.status).toBe(413);
    const form = await call("/subscribe", {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=bad%0d%0aBcc%3a+x%40example.net",
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('href="#f-email"');
    expect(await fingerprint()).toEqual(before);
  });

  it("answers the same for a known address and does not mail a confirmed one again", async () => {
    await subscribed("known@example.net");
    const again = await api("/subscribers", { body: { email: "KNOWN@example.net" }, token: null });
    expect(again.status).toBe(202);
    expect(await json(again)).toEqual({ status: "confirmation_sent" });
    await send();
    expect(await inbox("known@example.net")).toHaveLength(1);
  });

  it("refuses a forged or expired confirmation link", async () => {
    await api("/subscribers", { body: { email: "late@example.net" }, token: null });
    await send();
    const [mail] = await inbox("late@example.net");
    const link = new URL(
      /https:\/\/status\.example\/subscribe\/confirm\?[^\s]+/.exec(mail?.text ?? "")?.[0] ?? "",
    );
    const forged = new URL(link);
    forged.searchParams.set("exp", String(Number(link.searchParams.get("exp")) + 86_400));
    expect((await call(`${forged.pathname}${forged.search}`)).status).toBe(404);
    const other = new URL(link);
    other.searchParams.set("s", crypto.randomUUID());
    expect((await call(`${other.pathname}${other.search}`)).status).toBe(404);
    // An expired link, signed as ours: made with the same signer an hour in the past.
    const { confirmLink } = await import("../../src/notify/mail");
    const expired = new URL(
      await confirmLink(env.DB, ORIGIN, link.searchParams.get("s") ?? "", Date.now() - 3_600_000),
    );
    const res = await call(`${expired.pathname}${expired.search}`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This link has expired");
  });

  it("limits subscribing per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await api("/subscribers", { body: { email: "eager@example.net" }, token: null })).status,
      );
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
  });
});

describe("subscribers for operators", () => {
  it("posts an update quietly when asked: webhooks hear of it, subscribers do not", async () => {
    const comp = await component("Quiet");
    await subscribed("quiet@example.net", [comp]);
    const id = await incidentOn(comp, "Quiet incident");
    await send();
    const quiet = await api(`/incidents/${id}/updates`, {
      body: {
        displayName: "Internal note",
        description: "Nothing for subscribers.",
        notifySubscribers: false,
      },
    });
    expect(quiet.status).toBe(201);
    await send();
    const loud = await api(`/incidents/${id}/updates`, {
      body: { displayName: "Identified", description: "For all." },
    });
    expect(loud.status).toBe(201);
    await send();
    const subjects = (await inbox("quiet@example.net")).map((m) => m.text);
    expect(subjects.some((t) => t.includes("Nothing for subscribers."))).toBe(false);
    expect(subjects.some((t) => t.includes("For all."))).toBe(true);
    const events = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM outbox WHERE body LIKE '%Nothing for subscribers.%'",
    ).first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it("shows counts, the list and a CSV export in the console, and removes with an audit entry", async () => {
    const comp = await component("Console counted");
    await subscribed("counted@example.net", [comp]);
    const { signIn, consoleGet, consolePost } = await import("../helpers/console");
    const s = await signIn();
    const page = await (await consoleGet(s, "/admin/subscribers")).text();
    expect(page).toContain("counted@example.net");
    expect(page).toContain("Console counted: 1");
    const csv = await consoleGet(s, "/admin/subscribers.csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toBe("email,components,created_at,confirmed_at,failures,quarantined_at");
    expect(lines.some((l) => l.startsWith("counted@example.net,"))).toBe(true);
    const id = (await json(api("/subscribers"))).data.find(
      (x: { email: string }) => x.email === "counted@example.net",
    ).id;
    const removed = await consolePost(s, `/admin/subscribers/${id}/remove`, {});
    expect(removed.status).toBe(303);
    const audit = await json(api("/audit?limit=5"));
    expect(audit.data[0]).toMatchObject({ action: "subscriber.delete", resourceId: id });
    const { insertTokenRow } = await import("../helpers/request");
    const oncall = await signIn(await insertTokenRow({ scopes: ["incidents"] }), "203.0.113.9");
    expect((await consoleGet(oncall, "/admin/subscribers")).status).toBe(403);
    expect((await api("/subscribers", { token: null })).status).toBe(401);
  });
});

// Last: the run arms thousands of SMTP reply timers, which stay active for a while in this isolate.
describe("at scale", () => {
  it("delivers one incident to 1,000 subscribers over one connection per run", async () => {
    const comp = await component("Popular");
    const at = new Date(clock).toISOString();
    const rows = Array.from({ length: 1000 }, (_, i) =>
      env.DB.prepare(
        "INSERT INTO subscribers (id, email, created_at, confirmed_at) VALUES (?1, ?2, ?3, ?3)",
      ).bind(crypto.randomUUID(), `fan${i}@example.org`, at),
    );
    for (let i = 0; i < rows.length; i += 100) await env.DB.batch(rows.slice(i, i + 100));
    await incidentOn(comp, "Everyone hears");
    const started = Date.now();
    let runs = 0;
    let sending = 0;
    while (runs < 5) {
      runs += 1;
      const r = await send();
      if (r.sent === 0) break;
      sending += 1;
    }
    const elapsed = Date.now() - started;
    const { received, connections } = await control("/messages");
    const fans = received.filter((m) => m.to[0]?.startsWith("fan") && m.subject.includes("Everyone hears"));
    expect(new Set(fans.map((m) => m.to[0])).size).toBe(1000);
    expect(fans).toHaveLength(1000);
    // One connection for each run that had mail to send, each run at most MAILS_PER_RUN messages.
    expect(connections).toBe(sending);
    expect(sending).toBeLessThanOrEqual(Math.ceil(received.length / MAILS_PER_RUN.paid) + 1);
    console.info(`subscribers_1000_ms=${elapsed} runs=${runs} connections=${connections}`);
  }, 120_000);
});
