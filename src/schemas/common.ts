/**
 * Building blocks for request schemas. Every text field refuses NUL characters
 * and has a maximum length, so nothing unbounded or unstorable reaches D1.
 */
import * as v from "valibot";
import { iso, parseTimestamp } from "../domain/time";

export function text(max: number, label = "text") {
  return v.pipe(
    v.string(),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((s) => !s.includes("\u0000"), `${label} must not contain NUL characters`),
  );
}

/** A one-line name: no line breaks or tabs either. */
export function name(max = 200) {
  return v.pipe(
    text(max, "name"),
    v.check((s) => !/[\t\n\r]/.test(s), "must be one line, without tabs or line breaks"),
    v.trim(),
    v.minLength(1, "must not be empty"),
  );
}

export const uuid = v.pipe(v.string(), v.uuid("must be a UUID"));

/** An RFC 3339 timestamp, normalised to UTC with milliseconds ("…Z"). */
export const timestamp = v.pipe(
  v.string(),
  v.check((s) => parseTimestamp(s) !== null, "must be an RFC 3339 date-time such as 2026-05-01T12:00:00Z"),
  v.transform((s) => iso(parseTimestamp(s) as number)),
);

export const severityValue = v.pipe(
  v.number(),
  v.integer("must be an integer"),
  v.minValue(0, "must be from 0 to 100"),
  v.maxValue(100, "must be from 0 to 100"),
);

export const incremental = v.pipe(
  v.number(),
  v.integer("must be an integer"),
  v.minValue(0, "must be 0 or more"),
);

export const labels = v.pipe(
  v.record(text(100, "label name"), text(500, "label value")),
  v.check((r) => Object.keys(r).length <= 50, "must have at most 50 labels"),
);

/** A query-string integer within bounds. */
export function queryInt(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/, "must be a whole number"),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
}

/**
 * A whole number in a path segment: a string that becomes a number. Its
 * metadata tells the OpenAPI document the integer it stands for.
 */
export function pathInteger(digits: number, message: string) {
  return v.pipe(
    v.string(),
    v.regex(new RegExp(`^\\d{1,${digits}}$`), message),
    v.transform(Number),
    v.metadata({ openapi: { type: "integer", minimum: 0 } }),
  );
}
