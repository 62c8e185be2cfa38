/**
 * The request boundary: reads a JSON body or a query and validates it with a
 * valibot schema. Every failure becomes a problem document naming the field.
 */
import type { Context } from "hono";
import * as v from "valibot";
import { type FieldError, Problem } from "./problem";

export const MAX_BODY_BYTES = 64 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function issuePath(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  return keys.length > 0 ? keys.join(".") : "(body)";
}

export function toFieldErrors(issues: readonly v.BaseIssue<unknown>[], prefix = ""): FieldError[] {
  return issues.map((issue) => {
    const path = issuePath(issue);
    return { path: prefix && path === "(body)" ? prefix : `${prefix}${path}`, message: issue.message };
  });
}

/**
 * C0 control characters (other than tab, line feed and carriage return) and
 * DEL have no place in status text, and most are illegal in XML: one in a
 * name would break every feed and badge that shows it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters input refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The path of the first key or string in `data` with a control character, or null. */
function controlCharacterAt(data: unknown, path: string[] = []): string[] | null {
  if (typeof data === "string") return CONTROL.test(data) ? path : null;
  if (data === null || typeof data !== "object") return null;
  for (const [key, value] of Object.entries(data)) {
    if (CONTROL.test(key)) return [...path, key];
    const found = controlCharacterAt(value, [...path, key]);
    if (found) return found;
  }
  return null;
}

export function validate<S extends v.GenericSchema>(schema: S, data: unknown, prefix = ""): v.InferOutput<S> {
  const bad = controlCharacterAt(data);
  if (bad) {
    const path = `${prefix}${bad.join(".")}` || "(body)";
    const message = "must not contain control characters (only tab and line breaks are allowed)";
    throw new Problem(400, `${path}: ${message}`, { errors: [{ path, message }] });
  }
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  if (result.success) return result.output;
  const errors = toFieldErrors(result.issues, prefix);
  const first = errors[0];
  const detail = first ? `${first.path}: ${first.message}` : "The input is invalid";
  throw new Problem(400, detail, { errors });
}

/** Reads at most `limit` bytes of a body; a larger body is refused without reading it all. */
export async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new Problem(413, `The body must be at most ${limit} bytes`, {
      errors: [{ path: "(body)", message: "too large" }],
    });
  if (declared > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Problem(400, "The body is not valid UTF-8", {
      errors: [{ path: "(body)", message: "not UTF-8" }],
    });
  }
}

export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new Problem(415, "The body must be JSON, sent with Content-Type: application/json", {
      errors: [{ path: "(content-type)", message: type ? `${type} is not accepted` : "missing" }],
    });
  }
  const raw = await readLimited(c.req.raw, MAX_BODY_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Problem(400, "The body is not valid JSON", {
      errors: [{ path: "(body)", message: "malformed JSON" }],
    });
  }
  return validate(schema, data);
}

export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return validate(schema, c.req.query());
}

export function readParam<S extends v.GenericSchema>(c: Context, key: string, schema: S): v.InferOutput<S> {
  return validate(schema, c.req.param(key), `${key}`);
}
