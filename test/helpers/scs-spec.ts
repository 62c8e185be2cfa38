/**
 * The SCS Status Page API spec (spec/scs-status-page-openapi.yaml, OpenAPI 3.0)
 * as JSON Schemas per operation response, for an independent validator.
 */
import { Validator } from "@cfworker/json-schema";
import { parse } from "yaml";
import specText from "../../spec/scs-status-page-openapi.yaml?raw";

type Node = Record<string, unknown>;
const spec = parse(specText) as Node;

function lookup(ref: string): Node {
  let node: unknown = spec;
  for (const key of ref.replace(/^#\//, "").split("/")) node = (node as Node)[key];
  return node as Node;
}

/** Inlines $refs and turns OpenAPI 3.0's `nullable` into a JSON Schema type union. */
function resolve(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolve);
  if (!node || typeof node !== "object") return node;
  const obj = node as Node;
  if (typeof obj.$ref === "string") return resolve(lookup(obj.$ref));
  const out: Node = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === "nullable" || k === "readOnly") continue;
    out[k] = resolve(v);
  }
  if (obj.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

function operation(operationId: string): Node {
  for (const methods of Object.values(spec.paths as Node)) {
    for (const op of Object.values(methods as Node)) {
      if ((op as Node).operationId === operationId) return op as Node;
    }
  }
  throw new Error(`no operation ${operationId} in the SCS spec`);
}

export const SCS_OPERATION_IDS: string[] = Object.values(spec.paths as Node).flatMap((methods) =>
  Object.values(methods as Node).map((op) => (op as Node).operationId as string),
);

/** The documented success status of an operation, and its body schema (null when none). */
export function successResponse(operationId: string): { status: number; schema: Node | null } {
  const responses = operation(operationId).responses as Node;
  const [status, response] = Object.entries(responses)[0] as [string, Node];
  const resolved = resolve(response) as Node;
  const content = resolved.content as Node | undefined;
  const schema = (content?.["application/json"] as Node | undefined)?.schema as Node | undefined;
  return { status: Number(status), schema: schema ?? null };
}

export function validateAgainstSpec(operationId: string, body: unknown): string[] {
  const { schema } = successResponse(operationId);
  if (!schema) return body === null ? [] : ["the spec documents no body"];
  const result = new Validator(schema as never, "7", false).validate(body);
  return result.errors.map((e) => `${e.instanceLocation}: ${e.error}`);
}
