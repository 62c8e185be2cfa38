/**
 * Fuzzing every write route with fast-check: bad and edge-case requests never
 * get a 5xx, every refusal is a problem document naming the field and leaves
 * the database exactly as it was, and valid requests keep the invariants.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  api,
  component,
  create,
  fingerprint,
  IMPACT_TYPES,
  json,
  TEST_ADMIN_TOKEN,
} from "../helpers/request";
import { validateAgainstSpec } from "../helpers/scs-spec";
import { callWith } from "../helpers/worker";

type Route = { method: string; path: () => string; fields: string[] };

const ids = {} as Record<
  "component" | "incident" | "monitor" | "webhook" | "type" | "heartbeat" | "template",
  string
>;
let tried = 0;
let refused = 0;
let accepted = 0;

beforeAll(async () => {
  ids.component = await component("Fuzzed");
  ids.type = await create("/impacttypes", { displayName: "Fuzz type" });
  ids.incident = await create("/incidents", {
    displayName: "Fuzzed incident",
    beganAt: "2026-01-01T00:00:00Z",
    affects: [{ reference: ids.component, type: IMPACT_TYPES.unknown, severity: 50 }],
  });
  await api(`/incidents/${ids.incident}/updates`, { body: { displayName: "first" } });
  ids.monitor = await create("/monitors", {
    displayName: "fuzz monitor",
    kind: "tcp",
    host: "db.example",
    port: 5432,
  });
  ids.webhook = await create("/webhooks", { url: "https://hooks.example/fuzz" });
  ids.template = await create("/templates", { name: "fuzz template", title: "Fuzz" });
  const hb = await json(api("/monitors", { body: { displayName: "fuzz heartbeat", kind: "heartbeat" } }));
  ids.heartbeat = hb.heartbeatSecret;
});

const ROUTES: Route[] = [
  {
    method: "POST",
    path: () => "/components",
    fields: ["displayName", "labels", "description", "group", "position"],
  },
  {
    method: "PATCH",
    path: () => `/components/${ids.component}`,
    fields: ["displayName", "labels", "group", "position"],
  },
  { method: "POST", path: () => "/impacttypes", fields: ["displayName", "description"] },
  { method: "PATCH", path: () => `/impacttypes/${ids.type}`, fields: ["displayName", "description"] },
  { method: "POST", path: () => "/severities", fields: ["displayName", "value"] },
  { method: "PATCH", path: () => "/severities/limited", fields: ["displayName", "value"] },
  { method: "POST", path: () => "/phases", fields: ["phases"] },
  {
    method: "POST",
    path: () => "/incidents",
    fields: ["displayName", "description", "beganAt", "endedAt", "phase", "affects"],
  },
  {
    method: "PATCH",
    path: () => `/incidents/${ids.incident}`,
    fields: ["displayName", "beganAt", "endedAt", "phase", "affects"],
  },
  {
    method: "POST",
    path: () => `/incidents/${ids.incident}/updates`,
    fields: ["displayName", "description", "createdAt"],
  },
  {
    method: "PATCH",
    path: () => `/incidents/${ids.incident}/updates/0`,
    fields: ["displayName", "description", "createdAt"],
  },
  { method: "POST", path: () => "/tokens", fields: ["name", "scopes", "expiresAt"] },
  { method: "POST", path: () => "/templates", fields: ["name", "title", "body", "phaseOrder", "affects"] },
  {
    method: "PATCH",
    path: () => `/templates/${ids.template}`,
    fields: ["name", "title", "body", "phaseOrder", "affects"],
  },
  {
    method: "POST",
    path: () => "/monitors",
    fields: [
      "displayName",
      "kind",
      "url",
      "host",
      "port",
      "intervalSeconds",
      "timeoutMs",
      "expectedStatus",
      "headers",
    ],
  },
  {
    method: "PATCH",
    path: () => `/monitors/${ids.monitor}`,
    fields: ["port", "intervalSeconds", "timeoutMs", "enabled"],
  },
  { method: "POST", path: () => "/webhooks", fields: ["url", "events", "components", "format"] },
  { method: "PATCH", path: () => `/webhooks/${ids.webhook}`, fields: ["url", "events", "format", "enabled"] },
  { method: "POST", path: () => `/heartbeats/${ids.heartbeat}`, fields: [] },
  {
    method: "POST",
    path: () => "/integrations/alertmanager",
    fields: ["version", "groupKey", "status", "alerts"],
  },
  { method: "PUT", path: () => "/integrations/alertmanager/config", fields: ["components", "severities"] },
];

/** Values that are wrong, or at the edge, for almost any field. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\u202e\u200b",
    "💥".repeat(30),
    "x".repeat(70_000),
    "<script>alert(1)</script>",
  ),
  fc.constantFrom(
    "2026-13-45T25:61:00Z",
    "2026-02-30T00:00:00Z",
    "yesterday",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ),
  fc.constantFrom(
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a0Z",
  ),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(-1, 0, 101, 1e15, -1e308, 1e308, 2 ** 53, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constant(deep(200)),
);

function deep(n: number): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < n; i++) v = { nested: v };
  return v;
}

type Request = { contentType: string | null; body: string | undefined };

function requestFor(route: Route): fc.Arbitrary<Request> {
  const fieldObject = fc
    .dictionary(
      route.fields.length ? fc.constantFrom(...route.fields) : fc.string({ maxLength: 10 }),
      nasty,
      { maxKeys: 4 },
    )
    .chain((obj) =>
      fc.record({
        obj: fc.constant(obj),
        extra: fc.dictionary(fc.string({ maxLength: 12 }), nasty, { maxKeys: 2 }),
      }),
    )
    .map(({ obj, extra }) => JSON.stringify({ ...extra, ...obj }));
  const json = fc.oneof(
    { weight: 6, arbitrary: fieldObject },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fieldObject.map((s) => s.slice(0, Math.max(1, Math.floor(s.length / 2)))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "{",
        "[",
        "null",
        "{}",
        "[]",
        '"x"',
        '{"a":',
        "\u0000",
        JSON.stringify(deep(3000)),
      ),
    },
  );
  return fc.oneof(
    { weight: 8, arbitrary: json.map((body) => ({ contentType: "application/json", body })) },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          null,
        ),
        body: fc.oneof(fc.string(), fieldObject),
      }),
    },
  );
}

/** Sends a request and waits for its background work (waitUntil), so the next fingerprint sees all of it. */
async function send(route: Route, req: Request): Promise<Response> {
  const headers: Record<string, string> = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  if (req.contentType) headers["Content-Type"] = req.contentType;
  return callWith({}, `/api${route.path()}`, { method: route.method, headers, body: req.body });
}

