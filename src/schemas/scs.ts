/**
 * Request and response schemas of the SCS Status Page API (1.1.2) with Beacon's
 * extensions. Routes validate with the request schemas; /api/openapi.json is
 * generated from all of them.
 *
 * Read-only fields that SCS clients send back (id, updates, activelyAffectedBy)
 * are accepted and ignored: valibot's `object` drops unknown keys.
 */
import * as v from "valibot";
import { incremental, labels, name, queryInt, severityValue, text, timestamp, uuid } from "./common";

const description = v.nullish(text(20_000, "description"));

// Components ---------------------------------------------------------------

export const ComponentCreate = v.object({
  displayName: name(),
  labels: v.optional(labels, {}),
  description,
  group: v.nullish(uuid),
  position: v.optional(v.pipe(incremental, v.maxValue(10_000, "must be at most 10000")), 0),
});
export const ComponentPatch = v.object({
  displayName: v.optional(name()),
  labels: v.optional(labels),
  description,
  group: v.nullish(uuid),
  position: v.optional(v.pipe(incremental, v.maxValue(10_000, "must be at most 10000"))),
});

export const ImpactOut = v.object({ reference: uuid, type: uuid, severity: severityValue });

export const ComponentOut = v.object({
  id: uuid,
  displayName: v.string(),
  labels: v.record(v.string(), v.string()),
  activelyAffectedBy: v.array(ImpactOut),
  description: v.nullable(v.string()),
  group: v.nullable(uuid),
  position: v.number(),
  deletedAt: v.optional(v.string()),
});

// Impact types ---------------------------------------------------------------

export const ImpactTypeCreate = v.object({ displayName: name(), description });
export const ImpactTypePatch = v.partial(ImpactTypeCreate);
export const ImpactTypeOut = v.object({
  id: uuid,
  displayName: v.string(),
  description: v.string(),
  deletedAt: v.optional(v.string()),
});

// Severities -----------------------------------------------------------------

export const SeverityCreate = v.object({ displayName: name(100), value: severityValue });
export const SeverityPatch = v.partial(SeverityCreate);
export const SeverityOut = v.object({ displayName: v.string(), value: severityValue });

// Phases ---------------------------------------------------------------------

export const PhaseListCreate = v.object({
  phases: v.pipe(
    v.array(name(100)),
    v.minLength(1, "must list at least one phase"),
    v.maxLength(50, "must list at most 50 phases"),
    v.check((list) => new Set(list).size === list.length, "must not repeat a phase"),
  ),
});
export const PhaseListOut = v.object({
  generation: incremental,
  phases: v.array(v.string()),
  /** Beacon: the public status each phase stands for, in order. */
  statuses: v.optional(
    v.array(v.picklist(["scheduled", "investigating", "identified", "monitoring", "resolved"])),
  ),
});
export const PhaseReference = v.object({ generation: incremental, order: incremental });

// Incidents ------------------------------------------------------------------

export const ImpactIn = v.object({ reference: uuid, type: uuid, severity: severityValue });

export const IncidentCreate = v.object({
  displayName: name(),
  description,
  beganAt: timestamp,
  endedAt: v.nullish(timestamp),
  phase: v.optional(PhaseReference),
  affects: v.optional(v.pipe(v.array(ImpactIn), v.maxLength(100, "must have at most 100 impacts")), []),
});
export const IncidentPatch = v.object({
  displayName: v.optional(name()),
  description,
  beganAt: v.optional(timestamp),
  endedAt: v.nullish(timestamp),
  phase: v.optional(PhaseReference),
  affects: v.optional(v.pipe(v.array(ImpactIn), v.maxLength(100, "must have at most 100 impacts"))),
});

export const IncidentOut = v.object({
  id: uuid,
  displayName: v.string(),
  description: v.string(),
  beganAt: v.string(),
  endedAt: v.nullable(v.string()),
  phase: PhaseReference,
  affects: v.array(ImpactOut),
  updates: v.array(incremental),
});

export const IncidentListQuery = v.object({
  start: v.optional(timestamp),
  end: v.optional(timestamp),
  /** Without a limit, every incident in the window; with one, a page of them and a Link to the next. */
  limit: v.optional(queryInt(1, 500)),
  /** Beacon: how many to skip, for the next page. */
  offset: v.optional(queryInt(0, 1_000_000)),
});

// Incident updates -------------------------------------------------------------

export const UpdateCreate = v.object({
  displayName: name(),
  description: v.optional(text(20_000, "description"), ""),
  createdAt: v.nullish(timestamp),
  /** Beacon: move the incident to this phase with the update (its last phase resolves it). */
  phase: v.optional(PhaseReference),
  /** Beacon: set or clear the incident's end with the update. */
  endedAt: v.optional(v.nullable(timestamp)),
  /** Beacon: false posts the update without e-mailing subscribers (webhooks still hear of it). */
  notifySubscribers: v.optional(v.boolean()),
});
export const UpdatePatch = v.object({
  displayName: v.optional(name()),
  description: v.optional(text(20_000, "description")),
  createdAt: v.optional(timestamp),
});
export const UpdateOut = v.object({
  order: incremental,
  displayName: v.string(),
  description: v.string(),
  createdAt: v.string(),
});

export const AtQuery = v.object({ at: v.optional(timestamp) });

export type ComponentCreateInput = v.InferOutput<typeof ComponentCreate>;
export type ComponentPatchInput = v.InferOutput<typeof ComponentPatch>;
export type IncidentCreateInput = v.InferOutput<typeof IncidentCreate>;
export type IncidentPatchInput = v.InferOutput<typeof IncidentPatch>;
export type ImpactInput = v.InferOutput<typeof ImpactIn>;
