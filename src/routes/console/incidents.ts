/**
 * The console's incident screens: the dashboard, opening an incident, and an
 * incident's page with its one update form. Every write goes through the
 * same actions as the API, validated by the API's own schemas.
 */
import { type Context, Hono } from "hono";
import {
  createIncident,
  deleteIncident,
  editUpdate,
  loadIncident,
  postUpdate,
  removeUpdate,
  updateIncident,
} from "../../actions/incidents";
import { getPhaseList } from "../../db/phases";
import { getTemplate } from "../../db/templates";
import { getUpdate, listUpdates } from "../../db/updates";
import type { Impact, Incident } from "../../domain/incident";
import { isMaintenance } from "../../domain/incident";
import { isoToLocal, localToIso } from "../../domain/local-time";
import { phaseStatuses } from "../../domain/phase-status";
import { iso } from "../../domain/time";
import { isTimeZone } from "../../domain/time-text";
import type { AppEnv } from "../../env";
import { fieldErrors, optional, renameErrors, text } from "../../http/form";
import { validate } from "../../http/input";
import { badField, type FieldError } from "../../http/problem";
import { localeOf } from "../../i18n/locale";
import { phaseLabel } from "../../i18n/words";
import type { Catalogue, IncidentFormValues, IncidentView } from "../../models/console";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";
import { renderConsole } from "../../views/console/chrome";
import { IncidentEditForm, UpdateEditForm } from "../../views/console/incident-edit";
import { IncidentScreen, NewIncidentForm, type UpdateFormValues } from "../../views/console/incidents";
import { renderMarkdown } from "../../views/markdown";
import { defaultKind, loadCatalogue } from "./catalogue";
import { chrome, consoleForm, flash, localeFor, session } from "./guard";

type Ctx = Context<AppEnv>;

function catalogueOf(c: Ctx): Promise<Catalogue> {
  return loadCatalogue(c.env.DB);
}

function page(
  c: Ctx,
  title: string,
  body: Parameters<typeof renderConsole>[0]["body"],
  status: 200 | 400 | 404 | 409 = 200,
) {
  return c.html(renderConsole({ title, chrome: chrome(c), flash: flash(c), body }), status);
}

/** The impacts a form names: one per component given a severity, with `kind` as the type. */
function formImpacts(form: URLSearchParams, catalogue: Catalogue, typeOf: (componentId: string) => string) {
  const affects: Impact[] = [];
  const names: Record<string, string> = {};
  for (const comp of catalogue.components) {
    const value = text(form, `impact.${comp.id}`);
    if (value === "") continue;
    names[`affects.${affects.length}`] = `impact.${comp.id}`;
    affects.push({
      reference: comp.id,
      type: typeOf(comp.id),
      severity: /^\d+$/.test(value) ? Number(value) : Number.NaN,
    });
  }
  return { affects, names };
}

function formImpactValues(form: URLSearchParams, catalogue: Catalogue): Record<string, string> {
  return Object.fromEntries(catalogue.components.map((comp) => [comp.id, text(form, `impact.${comp.id}`)]));
}

/** An update's title from its phase, in the language the page's operators write in (it is stored). */
function statusWord(c: Ctx, catalogue: Catalogue, order: number): string {
  const l = localeOf(readSettings(c.env).language);
  const phase = catalogue.phases[order];
  return (phase?.status ? phaseLabel(l, phase.status) : phase?.name) ?? l.t("phase.update");
}

async function newIncidentValues(c: Ctx, catalogue: Catalogue): Promise<IncidentFormValues> {
  const opening = catalogue.phases.find((p) => p.status !== "scheduled")?.order ?? 0;
  const templateId = c.req.query("template");
  const template =
    templateId && /^[0-9a-f-]{36}$/.test(templateId) ? await getTemplate(c.env.DB, templateId) : null;
  const impacts: Record<string, string> = {};
  for (const a of template?.affects ?? []) impacts[a.reference] = String(a.severity);
  return {
    title: template?.title ?? "",
    text: template?.body ?? "",
    kind: template?.affects[0]?.type ?? defaultKind(catalogue),
    status: String(template?.phaseOrder ?? opening),
    impacts,
    template: template?.id ?? "",
  };
}

