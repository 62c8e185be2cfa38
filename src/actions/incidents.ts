/**
 * Incident actions: the one place where an operator's change to an incident
 * is checked and committed, whether it came as JSON to /api or as a form to
 * the console. Input arrives validated by the operation's schema.
 */
import type { Context } from "hono";
import type * as v from "valibot";
import { getComponents } from "../db/components";
import { getImpactTypes } from "../db/impact-types";
import { getIncident, touchIncident } from "../db/incidents";
import { getPhaseList } from "../db/phases";
import { deleteUpdate, getUpdate, updateUpdate } from "../db/updates";
import type { Impact, Incident } from "../domain/incident";
import { duplicateImpact, enterPhase, incidentTimeProblem, isMaintenance } from "../domain/incident";
import { openingOrder, type PhaseStatus, phaseStatuses } from "../domain/phase-status";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { badField, notFound } from "../http/problem";
import type { OPS } from "../openapi/operations";
import { incidentWrite } from "../write/incident";

type Ctx = Context<AppEnv>;
type PhaseRef = { generation: number; order: number };
type ResolvedPhase = { phase: PhaseRef; status: PhaseStatus | null };

export type IncidentCreate = v.InferOutput<(typeof OPS.createIncident)["body"]>;
export type IncidentPatch = v.InferOutput<(typeof OPS.updateIncident)["body"]>;
export type UpdateCreate = v.InferOutput<(typeof OPS.createIncidentUpdate)["body"]>;
export type UpdatePatch = v.InferOutput<(typeof OPS.updateIncidentUpdate)["body"]>;

/**
 * Resolves an omitted phase to the first phase of the latest generation that
 * suits the incident (maintenance starts in "Scheduled", anything else in the
 * first phase that is not), and checks a given one exists.
 */
async function resolvePhase(
  db: D1Database,
  phase: PhaseRef | undefined,
  maintenance = false,
): Promise<ResolvedPhase> {
  const list = await getPhaseList(db, phase?.generation);
  if (!list || list.phases.length === 0) {
    throw badField("phase", phase ? `generation ${phase.generation} does not exist` : "no phase list exists");
  }
  const statuses = phaseStatuses(list.phases);
  if (!phase) {
    const order = openingOrder(list.phases, maintenance);
    return { phase: { generation: list.generation, order }, status: statuses[order] ?? null };
  }
  if (phase.order >= list.phases.length) {
    throw badField("phase", `generation ${phase.generation} has no phase with order ${phase.order}`);
  }
  return { phase, status: statuses[phase.order] ?? null };
}

/** Every impact must name a live component and impact type, each pair once. */
async function checkImpacts(db: D1Database, affects: readonly Impact[]): Promise<void> {
  const dup = duplicateImpact(affects);
  if (dup >= 0)
    throw badField(`affects.${dup}`, "repeats the component and impact type of an earlier impact");
  const [components, types] = await Promise.all([
    getComponents(db, [...new Set(affects.map((i) => i.reference))]),
    getImpactTypes(db, [...new Set(affects.map((i) => i.type))]),
  ]);
  const liveComponents = new Set(components.filter((c) => !c.deletedAt).map((c) => c.id));
  const liveTypes = new Set(types.filter((t) => !t.deletedAt).map((t) => t.id));
  for (const [index, impact] of affects.entries()) {
    if (!liveComponents.has(impact.reference)) {
      throw badField(`affects.${index}.reference`, `component ${impact.reference} does not exist`);
    }
    if (!liveTypes.has(impact.type)) {
      throw badField(`affects.${index}.type`, `impact type ${impact.type} does not exist`);
    }
  }
}

function checkTimes(incident: Pick<Incident, "beganAt" | "endedAt" | "affects">): void {
  const problem = incidentTimeProblem(incident);
  if (problem) throw badField(problem.path, problem.message);
}

/**
 * The phase, monitoringAt and endedAt after a change that may move the phase
 * (`endedAt` undefined keeps or derives the end; null reopens).
 */
async function movedPhase(
  db: D1Database,
  current: Incident,
  phase: PhaseRef | undefined,
  at: string,
  endedAt: string | null | undefined,
): Promise<Pick<Incident, "phase" | "monitoringAt" | "endedAt">> {
  if (!phase)
    return {
      phase: current.phase,
      monitoringAt: current.monitoringAt,
      endedAt: endedAt === undefined ? current.endedAt : endedAt,
    };
  const resolved = await resolvePhase(db, phase);
  return enterPhase(current, resolved.phase, resolved.status, at, endedAt);
}

export async function loadIncident(db: D1Database, id: string): Promise<Incident> {
  const incident = await getIncident(db, id);
  if (!incident) throw notFound(`Incident ${id}`);
  return incident;
}

