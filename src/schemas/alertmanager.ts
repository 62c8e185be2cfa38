/** Alertmanager's webhook payload, version 4, and the receiver's settings. */
import * as v from "valibot";
import { severityValue, text, uuid } from "./common";

const labels = v.pipe(
  v.record(v.pipe(v.string(), v.maxLength(200, "must be at most 200 characters")), text(2000, "label value")),
  v.check((r) => Object.keys(r).length <= 100, "must have at most 100 labels"),
);

export const AlertmanagerAlert = v.object({
  status: v.picklist(["firing", "resolved"], 'must be "firing" or "resolved"'),
  labels,
  annotations: v.optional(labels, {}),
  startsAt: v.optional(v.string()),
  endsAt: v.optional(v.string()),
  generatorURL: v.optional(v.string()),
  fingerprint: v.pipe(
    v.string(),
    v.minLength(1, "must not be empty"),
    v.maxLength(200, "must be at most 200 characters"),
  ),
});

export const AlertmanagerPayload = v.object({
  version: v.literal("4", 'must be "4"'),
  groupKey: v.pipe(
    v.string(),
    v.minLength(1, "must not be empty"),
    v.maxLength(2000, "must be at most 2000 characters"),
  ),
  truncatedAlerts: v.optional(v.number()),
  status: v.picklist(["firing", "resolved"], 'must be "firing" or "resolved"'),
  receiver: v.optional(v.string()),
  groupLabels: v.optional(labels, {}),
  commonLabels: v.optional(labels, {}),
  commonAnnotations: v.optional(labels, {}),
  externalURL: v.optional(v.string()),
  alerts: v.pipe(
    v.array(AlertmanagerAlert),
    v.minLength(1, "must hold at least one alert"),
    v.maxLength(500, "must hold at most 500 alerts"),
  ),
});

export type AlertmanagerPayload = v.InferOutput<typeof AlertmanagerPayload>;

export const AlertmanagerConfig = v.object({
  components: v.optional(v.record(v.pipe(v.string(), v.maxLength(200)), uuid), {}),
  severities: v.optional(v.record(v.pipe(v.string(), v.maxLength(50)), severityValue), {
    critical: 100,
    warning: 66,
    info: 33,
  }),
});

export type AlertmanagerConfig = v.InferOutput<typeof AlertmanagerConfig>;
