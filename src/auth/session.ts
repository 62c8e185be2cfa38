/**
 * Console sessions. A session is exchanged for an API token at sign-in and
 * lives in D1 under the SHA-256 of its random id; the cookie holds the id.
 * Each session carries its own CSRF token, bound into every console form.
 */
import { deleteSession, findLiveSession, insertSession, type Session, touchSession } from "../db/sessions";
import { BOOTSTRAP_TOKEN_ID, type Caller, OIDC_TOKEN_ID } from "../domain/scopes";
import { HOUR_MS, iso, MINUTE_MS } from "../domain/time";
import { digestsEqual, newToken, sha256, sha256Hex } from "./secrets";

export const SESSION_COOKIE = "beacon_session";
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 4 * HOUR_MS;
/** …and this long after sign-in, whatever happens. */
export const SESSION_ABSOLUTE_MS = 24 * HOUR_MS;

export type ConsoleSession = {
  caller: Caller;
  csrf: string;
  idHash: string;
  email: string | null;
  /** The console language chosen in this session, or null. */
  language: string | null;
};

/** Cookies carry `Secure` everywhere but on loopback, where a browser cannot reach https. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function sessionCookie(value: string, requestUrl: string, maxAgeSeconds: number): string {
  const secure = isLoopback(requestUrl) ? "" : "; Secure";
  return `${SESSION_COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export function readSessionCookie(header: string | undefined): string | null {
  for (const part of (header ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^bcs_[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** A new session for `caller`: the cookie value and the row to insert. */
export async function newSession(
  db: D1Database,
  caller: Caller,
  now: number,
  who: { credentialHash?: string; subject?: string; email?: string } = {},
): Promise<{ cookie: string; statement: D1PreparedStatement }> {
  const cookie = newToken("bcs_");
  const session: Session = {
    idHash: await sha256Hex(cookie),
    tokenId: caller.tokenId,
    name: caller.name,
    scopes: [...caller.scopes],
    credentialHash: who.credentialHash ?? null,
    subject: who.subject ?? null,
    email: who.email ?? null,
    csrf: newToken("csrf_"),
    createdAt: iso(now),
    lastSeenAt: iso(now),
    expiresAt: iso(now + SESSION_ABSOLUTE_MS),
  };
  return { cookie, statement: insertSession(db, session) };
}

/**
 * The live session a cookie names, or null. A session from ADMIN_TOKEN also
 * ends when the secret changes: its digest must still match.
 */
export async function resumeSession(
  env: Env,
  cookie: string,
  now: number,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<ConsoleSession | null> {
  const idHash = await sha256Hex(cookie);
  const row = await findLiveSession(env.DB, idHash, iso(now), iso(now - SESSION_IDLE_MS));
  if (!row) return null;
  if (row.tokenId === BOOTSTRAP_TOKEN_ID) {
    const current = env.ADMIN_TOKEN ? await sha256Hex(await sha256Hex(env.ADMIN_TOKEN)) : null;
    if (!current || current !== row.credentialHash) return null;
  }
  const touch = touchSession(env.DB, idHash, iso(now), iso(now - MINUTE_MS)).run();
  waitUntil(touch.catch((err) => console.error("session touch failed", String(err))));
  return {
    caller: {
      tokenId: row.tokenId,
      name: row.name,
      scopes: row.scopes,
      bootstrap: row.tokenId === BOOTSTRAP_TOKEN_ID,
      ...(row.tokenId === OIDC_TOKEN_ID && row.subject
        ? { person: { subject: row.subject, email: row.email } }
        : {}),
    },
    csrf: row.csrf,
    idHash,
    email: row.email,
    language: row.language ?? null,
  };
}

export function endSession(db: D1Database, idHash: string): D1PreparedStatement {
  return deleteSession(db, idHash);
}

/** The form's CSRF token against the session's, in constant time. */
export async function csrfMatches(session: ConsoleSession, given: unknown): Promise<boolean> {
  if (typeof given !== "string" || given.length === 0 || given.length > 200) return false;
  return digestsEqual(await sha256(given), await sha256(session.csrf));
}
