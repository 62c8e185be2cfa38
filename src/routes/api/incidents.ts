import { Hono } from "hono";
import {
  createIncident,
  deleteIncident,
  editUpdate,
  loadIncident,
  postUpdate,
  removeUpdate,
  updateIncident,
} from "../../actions/incidents";
import { listIncidents } from "../../db/incidents";
import { getUpdate, listUpdates } from "../../db/updates";
import { DAY_MS, iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { badField, notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { incidentOut, updateOut } from "./present";

const MAX_WINDOW_DAYS = 366;

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
    const id = await createIncident(c, await readBody(c, OPS.createIncident));
    return c.json({ id }, 201);
  })
  .get("/:incidentId", documented(OPS.getIncident), async (c) => {
    const id = readParamOf(c, OPS.getIncident, "incidentId");
    return c.json({ data: incidentOut(await loadIncident(c.env.DB, id)) });
  })
  .patch("/:incidentId", documented(OPS.updateIncident), async (c) => {
    const id = readParamOf(c, OPS.updateIncident, "incidentId");
    await updateIncident(c, id, await readBody(c, OPS.updateIncident));
    return c.body(null, 204);
  })
  .delete("/:incidentId", documented(OPS.deleteIncident), async (c) => {
    await deleteIncident(c, readParamOf(c, OPS.deleteIncident, "incidentId"));
    return c.body(null, 204);
  })
  .get("/:incidentId/updates", documented(OPS.getIncidentUpdates), async (c) => {
    const id = readParamOf(c, OPS.getIncidentUpdates, "incidentId");
    await loadIncident(c.env.DB, id);
    return c.json({ data: (await listUpdates(c.env.DB, id)).map(updateOut) });
  })
  .post("/:incidentId/updates", documented(OPS.createIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.createIncidentUpdate, "incidentId");
    const order = await postUpdate(c, id, await readBody(c, OPS.createIncidentUpdate));
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
    await editUpdate(c, id, order, await readBody(c, OPS.updateIncidentUpdate));
    return c.body(null, 204);
  })
  .delete("/:incidentId/updates/:updateOrder", documented(OPS.deleteIncidentUpdate), async (c) => {
    const id = readParamOf(c, OPS.deleteIncidentUpdate, "incidentId");
    await removeUpdate(c, id, readParamOf(c, OPS.deleteIncidentUpdate, "updateOrder"));
    return c.body(null, 204);
  });
