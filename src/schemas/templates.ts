import * as v from "valibot";
import { name, text, uuid } from "./common";
import { ImpactIn } from "./scs";

const phaseOrder = v.nullish(
  v.pipe(
    v.number(),
    v.integer("must be a whole number"),
    v.minValue(0, "must be 0 or more"),
    v.maxValue(99, "must be at most 99"),
  ),
);
const affects = v.pipe(v.array(ImpactIn), v.maxLength(100, "must have at most 100 impacts"));

/** An incident template: what the common incidents start with. */
export const TemplateCreate = v.object({
  name: name(100),
  title: name(),
  body: v.optional(text(20_000, "body"), ""),
  /** The phase (order in the latest phase list) the incident opens in; omitted: the first that is not "scheduled". */
  phaseOrder,
  affects: v.optional(affects, []),
});

export const TemplatePatch = v.object({
  name: v.optional(name(100)),
  title: v.optional(name()),
  body: v.optional(text(20_000, "body")),
  phaseOrder,
  affects: v.optional(affects),
});

export const TemplateOut = v.object({
  id: uuid,
  name: v.string(),
  title: v.string(),
  body: v.string(),
  phaseOrder: v.nullable(v.number()),
  affects: v.array(v.object({ reference: v.string(), type: v.string(), severity: v.number() })),
  createdAt: v.string(),
  updatedAt: v.string(),
});
