import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import type { Catalogue, TemplateSummary } from "../../models/console";
import { html, type VNode } from "../html";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { ImpactFields, statusOptions } from "./incidents";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

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
}): VNode {
  const { catalogue, values, errors } = props;
  return html`<${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${props.action} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="name" label="Template name" value=${values.name} errors=${errors} required=${true} hint="What operators pick, e.g. “API down”." />
      <${Field} name="title" label="Incident title" value=${values.title} errors=${errors} required=${true} />
      <${Field} name="status" label="Status" options=${statusOptions(catalogue, false)} value=${values.status} errors=${errors} />
      <${Field} name="kind" label="Kind of impact" options=${catalogue.kinds.map((k) => ({ value: k.id, label: k.name }))} value=${values.kind} errors=${errors} />
      <${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} />
      <${Field} name="body" label="First update (Markdown)" rows=${5} value=${values.body} errors=${errors} />
      <button type="submit">${props.submit}</button>
    </form>`;
}

export function TemplateList({ templates, csrf }: { templates: TemplateSummary[]; csrf: string }): VNode {
  if (templates.length === 0) return html`<p>No templates yet.</p>`;
  return html`<ul class="rows">${templates.map(
    (t) => html`<li>
      <strong>${t.name}</strong> <span class="meta">${t.title}</span>
      <span class="row-actions">
        <a href=${`/admin/incidents/new?template=${t.id}`}>Open an incident from “${t.name}”</a>
        <a href=${`/admin/templates/${t.id}`}>Edit<span class="vh"> ${t.name}</span></a>
        <${PostButton} action=${`/admin/templates/${t.id}/delete`} csrf=${csrf} label=${`Delete “${t.name}”`} danger=${true} />
      </span>
    </li>`,
  )}</ul>`;
}
