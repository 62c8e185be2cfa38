/**
 * Fault injection: D1 fails on the Nth call (every N a route makes), and
 * nothing is left half-written; a cron run or a delivery run that dies midway
 * is completed by the next one, without duplicates.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runDeliveries } from "../../src/notify/deliver";
import { pageInfo } from "../../src/notify/page-info";
import { runTick } from "../../src/scheduled/run";
import { incidentFacts } from "../helpers/events";
import { faultyD1 } from "../helpers/faults";
import { configure, received, subscribe } from "../helpers/hooks";
import { httpUrl, setSwitch } from "../helpers/monitors";
import {
  api,
  component,
  create,
  fingerprint,
  IMPACT_TYPES,
  json,
  TEST_ADMIN_TOKEN,
} from "../helpers/request";
import { freshMinutes, MINUTE } from "../helpers/ticks";
import { callWith } from "../helpers/worker";

type Write = { name: string; method: string; path: () => string; body: () => unknown };

const ids = {} as Record<"component" | "incident" | "monitor" | "webhook", string>;
let faults = 0;

beforeAll(async () => {
  ids.component = await component("Faulty");
  ids.incident = await create("/incidents", {
    displayName: "Faulty incident",
    beganAt: new Date().toISOString(),
  });
  ids.monitor = await create("/monitors", {
    displayName: "faulty monitor",
    kind: "tcp",
    host: "db.example",
    port: 1,
  });
  ids.webhook = await create("/webhooks", {
    url: "https://hooks.example/faulty",
    events: ["incident.created"],
  });
});

let n = 0;
const unique = () => `x${++n}`;

const WRITES: Write[] = [
  {
    name: "create component",
    method: "POST",
    path: () => "/components",
    body: () => ({ displayName: unique() }),
  },
  {
    name: "update component",
    method: "PATCH",
    path: () => `/components/${ids.component}`,
    body: () => ({ description: unique() }),
  },
  {
    name: "create impact type",
    method: "POST",
    path: () => "/impacttypes",
    body: () => ({ displayName: unique() }),
  },
  {
    name: "create severity",
    method: "POST",
    path: () => "/severities",
    body: () => ({ displayName: unique(), value: 1 + (n % 30) }),
  },
  {
    name: "create phase list",
    method: "POST",
    path: () => "/phases",
    body: () => ({ phases: [unique(), unique()] }),
  },
  {
    name: "create incident",
    method: "POST",
    path: () => "/incidents",
    body: () => ({
      displayName: unique(),
      beganAt: new Date().toISOString(),
      affects: [{ reference: ids.component, type: IMPACT_TYPES.connectivity, severity: 70 }],
    }),
  },
  {
    name: "update incident",
    method: "PATCH",
    path: () => `/incidents/${ids.incident}`,
    body: () => ({ description: unique() }),
  },
  {
    name: "add update",
    method: "POST",
    path: () => `/incidents/${ids.incident}/updates`,
    body: () => ({ displayName: unique() }),
  },
  {
    name: "create token",
    method: "POST",
    path: () => "/tokens",
    body: () => ({ name: unique(), scopes: ["incidents"] }),
  },
  {
    name: "create monitor",
    method: "POST",
    path: () => "/monitors",
    body: () => ({ displayName: unique(), kind: "tcp", host: "h.example", port: 80 }),
  },
  {
    name: "update monitor",
    method: "PATCH",
    path: () => `/monitors/${ids.monitor}`,
    body: () => ({ displayName: unique() }),
  },
  {
    name: "create webhook",
    method: "POST",
    path: () => "/webhooks",
    body: () => ({ url: `https://hooks.example/${unique()}` }),
  },
  {
    name: "update webhook",
    method: "PATCH",
    path: () => `/webhooks/${ids.webhook}`,
    body: () => ({ url: `https://hooks.example/${unique()}` }),
  },
  {
    name: "alertmanager",
    method: "POST",
    path: () => "/integrations/alertmanager",
    body: () => ({
      version: "4",
      groupKey: unique(),
      status: "firing",
      alerts: [{ status: "firing", labels: { alertname: "A", component: "Faulty" }, fingerprint: unique() }],
    }),
  },
];

function send(w: Write, db: D1Database, body: unknown) {
  return callWith({ DB: db }, `/api${w.path()}`, {
    method: w.method,
    headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("D1 failing on the Nth call of a write", () => {
  it.each(WRITES.map((w) => [w.name, w] as const))(
    "%s: 503 and nothing written, or done whole",
    async (_name, w) => {
      // How many D1 calls the write makes when all goes well.
      const { db: counting, counter } = faultyD1(env.DB);
      expect((await send(w, counting, w.body())).status).toBeLessThan(300);
      for (let fail = 1; fail <= counter.calls; fail++) {
        faults += 1;
        const before = await fingerprint();
        const { db } = faultyD1(env.DB, { failOn: fail });
        const res = await send(w, db, w.body());
        if (res.status === 503) {
          expect(res.headers.get("Content-Type")).toBe("application/problem+json");
          expect((await res.json<{ status: number }>()).status).toBe(503);
          expect(await fingerprint(), `${w.name}, D1 call ${fail} failed`).toEqual(before);
        } else {
          // The write had committed before the fault: what follows (snapshot, delivery) is repaired later.
          expect(res.status, `${w.name}, D1 call ${fail} failed`).toBeLessThan(300);
          await res.body?.cancel();
        }
      }
    },
  );

  it("every D1 call failing: every write answers 503 and writes nothing", async () => {
    const before = await fingerprint();
    for (const w of WRITES) {
      faults += 1;
      const { db } = faultyD1(env.DB, { failOn: "all" });
      const res = await send(w, db, w.body());
      expect(res.status, w.name).toBe(503);
      await res.body?.cancel();
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("a cron run whose D1 fails midway", () => {
  it("is completed by the next run: no lost state, no duplicate incident", async () => {
    const comp = await component("Cron faults");
    const monitor = await create("/monitors", {
      displayName: "cron fault check",
      kind: "http",
      url: httpUrl("/switch/cronfault"),
      failureThreshold: 1,
      component: comp,
      timeoutMs: 2000,
    });
    await setSwitch("cronfault", 500);
    const inline = { ...env, PROBE_QUEUE: undefined } as Env;
    const { db: counting, counter } = faultyD1(env.DB);
    const probe = await freshMinutes(200);
    await runTick({ ...inline, DB: counting } as Env, probe);
    const calls = counter.calls;
    // Reset: resolve and forget the incident the counting run opened.
    await setSwitch("cronfault", 200);
    await runTick(inline, probe + MINUTE);
    await setSwitch("cronfault", 500);
    let minute = probe + 2 * MINUTE;
    for (let fail = 1; fail <= calls; fail++) {
      faults += 1;
      const { db } = faultyD1(env.DB, { failOn: fail });
      await runTick({ ...inline, DB: db } as Env, minute).catch(() => undefined);
      minute += MINUTE;
      await runTick(inline, minute);
      minute += MINUTE;
      const open = await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM incidents WHERE monitor_id = ?1 AND ended_at IS NULL AND deleted_at IS NULL",
      )
        .bind(monitor)
        .first<{ n: number }>();
      expect(open?.n, `D1 call ${fail} failed`).toBe(1);
      const state = await json(api(`/monitors/${monitor}`));
      expect(state.data.status).toBe("down");
      expect(state.data.incident).toEqual(expect.any(String));
      // Recover, so the next round starts from up again.
      await setSwitch("cronfault", 200);
      await runTick(inline, minute);
      minute += MINUTE;
      await runTick(inline, minute);
      minute += MINUTE;
      await setSwitch("cronfault", 500);
    }
    const total = await env.DB.prepare("SELECT COUNT(*) AS n FROM incidents WHERE monitor_id = ?1")
      .bind(monitor)
      .first<{ n: number }>();
    expect(total?.n).toBeLessThanOrEqual(calls + 1);
  });
});

describe("a delivery run that crashes midway", () => {
  it("loses no webhook and sends none twice under a new id", async () => {
    await env.DB.prepare("UPDATE webhooks SET enabled = 0").run();
    await subscribe("crash", { events: ["incident.created", "incident.updated"] });
    await configure("crash", { status: 200, delay: 0 });
    const { outboxStatement } = await import("../../src/db/outbox");
    const page = () => pageInfo(env, Date.now(), "https://status.example");
    let sentIds = new Set<string>();
    for (let fail = 1; fail <= 12; fail++) {
      faults += 1;
      for (let e = 0; e < 3; e++) {
        await outboxStatement(
          env.DB,
          {
            event: "incident.created",
            at: new Date().toISOString(),
            incident: incidentFacts({ name: `crash ${fail}.${e}` }),
          },
          [],
        ).run();
      }
      const { db } = faultyD1(env.DB, { failOn: fail });
      await runDeliveries({ ...env, DB: db } as Env, Date.now(), page).catch(() => undefined);
      // The claim of an interrupted attempt lapses; a later run picks it up.
      await runDeliveries(env, Date.now() + 60_000, page);
      const pending = await env.DB.prepare(
        "SELECT COUNT(*) AS n FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE w.enabled = 1 AND d.status <> 'delivered'",
      ).first<{ n: number }>();
      expect(pending?.n, `D1 call ${fail} failed`).toBe(0);
      sentIds = new Set((await received("crash")).map((r) => r.id));
    }
    const { results: events } = await env.DB.prepare(
      "SELECT o.id FROM outbox o JOIN deliveries d ON d.event_id = o.id JOIN webhooks w ON w.id = d.webhook_id WHERE w.url LIKE '%/hooks/crash'",
    ).all<{ id: string }>();
    // Every event arrived, and every arrival carried its event's own id.
    expect(new Set(events.map((e) => e.id))).toEqual(sentIds);
    console.log(`FAULT_RESULT ${JSON.stringify({ faults_injected: faults })}`);
  });
});
