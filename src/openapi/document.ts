import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { OPERATIONS, type Operation } from "./operations";

type Json = Record<string, unknown>;

/** What a schema's `v.metadata({ openapi })` says it stands for, when it says. */
function documentedAs(s: v.GenericSchema): Json | null {
  const pipe = (s as { pipe?: readonly { kind?: string; type?: string; metadata?: { openapi?: Json } }[] })
    .pipe;
  const meta = pipe?.find((item) => item.type === "metadata" && item.metadata?.openapi);
  return meta?.metadata?.openapi ?? null;
}

function schema(s: v.GenericSchema, typeMode: "input" | "output"): Json {
  const declared = documentedAs(s);
  if (declared) return declared;
  // Pipes with transforms and custom checks have no JSON Schema form; their
  // messages are in the error responses instead.
  const out = toJsonSchema(s, { target: "draft-2020-12", typeMode, errorMode: "ignore" }) as Json;
  delete out.$schema;
  return out;
}

const PROBLEM = {
  description: "An RFC 9457 problem document.",
  content: {
    "application/problem+json": {
      schema: {
        type: "object",
        required: ["type", "title", "status", "detail"],
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          errors: {
            type: "array",
            items: {
              type: "object",
              required: ["path", "message"],
              properties: { path: { type: "string" }, message: { type: "string" } },
            },
          },
        },
      },
    },
  },
};

function operation(op: Operation): Json {
  const parameters: Json[] = [];
  for (const [name, s] of Object.entries(op.params ?? {})) {
    parameters.push({ name, in: "path", required: true, schema: schema(s, "output") });
  }
  for (const [name, s] of Object.entries(op.query?.entries ?? {})) {
    parameters.push({ name, in: "query", required: false, schema: schema(s as v.GenericSchema, "input") });
  }
  const responses: Json = {};
  for (const [status, body] of Object.entries(op.responses)) {
    responses[status] = body
      ? { description: "Success", content: { "application/json": { schema: schema(body, "output") } } }
      : { description: "Success, no content" };
  }
  responses["4XX"] = PROBLEM;
  responses["503"] = PROBLEM;
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.auth === "public" ? { security: [] } : { security: [{ bearer: [] }], "x-beacon-scope": op.auth }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schema(op.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

let cached: Json | null = null;

/** The OpenAPI 3.1 document of everything under /api, built once per isolate. */
export function openApiDocument(baseUrl: string): Json {
  return { ...buildDocument(), servers: [{ url: `${baseUrl}/api` }] };
}

function buildDocument(): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Beacon API",
      version: "1.1.2",
      description:
        "The SCS Status Page API 1.1.2 served natively, with Beacon's extensions (component description, group and position; tokens; audit). Public reads need no token; writes need `Authorization: Bearer <token>` with the scope named in `x-beacon-scope` (admin covers every scope).",
    },
    tags: [
      "phase",
      "impact",
      "component",
      "incident",
      "template",
      "monitor",
      "webhook",
      "subscriber",
      "integration",
      "token",
      "audit",
      "meta",
    ].map((name) => ({
      name,
    })),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
    paths,
  };
  return cached;
}
