/**
 * Single sign-on with any OpenID Connect provider: its settings, discovery,
 * the verification of its JWTs (bearer tokens on the API, ID tokens at the
 * console's callback), and the authorization code flow with PKCE.
 *
 * JOSE is jose's: signatures against the issuer's JWKS (cached, fetched
 * again when a token names an unknown `kid`), `iss`, `aud`, `exp` and `nbf`
 * with a minute of clock skew, and an allow-list of asymmetric algorithms,
 * so `none` and HMAC tokens are refused whatever key they claim.
 */
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";
import { base64url } from "../domain/base64url";
import type { RoleMapping } from "../domain/oidc-roles";
import { newToken, sha256 } from "./secrets";
import { isLoopback } from "./session";

export type OidcConfig = RoleMapping & {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** The `aud` bearer tokens must carry (ID tokens always carry the client id). */
  audience: string;
  scopes: string[];
};

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const CLOCK_SKEW_S = 60;
const DISCOVERY_TTL_MS = 60 * 60_000;

const list = (text: string | undefined) =>
  (text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

let warned = "";

/** The OIDC_* settings, or null when single sign-on is off (or its issuer is not allowed). */
export function oidcConfig(env: Env): OidcConfig | null {
  const issuer = (env.OIDC_ISSUER ?? "").trim().replace(/\/+$/, "");
  const clientId = (env.OIDC_CLIENT_ID ?? "").trim();
  if (!issuer || !clientId) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    url = new URL("invalid:");
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && isLoopback(issuer));
  if (!allowed) {
    if (warned !== issuer)
      console.error(`OIDC_ISSUER ${issuer} is refused: it must be https (plain http only on loopback)`);
    warned = issuer;
    return null;
  }
  const scopes = list(env.OIDC_SCOPES);
  return {
    issuer,
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || null,
    audience: (env.OIDC_AUDIENCE ?? "").trim() || clientId,
    scopes: scopes.length ? scopes : ["openid", "email", "profile", "groups"],
    groupsClaim: (env.OIDC_GROUPS_CLAIM ?? "").trim() || "groups",
    adminGroups: list(env.OIDC_ADMIN_GROUPS),
    incidentGroups: list(env.OIDC_INCIDENT_GROUPS),
    allowedEmails: list(env.OIDC_ALLOWED_EMAILS),
  };
}

/** Why a token or a sign-in was refused, in words for the problem document or the page. */
export class OidcError extends Error {}

/** The provider could not be asked (its discovery document or keys did not come): not the token's fault. */
export class ProviderUnavailable extends OidcError {}

type Discovery = {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  end_session_endpoint?: string;
};

const discovered = new Map<string, { at: number; doc: Discovery }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The provider's discovery document, kept an hour per isolate. */
export async function discover(config: OidcConfig): Promise<Discovery> {
  const hit = discovered.get(config.issuer);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.doc;
  let doc: Discovery;
  try {
    const res = await fetch(`${config.issuer}/.well-known/openid-configuration`, {
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`status ${res.status}`);
    doc = await res.json<Discovery>();
  } catch (err) {
    throw new ProviderUnavailable(
      `The identity provider ${config.issuer} did not answer its discovery document (${err instanceof Error ? err.message : err}).`,
    );
  }
  // The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
  if (doc.issuer?.replace(/\/+$/, "") !== config.issuer) {
    throw new OidcError(`The discovery document names the issuer ${doc.issuer}, not ${config.issuer}.`);
  }
  for (const key of ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
    if (typeof doc[key] !== "string") throw new OidcError(`The discovery document has no ${key}.`);
  }
  discovered.set(config.issuer, { at: Date.now(), doc });
  return doc;
}

function keySet(doc: Discovery) {
  let set = keySets.get(doc.jwks_uri);
  if (!set) {
    // jose keeps the keys 10 minutes and fetches again, at most every 30 s, when a kid is unknown.
    set = createRemoteJWKSet(new URL(doc.jwks_uri), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000 });
    keySets.set(doc.jwks_uri, set);
  }
  return set;
}

