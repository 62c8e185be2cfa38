import type { Locale } from "../../i18n/locale";
import type { Catalogue } from "../../models/console";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";
import { ZoneField } from "./zone";

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

function Row({ m, csrf, tz, l }: { m: MaintenanceRow; csrf: string; tz: string; l: Locale }): VNode {
  return html`<li>
    <a href=${`/admin/incidents/${m.id}`}>${m.name}</a>
    <span class="meta"> <${Time} iso=${m.beganAt} tz=${tz} l=${l} />${m.endedAt ? html` – <${Time} iso=${m.endedAt} tz=${tz} l=${l} />` : l.t("c.openEnded")}</span>
    <span class="row-actions">
      <a href=${`/admin/incidents/${m.id}/edit`}>${l.t("c.edit")}<span class="vh"> ${m.name}</span></a>
      ${
        m.started
          ? html`<${PostButton} action=${`/admin/maintenance/${m.id}/end`} csrf=${csrf} label=${l.t("c.endNow", { name: m.name })} />`
          : html`<${PostButton} action=${`/admin/maintenance/${m.id}/cancel`} csrf=${csrf} label=${l.t("c.cancelNamed", { name: m.name })} danger=${true} />`
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
  l: Locale;
}): VNode {
  const { rows, catalogue, values, errors, csrf, tz, l } = props;
  const chosen = new Set(values.components);
  return html`
    <h2>${l.t("c.activeUpcoming")}</h2>
    ${rows.length === 0 ? html`<p>${l.t("c.noneScheduled")}</p>` : html`<ul class="rows">${rows.map((m) => html`<${Row} m=${m} csrf=${csrf} tz=${tz} l=${l} />`)}</ul>`}
    <h2>${l.t("c.scheduleMaintenance")}</h2>
    <${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action="/admin/maintenance" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="title" label=${l.t("c.f.title")} value=${values.title} errors=${errors} required=${true} />
      <fieldset id="f-components">
        <legend>${l.t("c.f.underMaintenance")}</legend>
        ${errors.find((e) => e.path === "components") ? html`<p class="field-error">${errors.find((e) => e.path === "components")?.message}</p>` : null}
        ${catalogue.components.map(
          (comp) =>
            html`<div><input type="checkbox" name="components" value=${comp.id} id=${`m-${comp.id}`} checked=${chosen.has(comp.id)} /> <label for=${`m-${comp.id}`}>${comp.name}</label></div>`,
        )}
      </fieldset>
      <${Field} name="startsAt" type="datetime-local" label=${l.t("c.f.starts")} value=${values.startsAt} errors=${errors} />
      <${Field} name="endsAt" type="datetime-local" label=${l.t("c.f.ends")} value=${values.endsAt} errors=${errors} hint=${l.t("c.f.openEndedHint")} />
      <${ZoneField} value=${values.zone} errors=${errors} l=${l} />
      <${Field} name="text" label=${l.t("c.f.visitorsShouldKnow")} rows=${4} value=${values.text} errors=${errors} />
      <button type="submit">${l.t("c.schedule")}</button>
    </form>`;
}
