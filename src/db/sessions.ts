import type { Scope } from "../domain/scopes";

export type Session = {
  idHash: string;
  tokenId: string;
  name: string;
  scopes: Scope[];
  credentialHash: string | null;
  subject: string | null;
  email: string | null;
  csrf: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The console language chosen with ?lang=, or null. */
  language?: string | null;
};

type Row = {
  id_hash: string;
  token_id: string;
  name: string;
  scopes: string;
  credential_hash: string | null;
  subject: string | null;
  email: string | null;
  csrf: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  language?: string | null;
};

function toSession(r: Row): Session {
  return {
    idHash: r.id_hash,
    tokenId: r.token_id,
    name: r.name,
    scopes: r.scopes.split(" ").filter(Boolean) as Scope[],
    credentialHash: r.credential_hash,
    subject: r.subject,
    email: r.email,
    csrf: r.csrf,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    language: r.language ?? null,
  };
}

export function insertSession(db: D1Database, s: Session): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sessions (id_hash, token_id, name, scopes, credential_hash, subject, email, csrf, created_at, last_seen_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
    )
    .bind(
      s.idHash,
      s.tokenId,
      s.name,
      s.scopes.join(" "),
      s.credentialHash,
      s.subject,
      s.email,
      s.csrf,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt,
    );
}

/**
 * A live session: not past its absolute expiry, seen since `idleSince`, and,
 * unless it came from ADMIN_TOKEN or single sign-on, exchanged for a token
 * that is still valid.
 * Revoking or expiring a token therefore ends its sessions at once.
 */
export async function findLiveSession(
  db: D1Database,
  idHash: string,
  now: string,
  idleSince: string,
): Promise<Session | null> {
  const row = await db
    .prepare(
      `SELECT s.* FROM sessions s
       WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND s.last_seen_at > ?3
         AND (s.token_id IN ('bootstrap', 'oidc') OR EXISTS (
           SELECT 1 FROM tokens t WHERE t.id = s.token_id AND t.revoked_at IS NULL
             AND (t.expires_at IS NULL OR t.expires_at > ?2)))`,
    )
    .bind(idHash, now, idleSince)
    .first<Row>();
  return row ? toSession(row) : null;
}

/** Keeps a session alive, at most once a minute, to spare D1 writes. */
export function touchSession(
  db: D1Database,
  idHash: string,
  at: string,
  staleBefore: string,
): D1PreparedStatement {
  return db
    .prepare("UPDATE sessions SET last_seen_at = ?2 WHERE id_hash = ?1 AND last_seen_at < ?3")
    .bind(idHash, at, staleBefore);
}

/** Keeps the console language an operator chose for the rest of the session. */
export function setSessionLanguage(db: D1Database, idHash: string, language: string): D1PreparedStatement {
  return db.prepare("UPDATE sessions SET language = ?2 WHERE id_hash = ?1").bind(idHash, language);
}

export function deleteSession(db: D1Database, idHash: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(idHash);
}

export function deleteSessionsOfToken(db: D1Database, tokenId: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sessions WHERE token_id = ?1").bind(tokenId);
}

/** Sessions past their absolute or idle expiry (the cron's housekeeping). */
export function purgeSessions(db: D1Database, now: string, idleSince: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sessions WHERE expires_at <= ?1 OR last_seen_at <= ?2").bind(now, idleSince);
}

/** Failed sign-ins of one client in the window that starts at `windowStart`. */
export async function signInFailures(db: D1Database, client: string, windowStart: string): Promise<number> {
  const row = await db
    .prepare("SELECT count FROM sign_in_failures WHERE client = ?1 AND window_start = ?2")
    .bind(client, windowStart)
    .first<{ count: number }>();
  return row?.count ?? 0;
}

export function recordSignInFailure(
  db: D1Database,
  client: string,
  windowStart: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sign_in_failures (client, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (client, window_start) DO UPDATE SET count = count + 1`,
    )
    .bind(client, windowStart);
}

export function purgeSignInFailures(db: D1Database, before: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sign_in_failures WHERE window_start < ?1").bind(before);
}
