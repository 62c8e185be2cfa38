import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import type { Catalogue } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { ZoneField } from "./zone";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

export type MaintenanceRow = {
  id: string;
  name: string;
  beganAt: string;
  endedAt: string | null;
  started: boolean;
};
export type MaintenanceFormValues = {
  title: string;
  text: string;
  startsAt: string;
  endsAt: string;
  zone: string;
  components: string[];
};

function Row({ m, csrf, tz }: { m: MaintenanceRow; csrf: string; tz: string }): VNode {
  return html`<li>
    <a href=${`/admin/incidents/${m.id}`}>${m.name}</a>
    <span class="meta"> <${Time} iso=${m.beganAt} tz=${tz} l=${EN} />${m.endedAt ? html` – <${Time} iso=${m.endedAt} tz=${tz} l=${EN} />` : " – open-ended"}</span>
    <span class="row-actions">
      <a href=${`/admin/incidents/${m.id}/edit`}>Edit<span class="vh"> ${m.name}</span></a>
      ${
        m.started
          ? html`<${PostButton} action=${`/admin/maintenance/${m.id}/end`} csrf=${csrf} label=${`End “${m.name}” now`} />`
          : html`<${PostButton} action=${`/admin/maintenance/${m.id}/cancel`} csrf=${csrf} label=${`Cancel “${m.name}”`} danger=${true} />`
      }
    </span>
  </li>`;
}

export function MaintenanceScreen(props: {
  rows: MaintenanceRow[];
  catalogue: Catalogue;
  values: MaintenanceFormValues;
  errors: readonly FieldError[];
  csrf: string;
  tz: string;
}): VNode {
  const { rows, catalogue, values, errors, csrf, tz } = props;
  const chosen = new Set(values.components);
  return html`
    <h2>Active and upcoming</h2>
    ${rows.length === 0 ? html`<p>No maintenance is scheduled.</p>` : html`<ul class="rows">${rows.map((m) => html`<${Row} m=${m} csrf=${csrf} tz=${tz} />`)}</ul>`}
    <h2>Schedule maintenance</h2>
    <${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action="/admin/maintenance" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="title" label="Title" value=${values.title} errors=${errors} required=${true} />
      <fieldset id="f-components">
        <legend>Components under maintenance</legend>
        ${errors.find((e) => e.path === "components") ? html`<p class="field-error">${errors.find((e) => e.path === "components")?.message}</p>` : null}
        ${catalogue.components.map(
          (comp) =>
            html`<div><input type="checkbox" name="components" value=${comp.id} id=${`m-${comp.id}`} checked=${chosen.has(comp.id)} /> <label for=${`m-${comp.id}`}>${comp.name}</label></div>`,
        )}
      </fieldset>
      <${Field} name="startsAt" type="datetime-local" label="Starts" value=${values.startsAt} errors=${errors} />
      <${Field} name="endsAt" type="datetime-local" label="Ends" value=${values.endsAt} errors=${errors} hint="Leave empty for open-ended work, ended by hand." />
      <${ZoneField} value=${values.zone} errors=${errors} />
      <${Field} name="text" label="What visitors should know (Markdown)" rows=${4} value=${values.text} errors=${errors} />
      <button type="submit">Schedule</button>
    </form>`;
}
