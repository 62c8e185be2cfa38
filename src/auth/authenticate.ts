import { findTokenByHash } from "../db/tokens";
import { scopesFromClaims } from "../domain/oidc-roles";
import { BOOTSTRAP_TOKEN_ID, type Caller, OIDC_TOKEN_ID } from "../domain/scopes";
import { isJwt, OidcError, oidcConfig, ProviderUnavailable, verifyJwt } from "./oidc";
import { digestsEqual, fromHex, sha256 } from "./secrets";

/**
 * Resolves a bearer token to its caller, or null. Only digests are compared,
 * and always in constant time.
 */
export async function authenticate(env: Env, token: string, now: string): Promise<Caller | null> {
  const digest = await sha256(token);
  if (env.ADMIN_TOKEN) {
    const bootstrap = await sha256(env.ADMIN_TOKEN);
    if (digestsEqual(digest, bootstrap)) {
      return { tokenId: BOOTSTRAP_TOKEN_ID, name: "ADMIN_TOKEN", scopes: ["admin"], bootstrap: true };
    }
  }
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const row = await findTokenByHash(env.DB, hex);
  if (!row || !digestsEqual(fromHex(row.hash), digest)) return null;
  if (row.revokedAt) return null;
  if (row.expiresAt && row.expiresAt <= now) return null;
  return { tokenId: row.id, name: row.name, scopes: row.scopes, bootstrap: false };
}

/** A person's caller from verified claims: who they are, and the scopes their groups map to. */
export function personCaller(claims: Record<string, unknown>, scopes: Caller["scopes"]): Caller {
  const subject = String(claims.sub);
  const email = typeof claims.email === "string" ? claims.email : null;
  const name = typeof claims.name === "string" && claims.name ? claims.name : (email ?? subject);
  return { tokenId: OIDC_TOKEN_ID, name, scopes, bootstrap: false, person: { subject, email } };
}

export type BearerOutcome = { caller: Caller } | { status: 401 | 403 | 503; detail: string };

/**
 * A bearer token: one of Beacon's own, or, where single sign-on is set up, a
 * JWT from the configured issuer (an access or ID token) whose claims map to
 * a scope. No mapped group means 403 with the reason, never a default scope.
 */
export async function authenticateBearer(env: Env, token: string, now: string): Promise<BearerOutcome> {
  const config = isJwt(token) ? oidcConfig(env) : null;
  if (!config) {
    const caller = await authenticate(env, token, now);
    return caller ? { caller } : { status: 401, detail: "The bearer token is invalid, expired or revoked" };
  }
  try {
    const claims = await verifyJwt(config, token, config.audience);
    const decision = scopesFromClaims(claims, config);
    if ("refused" in decision) return { status: 403, detail: decision.refused };
    return { caller: personCaller(claims, decision.scopes) };
  } catch (err) {
    if (err instanceof ProviderUnavailable) return { status: 503, detail: err.message };
    if (err instanceof OidcError)
      return { status: 401, detail: `The bearer token was refused: ${err.message}` };
    throw err;
  }
}