async function openIncident(c: Ctx) {
  const form = await consoleForm(c);
  const catalogue = await catalogueOf(c);
  const kind = text(form, "kind");
  const values: IncidentFormValues = {
    title: text(form, "title"),
    text: form.get("text") ?? "",
    kind,
    status: text(form, "status"),
    impacts: formImpactValues(form, catalogue),
  };
  const again = (errors: FieldError[], preview: string | null = null) =>
    page(
      c,
      localeFor(c).t("c.t.openIncident"),
      NewIncidentForm({ l: localeFor(c), catalogue, values, errors, csrf: chrome(c).csrf, preview }),
      errors.length ? 400 : 200,
    );
  if (text(form, "intent") === "preview") return again([], renderMarkdown(values.text));
  const { affects, names } = formImpacts(form, catalogue, () => kind);
  const order = /^\d+$/.test(values.status) ? Number(values.status) : Number.NaN;
  try {
    const input = validate(OPS.createIncident.body, {
      displayName: values.title,
      beganAt: iso(Date.now()),
      phase: { generation: catalogue.generation, order },
      affects,
    });
    const update = validate(OPS.createIncidentUpdate.body, {
      displayName: statusWord(c, catalogue, order),
      description: values.text,
    });
    const id = await createIncident(c, input, { title: update.displayName, text: update.description });
    return c.redirect(`/admin/incidents/${id}?done=created`, 303);
  } catch (err) {
    const errors = fieldErrors(err);
    if (!errors) throw err;
    return again(
      renameErrors(errors, {
        ...names,
        displayName: "title",
        phase: "status",
        description: "text",
        affects: "kind",
      }),
    );
  }
}

export async function incidentView(
  db: D1Database,
  incident: Incident,
  catalogue: Catalogue,
): Promise<IncidentView> {
  const [updates, list] = await Promise.all([
    listUpdates(db, incident.id),
    getPhaseList(db, incident.phase.generation),
  ]);
  const names = new Map(catalogue.components.map((comp) => [comp.id, comp.name]));
  const phases = list?.phases ?? [];
  return {
    id: incident.id,
    name: incident.displayName,
    beganAt: incident.beganAt,
    endedAt: incident.endedAt,
    begun: incident.beganAt <= iso(Date.now()),
    ended: incident.endedAt !== null && incident.endedAt <= iso(Date.now()),
    maintenance: isMaintenance(incident.affects),
    phaseOrder: incident.phase.order,
    phaseName: phases[incident.phase.order] ?? "",
    status: phaseStatuses(phases)[incident.phase.order] ?? null,
    impacts: incident.affects.map((a) => ({
      componentId: a.reference,
      componentName: names.get(a.reference) ?? a.reference,
      severity: a.severity,
      typeId: a.type,
    })),
    timeline: updates.map((u) => ({
      order: u.order,
      title: u.displayName,
      html: renderMarkdown(u.description),
      createdAt: u.createdAt,
    })),
  };
}

/** The status select's value for an incident: its phase, or the same status in the latest list. */
function currentStatus(view: IncidentView, incident: Incident, catalogue: Catalogue): string {
  if (incident.phase.generation === catalogue.generation) return String(incident.phase.order);
  return String(catalogue.phases.find((p) => p.status === view.status)?.order ?? view.phaseOrder);
}

async function showIncident(c: Ctx, id: string, values?: UpdateFormValues, errors: FieldError[] = []) {
  const db = c.env.DB;
  const [incident, catalogue] = await Promise.all([loadIncident(db, id), catalogueOf(c)]);
  const view = await incidentView(db, incident, catalogue);
  const initial: UpdateFormValues = values ?? {
    title: "",
    text: "",
    status: currentStatus(view, incident, catalogue),
    impacts: Object.fromEntries(view.impacts.map((i) => [i.componentId, String(i.severity)])),
  };
  const tz = readSettings(c.env).timeZone;
  const body = IncidentScreen({
    l: localeFor(c),
    incident: view,
    catalogue,
    values: initial,
    errors,
    csrf: chrome(c).csrf,
    tz,
    publicUrl: `/incidents/${id}`,
  });
  return page(c, view.name, body, errors.length ? 400 : 200);
}

