#!/usr/bin/env node
// Mints, lists and revokes API tokens without needing a token first.
//
//   npm run token -- create --name NAME --scope incidents [--scope admin] [--expires 2027-01-01T00:00:00Z] [--local|--remote]
//   npm run token -- list [--local|--remote]
//   npm run token -- revoke TOKEN_ID [--local|--remote]
//
// --local (the default) writes to the D1 of `npm start` under DATA_DIR;
// --remote runs the SQL on Cloudflare's D1 through `wrangler d1 execute`.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROOT, runnerConfig } from "./lib/config.mjs";
import { openLocalD1 } from "./lib/local-d1.mjs";

const SCOPES = ["incidents", "admin", "metrics"];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    scope: { type: "string", multiple: true },
    expires: { type: "string" },
    local: { type: "boolean" },
    remote: { type: "boolean" },
  },
});

/** @param {string} message */
function fail(message) {
  console.error(`token: ${message}`);
  process.exit(2);
}

/** @param {unknown} v */
const sql = (v) => (v === null || v === undefined ? "NULL" : `'${String(v).replaceAll("'", "''")}'`);

/** @param {string} statement @returns {Promise<Record<string, unknown>[]>} */
async function run(statement) {
  if (values.remote) {
    const out = execFileSync(
      path.join(ROOT, "node_modules", ".bin", "wrangler"),
      ["d1", "execute", "DB", "--remote", "--json", "--command", statement],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    return JSON.parse(out)[0]?.results ?? [];
  }
  const { db, close } = await openLocalD1(runnerConfig(process.env).dataDir);
  try {
    return /** @type {Record<string, unknown>[]} */ ((await db.prepare(statement).all()).results);
  } finally {
    await close();
  }
}

const [command, arg] = positionals;
if (values.local && values.remote) fail("choose --local or --remote, not both");

if (command === "create") {
  const name = values.name?.trim();
  if (!name) fail("--name is required");
  const scopes = values.scope ?? [];
  if (scopes.length === 0) fail(`--scope is required (${SCOPES.join(", ")})`);
  for (const s of scopes) if (!SCOPES.includes(s)) fail(`unknown scope "${s}"; use ${SCOPES.join(", ")}`);
  let expires = null;
  if (values.expires) {
    const ms = Date.parse(values.expires);
    if (Number.isNaN(ms) || ms <= Date.now())
      fail("--expires must be a future date-time, e.g. 2027-01-01T00:00:00Z");
    expires = new Date(ms).toISOString();
  }
  const token = `bcn_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  const id = randomUUID();
  const now = new Date().toISOString();
  await run(
    `INSERT INTO tokens (id, name, hash, scopes, created_at, expires_at) VALUES (${sql(id)}, ${sql(name)}, ${sql(hash)}, ${sql([...new Set(scopes)].join(" "))}, ${sql(now)}, ${sql(expires)})`,
  );
  console.log(
    `Created token ${id} (${name}; scopes: ${scopes.join(", ")}). It is shown only this once:\n${token}`,
  );
} else if (command === "list") {
  const rows = await run(
    "SELECT id, name, scopes, created_at, expires_at, revoked_at, last_used_at FROM tokens ORDER BY created_at DESC LIMIT 500",
  );
  console.table(rows);
} else if (command === "revoke") {
  if (!arg) fail("revoke needs a token id");
  await run(
    `UPDATE tokens SET revoked_at = ${sql(new Date().toISOString())} WHERE id = ${sql(arg)} AND revoked_at IS NULL`,
  );
  console.log(`Revoked token ${arg} (if it existed and was live).`);
} else {
  fail(
    "usage: token create --name NAME --scope SCOPE [--expires ISO] [--local|--remote] | token list | token revoke ID",
  );
}
