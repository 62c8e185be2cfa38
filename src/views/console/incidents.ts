import { formatDuration } from "../../domain/time-text";
import { localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import { phaseLabel as phaseWord, statusLabel } from "../../i18n/words";
import type {
  Catalogue,
  DashboardModel,
  IncidentFormValues,
  IncidentView,
  Level,
} from "../../models/console";
import { Banner } from "../banner";
import { html, type VNode } from "../html";
import { Time } from "../time";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";

/** The console speaks English until its own catalogue entries exist. */
const EN = localeOf(REFERENCE_LANGUAGE);

export function levelLabel(level: Level, levels: readonly Level[]): string {
  const word = statusLabel(EN, level.status);
  const same = levels.filter((l) => l.status === level.status).length > 1;
  return same ? `${word} (${level.name})` : word;
}

function phaseLabel(p: { name: string; status: string | null }): string {
  const word = p.status ? phaseWord(EN, p.status) : null;
  return word && word.toLowerCase() !== p.name.toLowerCase() ? `${p.name} (${word})` : p.name;
}

export function statusOptions(catalogue: Catalogue, maintenance: boolean) {
  return catalogue.phases
    .filter((p) => maintenance || p.status !== "scheduled")
    .map((p) => ({ value: String(p.order), label: phaseLabel(p) }));
}

/** One select per component: not affected, or how badly, in words. */
export function ImpactFields(props: {
  catalogue: Catalogue;
  values: Record<string, string>;
  errors: readonly FieldError[];
}): VNode {
  const { catalogue, values, errors } = props;
  const options = [
    { value: "", label: "Not affected" },
    ...catalogue.levels.map((l) => ({ value: String(l.value), label: levelLabel(l, catalogue.levels) })),
  ];
  return html`<fieldset class="impacts">
    <legend>Affected components</legend>
    ${catalogue.components.length === 0 ? html`<p>No components exist yet.</p>` : null}
    ${catalogue.components.map(
      (comp) =>
        html`<${Field} name=${`impact.${comp.id}`} label=${comp.name} options=${options} value=${values[comp.id] ?? ""} errors=${errors} />`,
    )}
  </fieldset>`;
}

export function NewIncidentForm(props: {
  catalogue: Catalogue;
  values: IncidentFormValues;
  errors: readonly FieldError[];
  csrf: string;
  preview: string | null;
}): VNode {
  const { catalogue, values, errors, csrf, preview } = props;
  const kinds = catalogue.kinds.map((k) => ({ value: k.id, label: k.name }));
  return html`
    ${
      catalogue.templates.length > 0
        ? html`<form method="get" action="/admin/incidents/new" class="template-pick">
          <${Field}
            name="template"
            label="Start from a template"
            value=${values.template ?? ""}
            options=${[{ value: "", label: "No template" }, ...catalogue.templates.map((t) => ({ value: t.id, label: t.name }))]}
          />
          <button type="submit" class="secondary">Use template</button>
        </form>`
        : null
    }
    <${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action="/admin/incidents" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="title" label="Title" value=${values.title} errors=${errors} required=${true} hint="What visitors see, e.g. “Elevated API error rates”." />
      <${Field} name="status" label="Status" options=${statusOptions(catalogue, false)} value=${values.status} errors=${errors} />
      <${Field} name="kind" label="Kind of impact" options=${kinds} value=${values.kind} errors=${errors} />
      <${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} />
      <${Field} name="text" label="First update (Markdown)" rows=${6} value=${values.text} errors=${errors} />
      ${preview === null ? null : html`<section class="preview" aria-label="Preview"><h2>Preview</h2><div class="prose" dangerouslySetInnerHTML=${{ __html: preview || "<p>(empty)</p>" }}></div></section>`}
      <div class="actions">
        <button type="submit" name="intent" value="create">Open incident</button>
        <button type="submit" name="intent" value="preview" class="secondary">Preview</button>
      </div>
    </form>`;
}

function Timeline({ incident, csrf, tz }: { incident: IncidentView; csrf: string; tz: string }): VNode {
  if (incident.timeline.length === 0) return html`<p>No updates yet.</p>`;
  return html`<ol class="timeline console-timeline" reversed>
    ${[...incident.timeline].reverse().map(
      (u) => html`<li>
        <h3>${u.title}</h3>
        <p class="meta"><${Time} iso=${u.createdAt} tz=${tz} l=${EN} /></p>
        <div class="prose" dangerouslySetInnerHTML=${{ __html: u.html }}></div>
        <p class="row-actions">
          <a href=${`/admin/incidents/${incident.id}/updates/${u.order}`}>Edit update ${u.order}</a>
          <${PostButton} action=${`/admin/incidents/${incident.id}/updates/${u.order}/delete`} csrf=${csrf} label=${`Delete update ${u.order}`} danger=${true} />
        </p>
      </li>`,
    )}
  </ol>`;
}

export type UpdateFormValues = {
  title: string;
  text: string;
  status: string;
  impacts: Record<string, string>;
};

export function IncidentScreen(props: {
  incident: IncidentView;
  catalogue: Catalogue;
  values: UpdateFormValues;
  errors: readonly FieldError[];
  csrf: string;
  tz: string;
  publicUrl: string;
}): VNode {
  const { incident, catalogue, values, errors, csrf } = props;
  const resolved = incident.ended;
  return html`
    <p class="meta">
      ${incident.maintenance ? "Maintenance" : "Incident"} · ${phaseLabel({ name: incident.phaseName, status: incident.status })} ·
      ${incident.begun ? "began" : "starts"} <${Time} iso=${incident.beganAt} tz=${props.tz} l=${EN} />
      ${incident.endedAt ? html` · ${incident.ended ? "ended" : "ends"} <${Time} iso=${incident.endedAt} tz=${props.tz} l=${EN} />` : null}
    </p>
    <p class="row-actions">
      <a href=${props.publicUrl}>Public page of this ${incident.maintenance ? "maintenance" : "incident"}</a>
      <a href=${`/admin/incidents/${incident.id}/edit`}>Edit ${incident.maintenance ? "maintenance" : "incident"}</a>
    </p>
    <h2 id="post">Post an update</h2>
    <${ErrorSummary} errors=${errors} l=${EN} />
    <form method="post" action=${`/admin/incidents/${incident.id}/updates`} novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="status" label="Status" options=${statusOptions(catalogue, incident.maintenance)} value=${values.status} errors=${errors} />
      <${Field} name="title" label="Update title" value=${values.title} errors=${errors} hint="Leave empty to use the status, e.g. “Identified”." />
      <${Field} name="text" label="Text (Markdown)" rows=${5} value=${values.text} errors=${errors} />
      ${incident.maintenance ? null : html`<${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} />`}
      <p class="field"><label><input type="checkbox" name="quiet" value="1" /> Post quietly: do not e-mail subscribers (webhooks still hear of it)</label></p>
      <div class="actions">
        <button type="submit" name="intent" value="post">Post update</button>
        ${resolved ? null : html`<button type="submit" name="intent" value="resolve" class="secondary">Post and resolve</button>`}
      </div>
    </form>
    <h2>Timeline</h2>
    <${Timeline} incident=${incident} csrf=${csrf} tz=${props.tz} />
    <h2>Delete</h2>
    <p>Deleting removes the ${incident.maintenance ? "maintenance" : "incident"} from the page, the feeds and the history.</p>
    <${PostButton} action=${`/admin/incidents/${incident.id}/delete`} csrf=${csrf} label="Delete for good" danger=${true} />`;
}

export function Dashboard({ model, tz }: { model: DashboardModel; tz: string }): VNode {
  const age = (since: string) => formatDuration(Date.parse(model.now) - Date.parse(since));
  return html`
    ${
      model.usageWarnings.length > 0
        ? html`<section class="error-summary" aria-labelledby="usage-warning"><h2 id="usage-warning">Near the ${model.plan} plan's limits</h2><ul>${model.usageWarnings.map(
            (u) => html`<li>${u.label}: ${u.value} of ${u.limit} (${u.percent})</li>`,
          )}</ul><p><a href="/admin/settings">Usage</a></p></section>`
        : null
    }
    <section aria-label="The page as visitors see it"><${Banner} indicator=${model.indicator} l=${EN} /></section>
    <p class="actions"><a class="button" href="/admin/incidents/new">Open an incident</a> <a class="button secondary" href="/admin/maintenance">Schedule maintenance</a></p>
    ${
      model.templates.length > 0
        ? html`<nav aria-label="Open from a template" class="templates"><span>From a template:</span> <ul class="inline-list">${model.templates.map(
            (t) => html`<li><a href=${`/admin/incidents/new?template=${t.id}`}>${t.name}</a></li>`,
          )}</ul></nav>`
        : null
    }
    <h2>Open incidents</h2>
    ${
      model.incidents.length === 0
        ? html`<p>No open incidents.</p>`
        : html`<ul class="rows">${model.incidents.map(
            (i) =>
              html`<li><a href=${`/admin/incidents/${i.id}`}>${i.name}</a> <span class="tag">${phaseWord(EN, i.status)}</span> <span class="meta">open for ${age(i.beganAt)}</span></li>`,
          )}</ul>`
    }
    <h2>Maintenance</h2>
    ${
      model.maintenance.length === 0
        ? html`<p>No active or upcoming maintenance.</p>`
        : html`<ul class="rows">${model.maintenance.map(
            (m) =>
              html`<li><a href=${`/admin/incidents/${m.id}`}>${m.name}</a> <span class="tag">${phaseWord(EN, m.status)}</span> <span class="meta"><${Time} iso=${m.beganAt} tz=${tz} l=${EN} />${m.endedAt ? html` – <${Time} iso=${m.endedAt} tz=${tz} l=${EN} />` : null}</span></li>`,
          )}</ul>`
    }
    <h2>Failing monitors</h2>
    ${
      model.failingMonitors.length === 0
        ? html`<p>All monitors pass.</p>`
        : html`<ul class="rows">${model.failingMonitors.map(
            (m) =>
              html`<li><a href=${`/admin/monitors/${m.id}`}>${m.name}</a> <span class="tag">${m.status}</span> ${m.reason ? html`<span class="meta">${m.reason}</span>` : null}</li>`,
          )}</ul>`
    }
    <h2>Webhooks in trouble</h2>
    ${
      model.troubledWebhooks.length === 0
        ? html`<p>All webhooks deliver.</p>`
        : html`<ul class="rows">${model.troubledWebhooks.map(
            (w) =>
              html`<li><a href=${`/admin/webhooks/${w.id}`}>${w.url}</a> <span class="meta">${w.reason}</span></li>`,
          )}</ul>`
    }`;
}
