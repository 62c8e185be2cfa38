/** Operator tokens: only the SHA-256 is kept; revoking one also ends its console sessions. */
import type { Context } from "hono";
import type * as v from "valibot";
import { newToken, sha256Hex } from "../auth/secrets";
import { deleteSessionsOfToken } from "../db/sessions";
import { getToken, insertToken, revokeToken } from "../db/tokens";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { badField, notFound } from "../http/problem";
import type { OPS } from "../openapi/operations";

type Ctx = Context<AppEnv>;
export type TokenCreate = v.InferOutput<(typeof OPS.createToken)["body"]>;

/** Creates a token; the secret is returned only now. */
export async function createToken(c: Ctx, input: TokenCreate): Promise<{ id: string; token: string }> {
  const now = iso(Date.now());
  if (input.expiresAt && input.expiresAt <= now) throw badField("expiresAt", "must be in the future");
  const token = newToken();
  const id = crypto.randomUUID();
  const row = {
    id,
    name: input.name,
    hash: await sha256Hex(token),
    scopes: input.scopes,
    createdAt: now,
    expiresAt: input.expiresAt ?? null,
  };
  await commit(c, [insertToken(c.env.DB, row)], {
    action: "token.create",
    resourceId: id,
    detail: `scopes: ${input.scopes.join(" ")}`,
  });
  return { id, token };
}

export async function revoke(c: Ctx, id: string): Promise<void> {
  const token = await getToken(c.env.DB, id);
  if (!token || token.revokedAt) throw notFound(`Token ${id}`);
  await commit(c, [revokeToken(c.env.DB, id, iso(Date.now())), deleteSessionsOfToken(c.env.DB, id)], {
    action: "token.revoke",
    resourceId: id,
  });
}
