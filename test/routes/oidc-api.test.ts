import { describe, expect, inject, it } from "vitest";
import { component, create, IMPACT_TYPES, json } from "../helpers/request";
import { callWith } from "../helpers/worker";

const oidc = inject("oidc");

/** Single sign-on as an SCS deployment would set it up for its Dex. */
const SSO: Partial<Env> = {
  OIDC_ISSUER: oidc.issuer,
  OIDC_CLIENT_ID: oidc.clientId,
  OIDC_ADMIN_GROUPS: "beacon-admins",
  OIDC_INCIDENT_GROUPS: "beacon-oncall, sre",
  OIDC_ALLOWED_EMAILS: "@partner.example",
  ALLOWED_ORIGINS: "https://scs-ui.example",
};

function asPerson(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  return callWith(SSO, `/api${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function newIncident(name: string): Promise<string> {
  const comp = await component(`${name} component`);
  return create("/incidents", {
    displayName: name,
    beganAt: new Date(Date.now() - 60_000).toISOString(),
    affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 10 }],
  });
}

describe("bearer JWTs from the configured OpenID provider", () => {
  it("accepts an ID token of an admin group member for admin operations", async () => {
    const res = await asPerson(oidc.valid.alice as string, "/tokens");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("gives an incident group member the incidents scope, and no more", async () => {
    const comp = await component("SSO incident target");
    const created = await asPerson(oidc.valid.bob as string, "/incidents", {
      body: {
        displayName: "Opened by Bob",
        beganAt: new Date().toISOString(),
        affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 50 }],
      },
    });
    expect(created.status).toBe(201);
    const tokens = await asPerson(oidc.valid.bob as string, "/tokens");
    expect(tokens.status).toBe(403);
  });

  it("gives an allowed e-mail domain the incidents scope", async () => {
    const id = await newIncident("Partner edit");
    const res = await asPerson(oidc.valid.dave as string, `/incidents/${id}`, {
      method: "PATCH",
      body: { displayName: "Partner edit, renamed" },
    });
    expect(res.status).toBe(204);
  });

  it("refuses a person in no mapped group with 403 and says why, never a default scope", async () => {
    const res = await asPerson(oidc.valid.carol as string, "/incidents", {
      body: { displayName: "Should not open", beganAt: new Date().toISOString() },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await json(res);
    expect(problem.detail).toContain('"marketing"');
    expect(problem.detail).toContain("OIDC_ADMIN_GROUPS");
  });

  it("records the person's subject and e-mail in the audit log", async () => {
    const id = await newIncident("Audited by Alice");
    const res = await asPerson(oidc.valid.alice as string, `/incidents/${id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    const audit = await json(asPerson(oidc.valid.alice as string, "/audit?limit=5"));
    const entry = audit.data.find((e: { resourceId: string | null }) => e.resourceId === id);
    expect(entry).toMatchObject({
      tokenId: "oidc",
      tokenName: "Alice Admin",
      subject: "alice-sub",
      email: "alice@ops.example",
    });
  });

  it("accepts a token whose nbf is within a minute of clock skew", async () => {
    expect((await asPerson(oidc.skewed, "/tokens")).status).toBe(200);
  });

  const refusals: [keyof typeof oidc.refused, RegExp][] = [
    ["wrongAudience", /"aud" claim/],
    ["expired", /expired/],
    ["notYetValid", /"nbf" claim/],
    ["otherIssuer", /"iss" claim/],
    ["unknownKid", /key id/],
    ["algNone", /algorithm|not a valid JWT/],
    ["hs256WithPublicKey", /algorithm/],
  ];
  for (const [name, reason] of refusals) {
    it(`refuses a token that is ${name} with 401 and the reason`, async () => {
      const res = await asPerson(oidc.refused[name], "/tokens");
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect((await json(res)).detail).toMatch(reason);
    });
  }

  it("answers 503, not 401, while the provider cannot be reached", async () => {
    // An issuer whose discovery document answers 503 (a test upstream on loopback).
    const down = `http://127.0.0.1:${inject("upstream").http}/status/503`;
    const res = await callWith({ ...SSO, OIDC_ISSUER: down }, "/api/tokens", {
      headers: { Authorization: `Bearer ${oidc.valid.alice}` },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect((await json(res)).detail).toContain("did not answer its discovery document");
  });

  it("treats JWTs as unknown tokens while single sign-on is off", async () => {
    const res = await callWith({}, "/api/tokens", {
      headers: { Authorization: `Bearer ${oidc.valid.alice}` },
    });
    expect(res.status).toBe(401);
  });

  it("refuses an issuer over plain http that is not on loopback", async () => {
    const res = await callWith({ ...SSO, OIDC_ISSUER: "http://dex.example.com" }, "/api/tokens", {
      headers: { Authorization: `Bearer ${oidc.valid.alice}` },
    });
    expect(res.status).toBe(401);
  });
});

describe("the SCS web UI with a token from its Dex", () => {
  const origin = "https://scs-ui.example";
  const ui = (token: string, path: string, method: string, body?: unknown) =>
    callWith(SSO, `/api${path}`, {
      method,
      headers: {
        Origin: origin,
        Authorization: `Bearer ${token}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("edits an incident, posts an update and deletes it, as the UI sends them", async () => {
    const token = oidc.valid.bob as string;
    const id = await newIncident("From the SCS UI");
    const current = (await json(ui(token, `/incidents/${id}`, "GET"))).data;
    const patch = await ui(token, `/incidents/${id}`, "PATCH", {
      ...current,
      displayName: "From the SCS UI, edited",
      phase: { generation: 1, order: 1 },
    });
    expect(patch.status).toBe(204);
    expect(patch.headers.get("access-control-allow-origin")).toBe(origin);
    const update = await ui(token, `/incidents/${id}/updates`, "POST", {
      displayName: "Identified",
      description: "Identified the cause.",
      createdAt: new Date().toISOString(),
    });
    expect(update.status).toBe(201);
    const updates = (await json(ui(token, `/incidents/${id}/updates`, "GET"))).data;
    expect(updates.map((u: { description: string }) => u.description)).toContain("Identified the cause.");
    const removed = await ui(token, `/incidents/${id}`, "DELETE");
    expect(removed.status).toBe(204);
    expect((await ui(token, `/incidents/${id}`, "GET")).status).toBe(404);
  });
});
