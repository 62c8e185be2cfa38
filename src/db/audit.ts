import type { Caller } from "../domain/scopes";

export type AuditEntry = {
  id: number;
  at: string;
  tokenId: string;
  tokenName: string;
  method: string;
  path: string;
  action: string;
  resourceId: string | null;
  detail: string | null;
  /** A person signed in with single sign-on: the provider's subject and their e-mail. */
  subject: string | null;
  email: string | null;
};

type Row = {
  id: number;
  at: string;
  token_id: string;
  token_name: string;
  method: string;
  path: string;
  action: string;
  resource_id: string | null;
  detail: string | null;
  subject: string | null;
  email: string | null;
};

/**
 * The audit row for a write. For a stored token the id is read back from
 * `tokens` only while the token is still valid; otherwise it is NULL, the
 * NOT NULL constraint fails, and the whole batch (the write itself) rolls back.
 */
export function auditStatement(
  db: D1Database,
  caller: Caller,
  entry: {
    at: string;
    method: string;
    path: string;
    action: string;
    resourceId: string | null;
    detail?: string | null;
  },
): D1PreparedStatement {
  const values = [
    entry.at,
    caller.tokenId,
    caller.name,
    entry.method,
    entry.path,
    entry.action,
    entry.resourceId,
    entry.detail ?? null,
  ];
  if (caller.person) {
    return db
      .prepare(
        "INSERT INTO audit_log (at, token_id, token_name, method, path, action, resource_id, detail, subject, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      )
      .bind(...values, caller.person.subject, caller.person.email);
  }
  if (caller.bootstrap) {
    return db
      .prepare(
        "INSERT INTO audit_log (at, token_id, token_name, method, path, action, resource_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      )
      .bind(...values);
  }
  return db
    .prepare(
      `INSERT INTO audit_log (at, token_id, token_name, method, path, action, resource_id, detail)
       VALUES (?1, (SELECT id FROM tokens WHERE id = ?2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?1)),
               ?3, ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(...values);
}

/** The audit row of a write the scheduler made on its own. */
export function auditCronStatement(
  db: D1Database,
  at: string,
  action: string,
  resourceId: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO audit_log (at, token_id, token_name, method, path, action, resource_id) VALUES (?1, 'scheduler', 'cron', 'CRON', '/scheduled', ?2, ?3)",
    )
    .bind(at, action, resourceId);
}

export const REVOKED_DURING_WRITE = "audit_log.token_id";

/** Newest first, before the entry `before`; `action` keeps the entries whose action starts with it. */
export async function listAudit(
  db: D1Database,
  limit: number,
  before?: number,
  action?: string,
): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      "SELECT * FROM audit_log WHERE id < ?2 AND (?3 IS NULL OR substr(action, 1, length(?3)) = ?3) ORDER BY id DESC LIMIT ?1",
    )
    .bind(limit, before ?? Number.MAX_SAFE_INTEGER, action ?? null)
    .all<Row>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    tokenId: r.token_id,
    tokenName: r.token_name,
    method: r.method,
    path: r.path,
    action: r.action,
    resourceId: r.resource_id,
    detail: r.detail,
    subject: r.subject,
    email: r.email,
  }));
}
