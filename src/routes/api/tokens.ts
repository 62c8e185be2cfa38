import { Hono } from "hono";
import { newToken, sha256Hex } from "../../auth/secrets";
import { getToken, insertToken, listTokens, revokeToken, type TokenRow } from "../../db/tokens";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { badField, notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";

function tokenOut(t: TokenRow) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
  };
}

/** Operator tokens. The secret is returned once, at creation; only its SHA-256 is kept. */
export const tokens = new Hono<AppEnv>()
  .get("/", documented(OPS.listTokens), async (c) => {
    const { limit } = readQueryOf(c, OPS.listTokens);
    return c.json({ data: (await listTokens(c.env.DB, limit ?? 100)).map(tokenOut) });
  })
  .post("/", documented(OPS.createToken), async (c) => {
    const input = await readBody(c, OPS.createToken);
    const now = iso(Date.now());
    if (input.expiresAt && input.expiresAt <= now) throw badField("expiresAt", "must be in the future");
    const token = newToken();
    const id = crypto.randomUUID();
    await commit(
      c,
      [
        insertToken(c.env.DB, {
          id,
          name: input.name,
          hash: await sha256Hex(token),
          scopes: input.scopes,
          createdAt: now,
          expiresAt: input.expiresAt ?? null,
        }),
      ],
      { action: "token.create", resourceId: id, detail: `scopes: ${input.scopes.join(" ")}` },
    );
    return c.json({ id, token }, 201);
  })
  .delete("/:tokenId", documented(OPS.revokeToken), async (c) => {
    const id = readParamOf(c, OPS.revokeToken, "tokenId");
    const token = await getToken(c.env.DB, id);
    if (!token || token.revokedAt) throw notFound(`Token ${id}`);
    await commit(c, [revokeToken(c.env.DB, id, iso(Date.now()))], { action: "token.revoke", resourceId: id });
    return c.body(null, 204);
  });
