/** Maintenance: schedule, cancel before it starts, end early. Editing uses the incident editor. */
import { type Context, Hono } from "hono";
import { createIncident, deleteIncident, loadIncident, postUpdate } from "../../actions/incidents";
import { listIncidents } from "../../db/incidents";
import { isMaintenance } from "../../domain/incident";
import { isoToLocal } from "../../domain/local-time";
import { DAY_MS, HOUR_MS, iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { fieldErrors, optional, renameErrors, text } from "../../http/form";
import { validate } from "../../http/input";
import { badField, type FieldError } from "../../http/problem";
import { localeOf } from "../../i18n/locale";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";
import { renderConsole } from "../../views/console/chrome";
import { type MaintenanceFormValues, MaintenanceScreen } from "../../views/console/maintenance";
import { loadCatalogue } from "./catalogue";
import { chrome, consoleForm, flash, localeFor, session } from "./guard";
import { formZone, zoned } from "./incidents";

type Ctx = Context<AppEnv>;

async function screen(c: Ctx, values?: MaintenanceFormValues, errors: FieldError[] = []) {
  const now = Date.now();
  const tz = readSettings(c.env).timeZone;
  const [list, catalogue] = await Promise.all([
    listIncidents(c.env.DB, {
      start: iso(now - 30 * DAY_MS),
      end: iso(now + 10 * 366 * DAY_MS),
      limit: null,
      offset: 0,
    }),
    loadCatalogue(c.env.DB),
  ]);
  const rows = list
    .filter((i) => isMaintenance(i.affects) && (i.endedAt === null || i.endedAt > iso(now)))
    .sort((a, b) => (a.beganAt < b.beganAt ? -1 : 1))
    .map((i) => ({
      id: i.id,
      name: i.displayName,
      beganAt: i.beganAt,
      endedAt: i.endedAt,
      started: i.beganAt <= iso(now),
    }));
  const start = Math.ceil((now + DAY_MS) / HOUR_MS) * HOUR_MS;
  const initial = values ?? {
    title: "",
    text: "",
    startsAt: isoToLocal(iso(start), tz),
    endsAt: isoToLocal(iso(start + 2 * HOUR_MS), tz),
    zone: tz,
    components: [],
  };
  const body = MaintenanceScreen({
    l: localeFor(c),
    rows,
    catalogue,
    values: initial,
    errors,
    csrf: chrome(c).csrf,
    tz,
  });
  return c.html(
    renderConsole({ title: localeFor(c).t("c.t.maintenance"), chrome: chrome(c), flash: flash(c), body }),
    errors.length ? 400 : 200,
  );
}

async function schedule(c: Ctx) {
  const form = await consoleForm(c);
  const values: MaintenanceFormValues = {
    title: text(form, "title"),
    text: form.get("text") ?? "",
    startsAt: text(form, "startsAt"),
    endsAt: text(form, "endsAt"),
    zone: text(form, "zone"),
    components: form.getAll("components"),
  };
  try {
    const zone = formZone(values.zone, readSettings(c.env).timeZone);
    const catalogue = await loadCatalogue(c.env.DB);
    if (values.components.length === 0) throw badField("components", "choose at least one component");
    if (!catalogue.maintenanceType) throw badField("components", "no maintenance impact type exists");
    const type = catalogue.maintenanceType;
    const input = validate(OPS.createIncident.body, {
      displayName: values.title,
      beganAt: zoned(values.startsAt, zone),
      endedAt: zoned(optional(form, "endsAt"), zone) ?? null,
      affects: values.components.map((reference) => ({ reference, type, severity: 0 })),
    });
    const id = await createIncident(c, input, {
      title: localeOf(readSettings(c.env).language).t("phase.scheduled"),
      text: values.text,
    });
    return c.redirect(`/admin/incidents/${id}?done=created`, 303);
  } catch (err) {
    const errors = fieldErrors(err);
    if (!errors) throw err;
    return screen(
      c,
      values,
      renameErrors(errors, {
        displayName: "title",
        beganAt: "startsAt",
        endedAt: "endsAt",
        affects: "components",
      }),
    );
  }
}

function idParam(c: Ctx): string {
  return validate(OPS.getIncident.params.incidentId, c.req.param("id"), "incidentId");
}

export const consoleMaintenance = new Hono<AppEnv>()
  .use(session("incidents"))
  .get("/", (c) => screen(c))
  .post("/", schedule)
  .post("/:id/cancel", async (c) => {
    await consoleForm(c);
    const id = idParam(c);
    const m = await loadIncident(c.env.DB, id);
    if (!isMaintenance(m.affects) || m.beganAt <= iso(Date.now())) {
      throw badField("id", "only maintenance that has not started can be cancelled; end it instead", 409);
    }
    await deleteIncident(c, id);
    return c.redirect("/admin/maintenance?done=cancelled", 303);
  })
  .post("/:id/end", async (c) => {
    await consoleForm(c);
    const id = idParam(c);
    const m = await loadIncident(c.env.DB, id);
    const now = iso(Date.now());
    if (!isMaintenance(m.affects) || m.beganAt > now || (m.endedAt !== null && m.endedAt <= now)) {
      throw badField("id", "only maintenance in progress can be ended early", 409);
    }
    const catalogue = await loadCatalogue(c.env.DB);
    const done = [...catalogue.phases].reverse().find((p) => p.status === "resolved");
    const update = validate(OPS.createIncidentUpdate.body, {
      displayName: localeOf(readSettings(c.env).language).t("phase.completed"),
      description: localeOf(readSettings(c.env).language).t("c.finishedEarly"),
      endedAt: now,
      ...(done ? { phase: { generation: catalogue.generation, order: done.order } } : {}),
    });
    await postUpdate(c, id, update);
    return c.redirect("/admin/maintenance?done=ended", 303);
  });
