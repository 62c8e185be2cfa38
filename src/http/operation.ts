/**
 * Routes under /api declare their operation (src/openapi/operations.ts)
 * with `documented(op)`: it enforces the operation's scope, and the read
 * helpers below validate with the operation's own schemas. The OpenAPI
 * document is built from the same operations, so what is documented is what
 * is enforced and validated; a test holds every route to its operation's
 * method and path.
 */
import type { Context, MiddlewareHandler } from "hono";
import type * as v from "valibot";
import { requireScope } from "../auth/middleware";
import type { AppEnv } from "../env";
import type { Operation } from "../openapi/operations";
import { readJson, readParam, readQuery } from "./input";

export type DocumentedHandler = MiddlewareHandler<AppEnv> & { operation: Operation };

export function documented(op: Operation): DocumentedHandler {
  const scope = op.auth === "public" ? null : requireScope(op.auth);
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set("operation", op);
    return scope ? scope(c, next) : next();
  };
  return Object.assign(handler, { operation: op });
}

/** A route may only read with the schemas of the operation it declared: a mix-up fails loudly. */
function declared(c: Context<AppEnv>, op: Operation): void {
  if (c.get("operation") !== op) {
    throw new Error(`${c.req.method} ${c.req.path} reads with ${op.operationId}, which it did not declare`);
  }
}

type WithBody = Operation & { body: v.GenericSchema };
type WithQuery = Operation & { query: v.GenericSchema };
type WithParams = Operation & { params: Record<string, v.GenericSchema> };

export function readBody<O extends WithBody>(c: Context<AppEnv>, op: O): Promise<v.InferOutput<O["body"]>> {
  declared(c, op);
  return readJson(c, op.body);
}

export function readQueryOf<O extends WithQuery>(c: Context<AppEnv>, op: O): v.InferOutput<O["query"]> {
  declared(c, op);
  return readQuery(c, op.query);
}

export function readParamOf<O extends WithParams, K extends keyof O["params"] & string>(
  c: Context<AppEnv>,
  op: O,
  name: K,
): v.InferOutput<O["params"][K]> {
  declared(c, op);
  return readParam(c, name, op.params[name] as v.GenericSchema);
}
