import { env, exports } from "cloudflare:workers";
import { sha256Hex } from "../../src/auth/secrets";
import { TEST_ADMIN_TOKEN } from "./constants";

export const ORIGIN = "https://status.example";
export { TEST_ADMIN_TOKEN };

/** Sends a request to the Worker under test, as a visitor or an API client would. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

type ApiInit = { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> };

/** Calls the API as an operator: JSON in, bootstrap admin token unless told otherwise. */
export function api(path: string, init: ApiInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? TEST_ADMIN_TOKEN : init.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  return call(`/api${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely-typed JSON bodies
export async function json<T = any>(res: Response | Promise<Response>): Promise<T> {
  return (await res).json<T>();
}

/** Creates a resource and returns its id, failing loudly when the API refuses. */
export async function create(path: string, body: unknown, token?: string): Promise<string> {
  const res = await api(path, { body, token });
  if (res.status !== 201) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
  return (await res.json<{ id: string }>()).id;
}

export { SEEDED_IMPACT_TYPES as IMPACT_TYPES } from "../../src/domain/impact-types";

export function component(displayName: string, extra: Record<string, unknown> = {}): Promise<string> {
  return create("/components", { displayName, ...extra });
}

/** A token row written straight to D1, for states the API refuses to create (already expired). */
export async function insertTokenRow(opts: {
  scopes: string[];
  expiresAt?: string | null;
  revokedAt?: string | null;
}): Promise<string> {
  const token = `bcn_test_${crypto.randomUUID()}`;
  await env.DB.prepare(
    "INSERT INTO tokens (id, name, hash, scopes, created_at, expires_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  )
    .bind(
      crypto.randomUUID(),
      "test",
      await sha256Hex(token),
      opts.scopes.join(" "),
      new Date().toISOString(),
      opts.expiresAt ?? null,
      opts.revokedAt ?? null,
    )
    .run();
  return token;
}

/** Row counts and a checksum per table: equal before and after means nothing was written. */
export async function fingerprint(): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'usage_days' ORDER BY name",
  ).all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    out[name] = `${rows.results.length}:${await sha256Hex(JSON.stringify(rows.results))}`;
  }
  return out;
}