async function invariants(): Promise<void> {
  for (const [operationId, path] of [
    ["getComponents", "/components"],
    ["getIncidents", "/incidents?start=2025-06-01T00:00:00Z&end=2026-06-01T00:00:00Z"],
    ["getIncidentUpdates", `/incidents/${ids.incident}/updates`],
    ["getSeverities", "/severities"],
    ["getImpactTypes", "/impacttypes"],
    ["getPhaseList", "/phases"],
  ] as const) {
    const body = await json(api(path));
    expect(validateAgainstSpec(operationId, body), operationId).toEqual([]);
  }
  const { results } = await env.DB.prepare(
    'SELECT "order" FROM incident_updates WHERE incident_id = ?1 ORDER BY "order"',
  )
    .bind(ids.incident)
    .all<{ order: number }>();
  expect(results.map((r) => r.order)).toEqual(results.map((_, i) => i));
  const open = await env.DB.prepare(
    "SELECT MAX(n) AS worst FROM (SELECT COUNT(*) AS n FROM incidents WHERE monitor_id IS NOT NULL AND ended_at IS NULL AND deleted_at IS NULL GROUP BY monitor_id)",
  ).first<{ worst: number | null }>();
  expect(open?.worst ?? 0).toBeLessThanOrEqual(1);
}

describe("fuzzing every write route", () => {
  it.each(
    ROUTES.map(
      (r) => [`${r.method} ${r.path.toString().match(/"(.*)"|`(.*)`/)?.[0] ?? r.method}`, r] as const,
    ),
  )("%s", async (_label, route) => {
    await fc.assert(
      fc.asyncProperty(requestFor(route), async (req) => {
        tried += 1;
        const before = await fingerprint();
        const res = await send(route, req);
        expect(res.status, `${route.method} ${req.body?.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) {
          refused += 1;
          expect(res.headers.get("Content-Type")).toBe("application/problem+json");
          const problem = await res.json<{
            status: number;
            detail: string;
            errors?: { path: string; message: string }[];
          }>();
          expect(problem.status).toBe(res.status);
          expect(problem.detail.length).toBeGreaterThan(0);
          if ([400, 413, 415, 422].includes(res.status)) {
            expect(problem.errors?.length, problem.detail).toBeGreaterThan(0);
            for (const e of problem.errors ?? []) expect(e.path.length).toBeGreaterThan(0);
          }
          expect(await fingerprint()).toEqual(before);
        } else {
          accepted += 1;
          await res.body?.cancel();
          await invariants();
        }
      }),
      { numRuns: 55, seed: 20261126, includeErrorInReport: true },
    );
  });

  it("tried at least 1,000 requests", () => {
    console.log(
      `FUZZ_RESULT ${JSON.stringify({ fuzz_requests: tried, fuzz_refused: refused, fuzz_accepted: accepted })}`,
    );
    expect(tried).toBeGreaterThanOrEqual(1000);
  });
});
