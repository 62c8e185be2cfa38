import * as v from "valibot";
import { EVENT_TYPES } from "../domain/events";
import { uuid } from "./common";

const events = v.pipe(
  v.array(v.picklist(EVENT_TYPES, `must be one of ${EVENT_TYPES.join(", ")}`)),
  v.minLength(1, "must name at least one event"),
  v.check((list) => new Set(list).size === list.length, "must not repeat an event"),
);

const components = v.nullish(v.pipe(v.array(uuid), v.maxLength(200, "must list at most 200 components")));

const url = v.pipe(
  v.string(),
  v.maxLength(2000, "must be at most 2000 characters"),
  v.url("must be an absolute URL"),
  v.check((u) => /^https?:\/\//i.test(u), "must be http or https"),
);

export const WebhookCreate = v.object({
  url,
  events: v.optional(events, [...EVENT_TYPES]),
  components,
  format: v.optional(
    v.picklist(["statuspage", "slack", "discord"], 'must be "statuspage", "slack" or "discord"'),
    "statuspage",
  ),
});

export const WebhookPatch = v.object({
  url: v.optional(url),
  events: v.optional(events),
  components,
  format: v.optional(
    v.picklist(["statuspage", "slack", "discord"], 'must be "statuspage", "slack" or "discord"'),
  ),
  enabled: v.optional(v.boolean()),
});

export const WebhookOut = v.object({
  id: uuid,
  url: v.string(),
  events: v.array(v.string()),
  components: v.nullable(v.array(uuid)),
  format: v.string(),
  enabled: v.boolean(),
  disabledReason: v.nullable(v.string()),
});

export const WebhookCreated = v.object({ id: uuid, secret: v.string() });
