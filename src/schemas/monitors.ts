/**
 * Monitors: kind-specific fields at the top level, validated whole. A PATCH is
 * merged with the stored monitor and the result validated with the same schema.
 */
import * as v from "valibot";
import { parseStatusEntry } from "../domain/expected-status";
import { name, severityValue, text, uuid } from "./common";

const headerName = v.pipe(
  v.string(),
  v.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/, "must be an HTTP header name"),
);
const headerValue = v.pipe(text(4000, "header value"), v.regex(/^[^\r\n]*$/, "must not contain line breaks"));

const severityAbove0 = v.pipe(severityValue, v.minValue(1, "must be from 1 to 100 (0 is maintenance)"));

const common = {
  displayName: name(),
  intervalSeconds: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(60, "must be at least 60"),
      v.maxValue(86_400, "must be at most 86400"),
      v.check((n) => n % 60 === 0, "must be a multiple of 60"),
    ),
    60,
  ),
  failureThreshold: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(1, "must be at least 1"),
      v.maxValue(100, "must be at most 100"),
    ),
    3,
  ),
  recoveryThreshold: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(1, "must be at least 1"),
      v.maxValue(100, "must be at most 100"),
    ),
    2,
  ),
  component: v.nullish(uuid),
  impactType: v.nullish(uuid),
  severity: v.optional(severityAbove0, 100),
  degradedSeverity: v.nullish(severityAbove0),
  enabled: v.optional(v.boolean(), true),
};

const timeoutMs = v.optional(
  v.pipe(
    v.number(),
    v.integer("must be an integer"),
    v.minValue(100, "must be at least 100"),
    v.maxValue(30_000, "must be at most 30000"),
  ),
  10_000,
);

export const HttpMonitor = v.object({
  ...common,
  kind: v.literal("http"),
  url: v.pipe(
    v.string(),
    v.maxLength(2000, "must be at most 2000 characters"),
    v.url("must be an absolute URL"),
    v.check((u) => /^https?:\/\//i.test(u), "must be http or https"),
  ),
  method: v.optional(
    v.picklist(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], "must be an HTTP method"),
    "GET",
  ),
  headers: v.optional(
    v.pipe(
      v.record(headerName, headerValue),
      v.check((h) => Object.keys(h).length <= 30, "must have at most 30 headers"),
    ),
    {},
  ),
  body: v.nullish(text(16_000, "body")),
  expectedStatus: v.optional(
    v.pipe(
      v.array(v.union([v.string(), v.number()])),
      v.minLength(1, "must list at least one code or range"),
      v.maxLength(20, "must list at most 20 codes or ranges"),
      v.check(
        (list) => list.every((e) => parseStatusEntry(e) !== null),
        'must be codes or ranges like "200-299" or 301',
      ),
    ),
    ["200-299"],
  ),
  bodyContains: v.nullish(text(500, "text")),
  bodyNotContains: v.nullish(text(500, "text")),
  timeoutMs,
  degradedAfterMs: v.nullish(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(1, "must be at least 1"),
      v.maxValue(30_000, "must be at most 30000"),
    ),
  ),
  followRedirects: v.optional(v.boolean(), false),
});

export const TcpMonitor = v.object({
  ...common,
  kind: v.literal("tcp"),
  host: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9.-]{1,253}$|^\[[0-9a-fA-F:]+\]$/, "must be a hostname or an IP address"),
  ),
  port: v.pipe(
    v.number(),
    v.integer("must be an integer"),
    v.minValue(1, "must be from 1 to 65535"),
    v.maxValue(65_535, "must be from 1 to 65535"),
  ),
  timeoutMs,
  degradedAfterMs: v.nullish(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(1, "must be at least 1"),
      v.maxValue(30_000, "must be at most 30000"),
    ),
  ),
});

export const HeartbeatMonitor = v.object({
  ...common,
  kind: v.literal("heartbeat"),
  graceSeconds: v.optional(
    v.pipe(
      v.number(),
      v.integer("must be an integer"),
      v.minValue(0, "must be 0 or more"),
      v.maxValue(86_400, "must be at most 86400"),
    ),
    60,
  ),
});

export const MonitorInput = v.variant(
  "kind",
  [HttpMonitor, TcpMonitor, HeartbeatMonitor],
  'must be "http", "tcp" or "heartbeat"',
);

export type MonitorInput = v.InferOutput<typeof MonitorInput>;

/** A PATCH is any object; it is merged and then validated as a whole. */
export const MonitorPatch = v.record(v.string(), v.unknown());

export const MonitorOut = v.object({
  id: uuid,
  displayName: v.string(),
  kind: v.picklist(["http", "tcp", "heartbeat"]),
  status: v.picklist(["up", "degraded", "down"]),
  lastReason: v.nullable(v.string()),
  incident: v.nullable(uuid),
  secretHeaders: v.optional(v.array(v.string())),
});

export const MonitorCreated = v.object({ id: uuid, heartbeatSecret: v.optional(v.string()) });

/** The credential in a heartbeat's path. */
export const HeartbeatSecret = v.pipe(
  v.string(),
  v.regex(/^hb_[A-Za-z0-9_-]{43}$/, "must be a heartbeat secret"),
);