/**
 * Opens an incident (or schedules maintenance), with its first update when
 * one is given, in one write; answers its id.
 */
export async function createIncident(
  c: Ctx,
  input: IncidentCreate,
  firstUpdate: { title: string; text: string } | null = null,
): Promise<string> {
  const db = c.env.DB;
  const phase = await resolvePhase(db, input.phase, isMaintenance(input.affects));
  await checkImpacts(db, input.affects);
  const now = iso(Date.now());
  const incident: Incident = {
    id: crypto.randomUUID(),
    displayName: input.displayName,
    description: input.description ?? "",
    beganAt: input.beganAt,
    affects: input.affects,
    updates: [],
    ...enterPhase(
      { monitoringAt: null, endedAt: null },
      phase.phase,
      phase.status,
      now,
      input.endedAt ?? null,
    ),
    revision: 0,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
  checkTimes(incident);
  const write = await incidentWrite(db, { before: null, after: incident, update: firstUpdate, now });
  await commit(c, write.statements, { action: "incident.create", resourceId: incident.id }, write.derived);
  return incident.id;
}

export async function updateIncident(c: Ctx, id: string, patch: IncidentPatch): Promise<void> {
  const db = c.env.DB;
  const current = await loadIncident(db, id);
  const now = iso(Date.now());
  const moved = await movedPhase(db, current, patch.phase, now, patch.endedAt);
  if (patch.affects) await checkImpacts(db, patch.affects);
  const next: Incident = {
    ...current,
    displayName: patch.displayName ?? current.displayName,
    description: patch.description === undefined ? current.description : (patch.description ?? ""),
    beganAt: patch.beganAt ?? current.beganAt,
    affects: patch.affects ?? current.affects,
    ...moved,
    updatedAt: now,
  };
  checkTimes(next);
  const write = await incidentWrite(db, { before: current, after: next, now });
  await commit(c, write.statements, { action: "incident.update", resourceId: id }, write.derived);
}

export async function deleteIncident(c: Ctx, id: string): Promise<void> {
  const current = await loadIncident(c.env.DB, id);
  const write = await incidentWrite(c.env.DB, { before: current, after: null, now: iso(Date.now()) });
  await commit(c, write.statements, { action: "incident.delete", resourceId: id }, write.derived);
}

/**
 * Posts an update, which may in the same write move the phase, change the
 * affected components, or resolve: one step, one transaction. Answers the
 * update's order.
 */
export async function postUpdate(
  c: Ctx,
  id: string,
  input: UpdateCreate,
  change: { affects?: readonly Impact[] } = {},
): Promise<number> {
  const db = c.env.DB;
  const incident = await loadIncident(db, id);
  const now = iso(Date.now());
  const moved = await movedPhase(db, incident, input.phase, now, input.endedAt);
  if (change.affects) await checkImpacts(db, change.affects);
  const after: Incident = {
    ...incident,
    ...moved,
    affects: change.affects ? [...change.affects] : incident.affects,
    updatedAt: now,
  };
  checkTimes(after);
  const write = await incidentWrite(db, {
    before: incident,
    after,
    update: { title: input.displayName, text: input.description, at: input.createdAt ?? now },
    notifySubscribers: input.notifySubscribers ?? true,
    now,
  });
  const results = await commit(
    c,
    write.statements,
    { action: "update.create", resourceId: id },
    write.derived,
  );
  const inserted = write.updateAt === null ? undefined : results[write.updateAt];
  return (inserted?.results?.[0] as { order: number } | undefined)?.order ?? 0;
}

async function loadUpdate(db: D1Database, id: string, order: number) {
  await loadIncident(db, id);
  const update = await getUpdate(db, id, order);
  if (!update) throw notFound(`Update ${order} of incident ${id}`);
  return update;
}

export async function editUpdate(c: Ctx, id: string, order: number, patch: UpdatePatch): Promise<void> {
  const db = c.env.DB;
  const current = await loadUpdate(db, id, order);
  const next = {
    ...current,
    displayName: patch.displayName ?? current.displayName,
    description: patch.description ?? current.description,
    createdAt: patch.createdAt ?? current.createdAt,
  };
  await commit(c, [updateUpdate(db, next), touchIncident(db, id, iso(Date.now()))], {
    action: "update.update",
    resourceId: id,
  });
}

export async function removeUpdate(c: Ctx, id: string, order: number): Promise<void> {
  const db = c.env.DB;
  await loadUpdate(db, id, order);
  await commit(c, [deleteUpdate(db, id, order), touchIncident(db, id, iso(Date.now()))], {
    action: "update.delete",
    resourceId: id,
  });
}
