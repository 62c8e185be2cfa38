import * as v from "valibot";
import { SCOPES } from "../domain/scopes";
import { name, queryInt, timestamp, uuid } from "./common";

export const TokenCreate = v.object({
  name: name(100),
  scopes: v.pipe(
    v.array(v.picklist(SCOPES, `must be one of ${SCOPES.join(", ")}`)),
    v.minLength(1, "must name at least one scope"),
    v.check((list) => new Set(list).size === list.length, "must not repeat a scope"),
  ),
  expiresAt: v.nullish(timestamp),
});

export const TokenOut = v.object({
  id: uuid,
  name: v.string(),
  scopes: v.array(v.picklist(SCOPES)),
  createdAt: v.string(),
  expiresAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
  lastUsedAt: v.nullable(v.string()),
});

export const TokenCreated = v.object({ id: uuid, token: v.string() });

export const AuditQuery = v.object({
  limit: v.optional(queryInt(1, 500)),
  before: v.optional(queryInt(1, Number.MAX_SAFE_INTEGER)),
});

export const AuditOut = v.object({
  id: v.number(),
  at: v.string(),
  tokenId: v.string(),
  tokenName: v.string(),
  method: v.string(),
  path: v.string(),
  action: v.string(),
  resourceId: v.nullable(v.string()),
  detail: v.nullable(v.string()),
  /** Set for people signed in with single sign-on. */
  subject: v.nullable(v.string()),
  email: v.nullable(v.string()),
});

export const ListQuery = v.object({ limit: v.optional(queryInt(1, 500)) });
