import type { Locale } from "../../i18n/locale";
import type { Catalogue, TemplateSummary } from "../../models/console";
import { html, type VNode } from "../html";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { ImpactFields, statusOptions } from "./incidents";

export type TemplateFormValues = {
  name: string;
  title: string;
  body: string;
  status: string;
  kind: string;
  impacts: Record<string, string>;
};

export function TemplateForm(props: {
  action: string;
  catalogue: Catalogue;
  values: TemplateFormValues;
  errors: readonly FieldError[];
  csrf: string;
  submit: string;
  l: Locale;
}): VNode {
  const { catalogue, values, errors, l } = props;
  return html`<${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label=${l.t("c.f.templateName")} value=${values.name} errors=${errors} required=${true} hint=${l.t("c.f.templateHint")} />
      <${Field} name="title" label=${l.t("c.f.incidentTitle")} value=${values.title} errors=${errors} required=${true} />
      <${Field} name="status" label=${l.t("c.f.status")} options=${statusOptions(l, catalogue, false)} value=${values.status} errors=${errors} />
      <${Field} name="kind" label=${l.t("c.f.kind")} options=${catalogue.kinds.map((k) => ({ value: k.id, label: k.name }))} value=${values.kind} errors=${errors} />
      <${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} l=${l} />
      <${Field} name="body" label=${l.t("c.f.firstUpdate")} rows=${5} value=${values.body} errors=${errors} />
      <button type="submit">${props.submit}</button>
    </form>`;
}

export function TemplateList({
  templates,
  csrf,
  l,
}: {
  templates: TemplateSummary[];
  csrf: string;
  l: Locale;
}): VNode {
  if (templates.length === 0) return html`<p>${l.t("c.noTemplates")}</p>`;
  return html`<ul class="rows">${templates.map(
    (t) => html`<li>
      <strong>${t.name}</strong> <span class="meta">${t.title}</span>
      <span class="row-actions">
        <a href=${`/admin/incidents/new?template=${t.id}`}>${l.t("c.openFromNamed", { name: t.name })}</a>
        <a href=${`/admin/templates/${t.id}`}>${l.t("c.edit")}<span class="vh"> ${t.name}</span></a>
        <${PostButton} action=${`/admin/templates/${t.id}/delete`} csrf=${csrf} label=${l.t("c.deleteNamed", { name: t.name })} danger=${true} />
      </span>
    </li>`,
  )}</ul>`;
}
