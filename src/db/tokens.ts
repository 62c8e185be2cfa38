import type { Scope } from "../domain/scopes";

export type TokenRow = {
  id: string;
  name: string;
  hash: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

type Row = {
  id: string;
  name: string;
  hash: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
};

function toToken(r: Row): TokenRow {
  return {
    id: r.id,
    name: r.name,
    hash: r.hash,
    scopes: r.scopes.split(" ").filter(Boolean) as Scope[],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function findTokenByHash(db: D1Database, hash: string): Promise<TokenRow | null> {
  const row = await db.prepare("SELECT * FROM tokens WHERE hash = ?1").bind(hash).first<Row>();
  return row ? toToken(row) : null;
}

export async function getToken(db: D1Database, id: string): Promise<TokenRow | null> {
  const row = await db.prepare("SELECT * FROM tokens WHERE id = ?1").bind(id).first<Row>();
  return row ? toToken(row) : null;
}

export async function listTokens(db: D1Database, limit: number): Promise<TokenRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM tokens ORDER BY created_at DESC, id LIMIT ?1")
    .bind(limit)
    .all<Row>();
  return results.map(toToken);
}

export function insertToken(
  db: D1Database,
  t: Omit<TokenRow, "revokedAt" | "lastUsedAt">,
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO tokens (id, name, hash, scopes, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(t.id, t.name, t.hash, t.scopes.join(" "), t.createdAt, t.expiresAt);
}

export function revokeToken(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db.prepare("UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL").bind(id, at);
}

/** Records use, at most once a minute per token, to spare D1 writes. */
export function touchToken(db: D1Database, id: string, at: string, staleBefore: string): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE tokens SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)",
    )
    .bind(id, at, staleBefore);
}
