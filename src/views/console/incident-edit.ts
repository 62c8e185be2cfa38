import type { Locale } from "../../i18n/locale";
import { html, type VNode } from "../html";
import { Csrf, ErrorSummary, Field, type FieldError } from "./chrome";
import { ZoneField } from "./zone";

export function UpdateEditForm(props: {
  incidentId: string;
  order: number;
  values: { title: string; text: string };
  errors: readonly FieldError[];
  csrf: string;
  l: Locale;
}): VNode {
  const { values, errors, l } = props;
  return html`<${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${`/admin/incidents/${props.incidentId}/updates/${props.order}`} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="title" label=${l.t("c.f.title")} value=${values.title} errors=${errors} required=${true} />
      <${Field} name="text" label=${l.t("c.f.text")} rows=${6} value=${values.text} errors=${errors} />
      <div class="actions">
        <button type="submit">${l.t("c.saveUpdate")}</button>
        <a href=${`/admin/incidents/${props.incidentId}`}>${l.t("c.backToIncident")}</a>
      </div>
    </form>`;
}

export function IncidentEditForm(props: {
  incidentId: string;
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  maintenance: boolean;
  l: Locale;
}): VNode {
  const { values, errors, l } = props;
  return html`<${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${`/admin/incidents/${props.incidentId}/edit`} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="title" label=${l.t("c.f.title")} value=${values.title} errors=${errors} required=${true} />
      <${Field} name="description" label=${l.t("c.f.description")} rows=${4} value=${values.description} errors=${errors} />
      <${Field} name="beganAt" type="datetime-local" label=${props.maintenance ? l.t("c.f.starts") : l.t("c.f.began")} value=${values.beganAt} errors=${errors} />
      <${Field} name="endedAt" type="datetime-local" label=${props.maintenance ? l.t("c.f.ends") : l.t("c.f.ended")} value=${values.endedAt} errors=${errors} hint=${l.t("c.f.stillGoing")} />
      <${ZoneField} value=${values.zone ?? "UTC"} errors=${errors} l=${l} />
      <div class="actions">
        <button type="submit">${l.t("c.save")}</button>
        <a href=${`/admin/incidents/${props.incidentId}`}>${l.t("c.back")}</a>
      </div>
    </form>`;
}
