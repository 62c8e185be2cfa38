/**
 * The OpenID provider for the Worker tests, on 127.0.0.1: real ID tokens for
 * each test account (from the provider's own sign-in and token endpoints),
 * and the tokens a careful verifier must refuse, signed with real keys.
 */
import { createHash, createHmac, createPublicKey, randomBytes } from "node:crypto";
import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import type { TestProject } from "vitest/node";
import { ACCOUNTS, CLIENT_ID, CLIENT_SECRET, signInAtProvider, startOidcProvider } from "./oidc-provider";

/** The origin the Worker tests call (test/helpers/request.ts). */
const ORIGIN = "https://status.example";
export const REDIRECT_URI = `${ORIGIN}/admin/oidc/callback`;

const b64 = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/** An ID token for `user`, through the authorization code flow with PKCE. */
async function idTokenFor(issuer: string, user: string): Promise<string> {
  const verifier = randomBytes(32).toString("base64url");
  const auth = new URL(`${issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    scope: "openid email profile groups",
    redirect_uri: REDIRECT_URI,
    state: "setup",
    nonce: "setup",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  const back = new URL(await signInAtProvider(auth.toString(), user));
  const res = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    }),
  });
  const body = (await res.json()) as { id_token?: string };
  if (!body.id_token) throw new Error(`no ID token for ${user}: ${JSON.stringify(body)}`);
  return body.id_token;
}

export default async function setup(project: TestProject) {
  const provider = await startOidcProvider();
  provider.register([REDIRECT_URI], [`${ORIGIN}/admin/sign-in?done=signed_out`]);
  const { issuer } = provider;
  const valid = Object.fromEntries(
    await Promise.all(
      Object.keys(ACCOUNTS).map(async (user) => [user, await idTokenFor(issuer, user)] as const),
    ),
  );

  const key = await importJWK(provider.privateJwk as JWK, "RS256");
  const alice = ACCOUNTS.alice;
  const claims = { email: alice?.email, email_verified: true, groups: alice?.groups, name: alice?.name };
  const now = Math.floor(Date.now() / 1000);
  const signed = (
    opts: { iss?: string; aud?: string; exp?: number; nbf?: number; kid?: string },
    with_ = key,
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "test-key-1" })
      .setSubject(alice?.sub ?? "")
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? CLIENT_ID)
      .setIssuedAt(now - 10)
      .setNotBefore(opts.nbf ?? now - 10)
      .setExpirationTime(opts.exp ?? now + 3600)
      .sign(with_);
  const stranger = (await generateKeyPair("RS256")).privateKey;
  const payload = b64(
    JSON.stringify({ ...claims, sub: alice?.sub, iss: issuer, aud: CLIENT_ID, iat: now, exp: now + 3600 }),
  );
  const publicPem = createPublicKey({ key: provider.publicJwk as never, format: "jwk" })
    .export({ type: "spki", format: "pem" })
    .toString();
  const hsHeader = b64(JSON.stringify({ alg: "HS256", kid: "test-key-1", typ: "JWT" }));
  const hs256 = `${hsHeader}.${payload}.${createHmac("sha256", publicPem).update(`${hsHeader}.${payload}`).digest("base64url")}`;

  project.provide("oidc", {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    valid,
    refused: {
      wrongAudience: await signed({ aud: "another-client" }),
      expired: await signed({ exp: now - 3600 }),
      notYetValid: await signed({ nbf: now + 3600 }),
      otherIssuer: await signed({ iss: "https://accounts.elsewhere.example" }),
      unknownKid: await signed({ kid: "unknown-kid" }, stranger),
      algNone: `${b64(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`,
      hs256WithPublicKey: hs256,
    },
    // A token signed by the provider's key with a few minutes' skew is fine.
    skewed: await signed({ nbf: now + 30 }),
  });
  return () => provider.close();
}
