import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import { html, type VNode } from "../html";
import { Csrf, ErrorSummary, Field, type FieldError } from "./chrome";
import { ZoneField } from "./zone";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

export function UpdateEditForm(props: {
  incidentId: string;
  order: number;
  values: { title: string; text: string };
  errors: readonly FieldError[];
  csrf: string;
}): VNode {
  const { values, errors } = props;
  return html`<${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${`/admin/incidents/${props.incidentId}/updates/${props.order}`} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="title" label="Title" value=${values.title} errors=${errors} required=${true} />
      <${Field} name="text" label="Text (Markdown)" rows=${6} value=${values.text} errors=${errors} />
      <div class="actions">
        <button type="submit">Save update</button>
        <a href=${`/admin/incidents/${props.incidentId}`}>Back to the incident</a>
      </div>
    </form>`;
}

export function IncidentEditForm(props: {
  incidentId: string;
  values: Record<string, string>;
  errors: readonly FieldError[];
  csrf: string;
  maintenance: boolean;
}): VNode {
  const { values, errors } = props;
  return html`<${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${`/admin/incidents/${props.incidentId}/edit`} novalidate>
      <${Csrf} token=${props.csrf} />
      <${Field} name="title" label="Title" value=${values.title} errors=${errors} required=${true} />
      <${Field} name="description" label="Description (Markdown)" rows=${4} value=${values.description} errors=${errors} />
      <${Field} name="beganAt" type="datetime-local" label=${props.maintenance ? "Starts" : "Began"} value=${values.beganAt} errors=${errors} />
      <${Field} name="endedAt" type="datetime-local" label=${props.maintenance ? "Ends" : "Ended"} value=${values.endedAt} errors=${errors} hint="Leave empty while it is still going on." />
      <${ZoneField} value=${values.zone ?? "UTC"} errors=${errors} />
      <div class="actions">
        <button type="submit">Save</button>
        <a href=${`/admin/incidents/${props.incidentId}`}>Back</a>
      </div>
    </form>`;
}