function sameImpacts(a: readonly Impact[], b: readonly Impact[]): boolean {
  const key = (list: readonly Impact[]) =>
    list
      .map((i) => `${i.reference}:${i.severity}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}

async function postIncidentUpdate(c: Ctx, id: string) {
  const form = await consoleForm(c);
  const db = c.env.DB;
  const [incident, catalogue] = await Promise.all([loadIncident(db, id), catalogueOf(c)]);
  const values: UpdateFormValues = {
    title: text(form, "title"),
    text: form.get("text") ?? "",
    status: text(form, "status"),
    impacts: formImpactValues(form, catalogue),
  };
  const resolve = text(form, "intent") === "resolve";
  const resolvedOrder = [...catalogue.phases].reverse().find((p) => p.status === "resolved")?.order;
  const order =
    resolve && resolvedOrder !== undefined
      ? resolvedOrder
      : /^\d+$/.test(values.status)
        ? Number(values.status)
        : Number.NaN;
  const types = new Map(incident.affects.map((a) => [a.reference, a.type]));
  const fallback = incident.affects[0]?.type ?? defaultKind(catalogue);
  const maintenance = isMaintenance(incident.affects);
  const { affects, names } = formImpacts(form, catalogue, (ref) => types.get(ref) ?? fallback);
  const samePhase = incident.phase.generation === catalogue.generation && incident.phase.order === order;
  try {
    const input = validate(OPS.createIncidentUpdate.body, {
      displayName: values.title || statusWord(c, catalogue, order),
      description: values.text,
      ...(samePhase ? {} : { phase: { generation: catalogue.generation, order } }),
      ...(resolve && incident.endedAt === null ? { endedAt: iso(Date.now()) } : {}),
      ...(form.get("quiet") === "1" ? { notifySubscribers: false } : {}),
    });
    const change = maintenance || sameImpacts(affects, incident.affects) ? {} : { affects };
    await postUpdate(c, id, input, change);
    return c.redirect(`/admin/incidents/${id}?done=${resolve ? "resolved" : "posted"}`, 303);
  } catch (err) {
    const errors = fieldErrors(err);
    if (!errors) throw err;
    return showIncident(
      c,
      id,
      values,
      renameErrors(errors, {
        ...names,
        displayName: "title",
        phase: "status",
        description: "text",
        affects: "status",
      }),
    );
  }
}

function orderParam(c: Ctx): number {
  return validate(OPS.getIncidentUpdate.params.updateOrder, c.req.param("order"), "updateOrder");
}

function idParam(c: Ctx): string {
  return validate(OPS.getIncident.params.incidentId, c.req.param("id"), "incidentId");
}

async function editUpdateScreen(c: Ctx, values?: { title: string; text: string }, errors: FieldError[] = []) {
  const id = idParam(c);
  const order = orderParam(c);
  await loadIncident(c.env.DB, id);
  const update = await getUpdate(c.env.DB, id, order);
  if (!update) return c.notFound();
  const initial = values ?? { title: update.displayName, text: update.description };
  return page(
    c,
    localeFor(c).t("c.t.editUpdate", { n: order }),
    UpdateEditForm({ l: localeFor(c), incidentId: id, order, values: initial, errors, csrf: chrome(c).csrf }),
    errors.length ? 400 : 200,
  );
}

async function editIncidentScreen(c: Ctx, values?: Record<string, string>, errors: FieldError[] = []) {
  const id = idParam(c);
  const incident = await loadIncident(c.env.DB, id);
  const tz = text(new URLSearchParams(c.req.query()), "zone") || readSettings(c.env).timeZone;
  const initial = values ?? {
    title: incident.displayName,
    description: incident.description,
    beganAt: isoToLocal(incident.beganAt, tz),
    endedAt: incident.endedAt ? isoToLocal(incident.endedAt, tz) : "",
    zone: tz,
  };
  const body = IncidentEditForm({
    l: localeFor(c),
    incidentId: id,
    values: initial,
    errors,
    csrf: chrome(c).csrf,
    maintenance: isMaintenance(incident.affects),
  });
  return page(c, localeFor(c).t("c.t.edit", { name: incident.displayName }), body, errors.length ? 400 : 200);
}

/** The zone a form's times are in; an unknown one is the form's error. */
export function formZone(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  if (!isTimeZone(value)) throw badField("zone", "is not a time zone this server knows");
  return value;
}

/** A local time field as an instant, or the text itself so that validation names the field. */
export function zoned(value: string | undefined, zone: string): string | undefined {
  if (value === undefined) return undefined;
  return localToIso(value, zone) ?? value;
}

async function saveIncident(c: Ctx) {
  const id = idParam(c);
  const form = await consoleForm(c);
  const values = Object.fromEntries(
    ["title", "description", "beganAt", "endedAt", "zone"].map((k) => [
      k,
      k === "description" ? (form.get(k) ?? "") : text(form, k),
    ]),
  );
  try {
    const zone = formZone(values.zone, readSettings(c.env).timeZone);
    const patch = validate(OPS.updateIncident.body, {
      displayName: values.title,
      description: values.description,
      beganAt: zoned(values.beganAt || undefined, zone),
      endedAt: zoned(optional(form, "endedAt"), zone) ?? null,
    });
    await updateIncident(c, id, patch);
    return c.redirect(`/admin/incidents/${id}?done=saved`, 303);
  } catch (err) {
    const errors = fieldErrors(err);
    if (!errors) throw err;
    return editIncidentScreen(c, values, renameErrors(errors, { displayName: "title" }));
  }
}

export const consoleIncidents = new Hono<AppEnv>()
  .use(session("incidents"))
  .get("/new", async (c) => {
    const catalogue = await catalogueOf(c);
    const values = await newIncidentValues(c, catalogue);
    return page(
      c,
      localeFor(c).t("c.t.openIncident"),
      NewIncidentForm({
        l: localeFor(c),
        catalogue,
        values,
        errors: [],
        csrf: chrome(c).csrf,
        preview: null,
      }),
    );
  })
  .post("/", openIncident)
  .get("/:id", (c) => showIncident(c, idParam(c)))
  .post("/:id/updates", (c) => postIncidentUpdate(c, idParam(c)))
  .get("/:id/edit", (c) => editIncidentScreen(c))
  .post("/:id/edit", saveIncident)
  .post("/:id/delete", async (c) => {
    await consoleForm(c);
    await deleteIncident(c, idParam(c));
    return c.redirect("/admin?done=deleted", 303);
  })
  .get("/:id/updates/:order", (c) => editUpdateScreen(c))
  .post("/:id/updates/:order", async (c) => {
    const form = await consoleForm(c);
    const values = { title: text(form, "title"), text: form.get("text") ?? "" };
    const id = idParam(c);
    try {
      const patch = validate(OPS.updateIncidentUpdate.body, {
        displayName: values.title,
        description: values.text,
      });
      await editUpdate(c, id, orderParam(c), patch);
      return c.redirect(`/admin/incidents/${id}?done=saved`, 303);
    } catch (err) {
      const errors = fieldErrors(err);
      if (!errors) throw err;
      return editUpdateScreen(c, values, renameErrors(errors, { displayName: "title", description: "text" }));
    }
  })
  .post("/:id/updates/:order/delete", async (c) => {
    await consoleForm(c);
    const id = idParam(c);
    await removeUpdate(c, id, orderParam(c));
    return c.redirect(`/admin/incidents/${id}?done=deleted`, 303);
  });
