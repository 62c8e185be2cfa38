import { findTokenByHash } from "../db/tokens";
import { BOOTSTRAP_TOKEN_ID, type Caller } from "../domain/scopes";
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
