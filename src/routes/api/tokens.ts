import { Hono } from "hono";
import { requireScope } from "../../auth/middleware";
import { newToken, sha256Hex } from "../../auth/secrets";
import { getToken, insertToken, listTokens, revokeToken, type TokenRow } from "../../db/tokens";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { readJson, readParam, readQuery } from "../../http/input";
import { badField, notFound } from "../../http/problem";
import { uuid } from "../../schemas/common";
import { ListQuery, TokenCreate } from "../../schemas/tokens";

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
  .use(requireScope("admin"))
  .get("/", async (c) => {
    const { limit } = readQuery(c, ListQuery);
    return c.json({ data: (await listTokens(c.env.DB, limit ?? 100)).map(tokenOut) });
  })
  .post("/", async (c) => {
    const input = await readJson(c, TokenCreate);
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
  .delete("/:tokenId", async (c) => {
    const id = readParam(c, "tokenId", uuid);
    const token = await getToken(c.env.DB, id);
    if (!token || token.revokedAt) throw notFound(`Token ${id}`);
    await commit(c, [revokeToken(c.env.DB, id, iso(Date.now()))], { action: "token.revoke", resourceId: id });
    return c.body(null, 204);
  });
