import { type Context, Hono } from "hono";
import { changeTemplate, createTemplate, loadTemplate, removeTemplate } from "../../actions/templates";
import type { AppEnv } from "../../env";
import { fieldErrors, renameErrors, text } from "../../http/form";
import { validate } from "../../http/input";
import type { FieldError } from "../../http/problem";
import type { Catalogue } from "../../models/console";
import { OPS } from "../../openapi/operations";
import { renderConsole } from "../../views/console/chrome";
import { TemplateForm, type TemplateFormValues, TemplateList } from "../../views/console/templates";
import { html } from "../../views/html";
import { defaultKind, loadCatalogue } from "./catalogue";
import { chrome, consoleForm, flash, localeFor, session } from "./guard";

type Ctx = Context<AppEnv>;

function blank(catalogue: Catalogue): TemplateFormValues {
  const opening = catalogue.phases.find((p) => p.status !== "scheduled")?.order ?? 0;
  return {
    name: "",
    title: "",
    body: "",
    status: String(opening),
    kind: defaultKind(catalogue),
    impacts: {},
  };
}

function readValues(form: URLSearchParams, catalogue: Catalogue): TemplateFormValues {
  return {
    name: text(form, "name"),
    title: text(form, "title"),
    body: form.get("body") ?? "",
    status: text(form, "status"),
    kind: text(form, "kind"),
    impacts: Object.fromEntries(
      catalogue.components.map((comp) => [comp.id, text(form, `impact.${comp.id}`)]),
    ),
  };
}

/** The API's template body for a form, and the form field of each impact. */
function toInput(values: TemplateFormValues, catalogue: Catalogue) {
  const names: Record<string, string> = {};
  const affects = catalogue.components
    .filter((comp) => values.impacts[comp.id])
    .map((comp, i) => {
      names[`affects.${i}`] = `impact.${comp.id}`;
      const raw = values.impacts[comp.id] ?? "";
      return {
        reference: comp.id,
        type: values.kind,
        severity: /^\d+$/.test(raw) ? Number(raw) : Number.NaN,
      };
    });
  const phaseOrder = /^\d+$/.test(values.status) ? Number(values.status) : Number.NaN;
  return {
    input: { name: values.name, title: values.title, body: values.body, phaseOrder, affects },
    names: { ...names, phaseOrder: "status", affects: "kind" },
  };
}

async function listScreen(c: Ctx, values?: TemplateFormValues, errors: FieldError[] = []) {
  const catalogue = await loadCatalogue(c.env.DB);
  const csrf = chrome(c).csrf;
  const l = localeFor(c);
  const body = html`<${TemplateList} templates=${catalogue.templates} csrf=${csrf} l=${l} />
    <h2>${l.t("c.newTemplate")}</h2>
    <${TemplateForm} action="/admin/templates" catalogue=${catalogue} values=${values ?? blank(catalogue)} errors=${errors} csrf=${csrf} submit=${l.t("c.createTemplate")} l=${l} />`;
  return c.html(
    renderConsole({ title: l.t("c.t.templates"), chrome: chrome(c), flash: flash(c), body }),
    errors.length ? 400 : 200,
  );
}

async function editScreen(c: Ctx, id: string, values?: TemplateFormValues, errors: FieldError[] = []) {
  const [t, catalogue] = await Promise.all([loadTemplate(c.env.DB, id), loadCatalogue(c.env.DB)]);
  const initial = values ?? {
    name: t.name,
    title: t.title,
    body: t.body,
    status: String(t.phaseOrder ?? blank(catalogue).status),
    kind: t.affects[0]?.type ?? defaultKind(catalogue),
    impacts: Object.fromEntries(t.affects.map((a) => [a.reference, String(a.severity)])),
  };
  const body = TemplateForm({
    l: localeFor(c),
    action: `/admin/templates/${id}`,
    catalogue,
    values: initial,
    errors,
    csrf: chrome(c).csrf,
    submit: localeFor(c).t("c.saveTemplate"),
  });
  return c.html(
    renderConsole({
      title: localeFor(c).t("c.t.template", { name: t.name }),
      chrome: chrome(c),
      flash: flash(c),
      body,
    }),
    errors.length ? 400 : 200,
  );
}

function idParam(c: Ctx): string {
  return validate(OPS.getTemplate.params.templateId, c.req.param("id"), "templateId");
}

async function save(c: Ctx, id: string | null) {
  const form = await consoleForm(c);
  const catalogue = await loadCatalogue(c.env.DB);
  const values = readValues(form, catalogue);
  const { input, names } = toInput(values, catalogue);
  try {
    if (id) await changeTemplate(c, id, validate(OPS.updateTemplate.body, input));
    else await createTemplate(c, validate(OPS.createTemplate.body, input));
    return c.redirect(`/admin/templates?done=${id ? "saved" : "created"}`, 303);
  } catch (err) {
    const errors = fieldErrors(err);
    if (!errors) throw err;
    const named = renameErrors(errors, names);
    return id ? editScreen(c, id, values, named) : listScreen(c, values, named);
  }
}

export const consoleTemplates = new Hono<AppEnv>()
  .use(session("incidents"))
  .get("/", (c) => listScreen(c))
  .post("/", (c) => save(c, null))
  .get("/:id", (c) => editScreen(c, idParam(c)))
  .post("/:id", (c) => save(c, idParam(c)))
  .post("/:id/delete", async (c) => {
    await consoleForm(c);
    await removeTemplate(c, idParam(c));
    return c.redirect("/admin/templates?done=deleted", 303);
  });
