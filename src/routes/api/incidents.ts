import { Hono } from "hono";
import { getComponents } from "../../db/components";
import { getImpactTypes } from "../../db/impact-types";
import { getIncident, listIncidents, touchIncident } from "../../db/incidents";
import { getPhaseList } from "../../db/phases";
import { deleteUpdate, getUpdate, listUpdates, updateUpdate } from "../../db/updates";
import type { Impact, Incident } from "../../domain/incident";
import { duplicateImpact, enterPhase, incidentTimeProblem, isMaintenance } from "../../domain/incident";
import { openingOrder, type PhaseStatus, phaseStatuses } from "../../domain/phase-status";
import { DAY_MS, iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { badField, notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { incidentWrite } from "../../write/incident";
import { incidentOut, updateOut } from "./present";

const MAX_WINDOW_DAYS = 366;

type ResolvedPhase = { phase: { generation: number; order: number }; status: PhaseStatus | null };

/**
 * Resolves an omitted phase to the first phase of the latest generation that
 * suits the incident (maintenance starts in "Scheduled", anything else in the
 * first phase that is not), and checks a given one exists.
 */
async function resolvePhase(
  db: D1Database,
  phase: { generation: number; order: number } | undefined,
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
  phase: { generation: number; order: number } | undefined,
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

async function loadIncident(db: D1Database, id: string): Promise<Incident> {
  const incident = await getIncident(db, id);
  if (!incident) throw notFound(`Incident ${id}`);
  return incident;
}

export const incidents = new Hono<AppEnv>()
  .get("/", documented(OPS.getIncidents), async (c) => {
    const query = readQueryOf(c, OPS.getIncidents);
    const now = Date.now();
    const start = query.start ?? iso(now - 90 * DAY_MS);
    const end = query.end ?? iso(now + 30 * DAY_MS);
    if (end < start) throw badField("end", "must not be before start");
    if (Date.parse(end) - Date.parse(start) > MAX_WINDOW_DAYS * DAY_MS) {
      throw badField("end", `the window from start to end must be at most ${MAX_WINDOW_DAYS} days`);
    }
    // The SCS spec has no paging, and its clients read one answer: without a
    // limit the (bounded) window comes whole. With one, a Link names the next page.
    const limit = query.limit ?? null;
    const offset = query.offset ?? 0;
    const list = await listIncidents(c.env.DB, {
      start,
      end,
      limit: limit === null ? null : limit + 1,
      offset,
    });
    if (limit !== null && list.length > limit) {
      const next = new URL(c.req.url);
      for (const [k, val] of Object.entries({
        start,
        end,
        limit: String(limit),
        offset: String(offset + limit),
      }))
        next.searchParams.set(k, val);
      c.header("Link", `<${next.pathname}${next.search}>; rel="next"`);
    }
    return c.json({ data: (limit === null ? list : list.slice(0, limit)).map(incidentOut) });
  })
  .post("/", documented(OPS.createIncident), async (c) => {
    const input = await readBody(c, OPS.createIncident);
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
    const write = await incidentWrite(db, { before: null, after: incident, now });
    await commit(c, write.statements, { action: "incident.create", resourceId: incident.id }, write.derived);
    return c.json({ id: incident.id }, 201);
  })
  .get("/:incidentId", documented(OPS.getIncident), async (c) => {
    const id = readParamOf(c, OPS.getIncident, "incidentId");
    return c.json({ data: incidentOut(await loadIncident(c.env.DB, id)) });
  })
  .patch("/:incidentId", documented(OPS.updateIncident), async (c) => {
    const id = readParamOf(c, OPS.updateIncident, "incidentId");
    const patch = await readBody(c, OPS.updateIncident);
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
    return c.body(null, 204);
  })
  .delete("/:incidentId", documented(OPS.deleteIncident), async (c) => {
    const id = readParamOf(c, OPS.deleteIncident, "incidentId");
    const current = await loadIncident(c.env.DB, id);
    const write = await incidentWrite(c.env.DB, { before: current, after: null, now: iso(Date.now()) });
    await commit(c, write.statements, { action: "incident.delete", resourceId: id }, write.derived);
    return c.body(null, 204);
  })
  .get("/:incidentId/updates", documented(OPS.getIncidentUpdates), async (c) => {
    const id = readParamOf(c, OPS.getIncidentUpdates, "incidentId");
    await loadIncident(c.env.DB, id);
    return c.json({ data: (await listUpdates(c.env.DB, id)).map(updateOut) });
  })
  .post("/:incidentId/updates", documented(OPS.createIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.createIncidentUpdate, "incidentId");
    const input = await readBody(c, OPS.createIncidentUpdate);
    const db = c.env.DB;
    const incident = await loadIncident(db, id);
    const now = iso(Date.now());
    // An update may move the phase in the same request: one call per step, resolving included.
    const moved = await movedPhase(db, incident, input.phase, now, input.endedAt);
    const after: Incident = { ...incident, ...moved, updatedAt: now };
    checkTimes(after);
    const write = await incidentWrite(db, {
      before: incident,
      after,
      update: { title: input.displayName, text: input.description, at: input.createdAt ?? now },
      now,
    });
    const results = await commit(
      c,
      write.statements,
      { action: "update.create", resourceId: id },
      write.derived,
    );
    const inserted = write.updateAt === null ? undefined : results[write.updateAt];
    const order = (inserted?.results?.[0] as { order: number } | undefined)?.order ?? 0;
    return c.json({ order }, 201);
  })
  .get("/:incidentId/updates/:updateOrder", documented(OPS.getIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.getIncidentUpdate, "incidentId");
    const order = readParamOf(c, OPS.getIncidentUpdate, "updateOrder");
    await loadIncident(c.env.DB, id);
    const update = await getUpdate(c.env.DB, id, order);
    if (!update) throw notFound(`Update ${order} of incident ${id}`);
    return c.json({ data: updateOut(update) });
  })
  .patch("/:incidentId/updates/:updateOrder", documented(OPS.updateIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.updateIncidentUpdate, "incidentId");
    const order = readParamOf(c, OPS.updateIncidentUpdate, "updateOrder");
    const patch = await readBody(c, OPS.updateIncidentUpdate);
    const db = c.env.DB;
    await loadIncident(db, id);
    const current = await getUpdate(db, id, order);
    if (!current) throw notFound(`Update ${order} of incident ${id}`);
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
    return c.body(null, 204);
  })
  .delete("/:incidentId/updates/:updateOrder", documented(OPS.deleteIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.deleteIncidentUpdate, "incidentId");
    const order = readParamOf(c, OPS.deleteIncidentUpdate, "updateOrder");
    const db = c.env.DB;
    await loadIncident(db, id);
    if (!(await getUpdate(db, id, order))) throw notFound(`Update ${order} of incident ${id}`);
    await commit(c, [deleteUpdate(db, id, order), touchIncident(db, id, iso(Date.now()))], {
      action: "update.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  });
