import { Hono } from "hono";
import { createToken, revoke } from "../../actions/tokens";
import { listTokens, type TokenRow } from "../../db/tokens";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
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
    return c.json(await createToken(c, await readBody(c, OPS.createToken)), 201);
  })
  .delete("/:tokenId", documented(OPS.revokeToken), async (c) => {
    await revoke(c, readParamOf(c, OPS.revokeToken, "tokenId"));
    return c.body(null, 204);
  });