function explain(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "The token has expired.";
  if (err instanceof errors.JWTClaimValidationFailed)
    return `The token's "${err.claim}" claim is not accepted: ${err.reason === "check_failed" ? "it does not match" : err.reason}.`;
  if (err instanceof errors.JOSEAlgNotAllowed) return "The token's signing algorithm is not allowed.";
  if (err instanceof errors.JWKSNoMatchingKey) return "No key of the issuer matches the token's key id.";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "The token's signature does not verify.";
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
    return "The token is not a valid JWT.";
  if (err instanceof OidcError) return err.message;
  return "The token could not be verified.";
}

/** A JWT from the issuer, verified; its claims, or an OidcError saying why not. */
export async function verifyJwt(config: OidcConfig, token: string, audience: string): Promise<JWTPayload> {
  const doc = await discover(config);
  try {
    const { payload } = await jwtVerify(token, keySet(doc), {
      issuer: config.issuer,
      audience,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_S,
      requiredClaims: ["exp", "sub"],
    });
    return payload;
  } catch (err) {
    if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
      throw new ProviderUnavailable(`The identity provider's keys could not be read (${err.message}).`);
    }
    throw new OidcError(explain(err));
  }
}

/** Looks like a JWT (three base64url parts), not one of Beacon's tokens. */
export function isJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

/** The PKCE challenge of a verifier: base64url(SHA-256(verifier)) (RFC 7636, S256). */
async function challengeOf(verifier: string): Promise<string> {
  return base64url(await sha256(verifier));
}

export type PendingLogin = { state: string; nonce: string; verifier: string };

/** Where to send the browser to sign in, and what to keep until it comes back. */
export async function authorizationRequest(
  config: OidcConfig,
  redirectUri: string,
): Promise<{ url: string; pending: PendingLogin }> {
  const doc = await discover(config);
  // 256 random bits each, base64url: 43 characters.
  const pending = { state: newToken(""), nonce: newToken(""), verifier: newToken("") };
  const url = new URL(doc.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: config.scopes.join(" "),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: "S256",
  }).toString();
  return { url: url.toString(), pending };
}

/**
 * Exchanges the code for tokens and verifies the ID token (audience the
 * client id, the nonce we sent). Claims the ID token lacks (groups, e-mail)
 * are taken from the userinfo endpoint where the provider has one.
 */
export async function completeLogin(
  config: OidcConfig,
  redirectUri: string,
  code: string,
  pending: PendingLogin,
): Promise<JWTPayload> {
  const doc = await discover(config);
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    code_verifier: pending.verifier,
  });
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  if (config.clientSecret) {
    // client_secret_basic: both parts form-encoded first (RFC 6749, section 2.3.1).
    const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");
    headers.Authorization = `Basic ${btoa(`${enc(config.clientId)}:${enc(config.clientSecret)}`)}`;
  } else {
    body.set("client_id", config.clientId);
  }
  const res = await fetch(doc.token_endpoint, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const tokens = (await res.json().catch(() => ({}))) as {
    id_token?: string;
    access_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !tokens.id_token) {
    throw new OidcError(
      `The identity provider refused the sign-in: ${tokens.error_description ?? tokens.error ?? `status ${res.status}`}.`,
    );
  }
  const claims = await verifyJwt(config, tokens.id_token, config.clientId);
  if (claims.nonce !== pending.nonce)
    throw new OidcError("The ID token's nonce is not the one this sign-in sent.");
  const missing = claims[config.groupsClaim] === undefined || claims.email === undefined;
  if (missing && doc.userinfo_endpoint && tokens.access_token) {
    const info = await fetch(doc.userinfo_endpoint, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/json" },
      signal: AbortSignal.timeout(10_000),
    })
      .then((r) => (r.ok ? r.json<Record<string, unknown>>() : null))
      .catch(() => null);
    // Userinfo speaks for the same person only (OpenID Connect Core, section 5.3.2).
    if (info && info.sub === claims.sub) return { ...info, ...claims };
  }
  return claims;
}

/** Where to end the provider's session too, or null when it offers none. */
export async function endSessionUrl(config: OidcConfig, returnTo: string): Promise<string | null> {
  const doc = await discover(config).catch(() => null);
  if (!doc?.end_session_endpoint) return null;
  const url = new URL(doc.end_session_endpoint);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("post_logout_redirect_uri", returnTo);
  return url.toString();
}
