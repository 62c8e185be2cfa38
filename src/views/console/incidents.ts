import { type Locale, localeOf, REFERENCE_LANGUAGE } from "../../i18n/locale";
import { phaseLabel as phaseWord, statusLabel, word } from "../../i18n/words";
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
import { rich } from "../words";
import { Csrf, ErrorSummary, Field, type FieldError, PostButton } from "./chrome";

/** A monitor's health in words: up, degraded, down. */
export function health(l: Locale, status: string): string {
  return status === "up" || status === "degraded" || status === "down"
    ? word(l, `c.health.${status}`)
    : status;
}

export function levelLabel(l: Locale, level: Level, levels: readonly Level[]): string {
  const word = statusLabel(l, level.status);
  const same = levels.filter((x) => x.status === level.status).length > 1;
  return same ? `${word} (${level.name})` : word;
}

/**
 * A phase by its name, with the word for its status when the name says
 * something else. A phase still named as it was seeded ("Identified") is
 * the status's own word, in the console's language.
 */
function phaseLabel(l: Locale, p: { name: string; status: string | null }): string {
  if (!p.status) return p.name;
  const word = phaseWord(l, p.status);
  const seeded = phaseWord(localeOf(REFERENCE_LANGUAGE), p.status);
  if (p.name.toLowerCase() === seeded.toLowerCase() || p.name.toLowerCase() === word.toLowerCase())
    return word;
  return `${p.name} (${word})`;
}

export function statusOptions(l: Locale, catalogue: Catalogue, maintenance: boolean) {
  return catalogue.phases
    .filter((p) => maintenance || p.status !== "scheduled")
    .map((p) => ({ value: String(p.order), label: phaseLabel(l, p) }));
}

/** One select per component: not affected, or how badly, in words. */
export function ImpactFields(props: {
  catalogue: Catalogue;
  values: Record<string, string>;
  errors: readonly FieldError[];
  l: Locale;
}): VNode {
  const { catalogue, values, errors, l } = props;
  const options = [
    { value: "", label: l.t("c.notAffected") },
    ...catalogue.levels.map((x) => ({ value: String(x.value), label: levelLabel(l, x, catalogue.levels) })),
  ];
  return html`<fieldset class="impacts">
    <legend>${l.t("c.affected")}</legend>
    ${catalogue.components.length === 0 ? html`<p>${l.t("c.noComponents")}</p>` : null}
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
  l: Locale;
}): VNode {
  const { catalogue, values, errors, csrf, preview, l } = props;
  const kinds = catalogue.kinds.map((k) => ({ value: k.id, label: k.name }));
  return html`
    ${
      catalogue.templates.length > 0
        ? html`<form method="get" action="/admin/incidents/new" class="template-pick">
          <${Field}
            name="template"
            label=${l.t("c.fromTemplate")}
            value=${values.template ?? ""}
            options=${[{ value: "", label: l.t("c.noTemplate") }, ...catalogue.templates.map((t) => ({ value: t.id, label: t.name }))]}
          />
          <button type="submit" class="secondary">${l.t("c.useTemplate")}</button>
        </form>`
        : null
    }
    <${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action="/admin/incidents" novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="title" label=${l.t("c.f.title")} value=${values.title} errors=${errors} required=${true} hint=${l.t("c.f.titleHint")} />
      <${Field} name="status" label=${l.t("c.f.status")} options=${statusOptions(l, catalogue, false)} value=${values.status} errors=${errors} />
      <${Field} name="kind" label=${l.t("c.f.kind")} options=${kinds} value=${values.kind} errors=${errors} />
      <${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} l=${l} />
      <${Field} name="text" label=${l.t("c.f.firstUpdate")} rows=${6} value=${values.text} errors=${errors} />
      ${preview === null ? null : html`<section class="preview" aria-label=${l.t("c.preview")}><h2>${l.t("c.preview")}</h2><div class="prose" dangerouslySetInnerHTML=${{ __html: preview || `<p>${l.t("c.empty")}</p>` }}></div></section>`}
      <div class="actions">
        <button type="submit" name="intent" value="create">${l.t("c.openIncident")}</button>
        <button type="submit" name="intent" value="preview" class="secondary">${l.t("c.preview")}</button>
      </div>
    </form>`;
}

function Timeline({
  incident,
  csrf,
  tz,
  l,
}: {
  incident: IncidentView;
  csrf: string;
  tz: string;
  l: Locale;
}): VNode {
  if (incident.timeline.length === 0) return html`<p>${l.t("c.noUpdates")}</p>`;
  return html`<ol class="timeline console-timeline" reversed>
    ${[...incident.timeline].reverse().map(
      (u) => html`<li>
        <h3 lang=${l.written}>${u.title}</h3>
        <p class="meta"><${Time} iso=${u.createdAt} tz=${tz} l=${l} /></p>
        <div class="prose" lang=${l.written} dangerouslySetInnerHTML=${{ __html: u.html }}></div>
        <p class="row-actions">
          <a href=${`/admin/incidents/${incident.id}/updates/${u.order}`}>${l.t("c.editUpdate", { n: u.order })}</a>
          <${PostButton} action=${`/admin/incidents/${incident.id}/updates/${u.order}/delete`} csrf=${csrf} label=${l.t("c.deleteUpdate", { n: u.order })} danger=${true} />
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
  l: Locale;
}): VNode {
  const { incident, catalogue, values, errors, csrf, l } = props;
  const resolved = incident.ended;
  const m = incident.maintenance;
  const time = (iso: string) => html`<${Time} iso=${iso} tz=${props.tz} l=${l} />`;
  return html`
    <p class="meta">
      ${m ? l.t("c.kindMaintenance") : l.t("c.kindIncident")} · ${phaseLabel(l, { name: incident.phaseName, status: incident.status })} ·
      ${rich(l, incident.begun ? "c.began" : "c.starts", { time: time(incident.beganAt) })}
      ${incident.endedAt ? html` · ${rich(l, incident.ended ? "c.ended" : "c.ends", { time: time(incident.endedAt) })}` : null}
    </p>
    <p class="row-actions">
      <a href=${props.publicUrl}>${m ? l.t("c.publicOfMaintenance") : l.t("c.publicOfIncident")}</a>
      <a href=${`/admin/incidents/${incident.id}/edit`}>${m ? l.t("c.editMaintenance") : l.t("c.editIncident")}</a>
    </p>
    <h2 id="post">${l.t("c.postUpdate")}</h2>
    <${ErrorSummary} errors=${errors} l=${l} />
    <form method="post" action=${`/admin/incidents/${incident.id}/updates`} novalidate>
      <${Csrf} token=${csrf} />
      <${Field} name="status" label=${l.t("c.f.status")} options=${statusOptions(l, catalogue, incident.maintenance)} value=${values.status} errors=${errors} />
      <${Field} name="title" label=${l.t("c.f.updateTitle")} value=${values.title} errors=${errors} hint=${l.t("c.f.updateTitleHint")} />
      <${Field} name="text" label=${l.t("c.f.text")} rows=${5} value=${values.text} errors=${errors} />
      ${m ? null : html`<${ImpactFields} catalogue=${catalogue} values=${values.impacts} errors=${errors} l=${l} />`}
      <p class="field"><label><input type="checkbox" name="quiet" value="1" /> ${l.t("c.quiet")}</label></p>
      <div class="actions">
        <button type="submit" name="intent" value="post">${l.t("c.post")}</button>
        ${resolved ? null : html`<button type="submit" name="intent" value="resolve" class="secondary">${l.t("c.postResolve")}</button>`}
      </div>
    </form>
    <h2>${l.t("c.timeline")}</h2>
    <${Timeline} incident=${incident} csrf=${csrf} tz=${props.tz} l=${l} />
    <h2>${l.t("c.delete")}</h2>
    <p>${m ? l.t("c.deleteMaintenanceText") : l.t("c.deleteIncidentText")}</p>
    <${PostButton} action=${`/admin/incidents/${incident.id}/delete`} csrf=${csrf} label=${l.t("c.deleteForGood")} danger=${true} />`;
}

export function Dashboard({ model, tz, l }: { model: DashboardModel; tz: string; l: Locale }): VNode {
  const age = (since: string) => l.duration(Date.parse(model.now) - Date.parse(since));
  return html`
    ${
      model.usageWarnings.length > 0
        ? html`<section class="error-summary" aria-labelledby="usage-warning"><h2 id="usage-warning">${l.t("c.nearLimits", { plan: model.plan })}</h2><ul>${model.usageWarnings.map(
            (u) =>
              html`<li>${l.t("c.usageLine", { label: u.label, value: u.value, limit: u.limit, percent: u.percent })}</li>`,
          )}</ul><p><a href="/admin/settings">${l.t("c.usage")}</a></p></section>`
        : null
    }
    <section aria-label=${l.t("c.asVisitorsSee")}><${Banner} indicator=${model.indicator} l=${l} /></section>
    <p class="actions"><a class="button" href="/admin/incidents/new">${l.t("c.openAnIncident")}</a> <a class="button secondary" href="/admin/maintenance">${l.t("c.scheduleMaintenance")}</a></p>
    ${
      model.templates.length > 0
        ? html`<nav aria-label=${l.t("c.openFromTemplate")} class="templates"><span>${l.t("c.fromATemplate")}</span> <ul class="inline-list">${model.templates.map(
            (t) => html`<li><a href=${`/admin/incidents/new?template=${t.id}`}>${t.name}</a></li>`,
          )}</ul></nav>`
        : null
    }
    <h2>${l.t("c.openIncidents")}</h2>
    ${
      model.incidents.length === 0
        ? html`<p>${l.t("c.noOpenIncidents")}</p>`
        : html`<ul class="rows">${model.incidents.map(
            (i) =>
              html`<li><a href=${`/admin/incidents/${i.id}`}>${i.name}</a> <span class="tag">${phaseWord(l, i.status)}</span> <span class="meta">${l.t("c.openFor", { duration: age(i.beganAt) })}</span></li>`,
          )}</ul>`
    }
    <h2>${l.t("c.nav.maintenance")}</h2>
    ${
      model.maintenance.length === 0
        ? html`<p>${l.t("c.noMaintenance")}</p>`
        : html`<ul class="rows">${model.maintenance.map(
            (m) =>
              html`<li><a href=${`/admin/incidents/${m.id}`}>${m.name}</a> <span class="tag">${phaseWord(l, m.status)}</span> <span class="meta"><${Time} iso=${m.beganAt} tz=${tz} l=${l} />${m.endedAt ? html` – <${Time} iso=${m.endedAt} tz=${tz} l=${l} />` : null}</span></li>`,
          )}</ul>`
    }
    <h2>${l.t("c.failingMonitors")}</h2>
    ${
      model.failingMonitors.length === 0
        ? html`<p>${l.t("c.allMonitorsPass")}</p>`
        : html`<ul class="rows">${model.failingMonitors.map(
            (m) =>
              html`<li><a href=${`/admin/monitors/${m.id}`}>${m.name}</a> <span class="tag">${health(l, m.status)}</span> ${m.reason ? html`<span class="meta">${m.reason}</span>` : null}</li>`,
          )}</ul>`
    }
    <h2>${l.t("c.troubledWebhooks")}</h2>
    ${
      model.troubledWebhooks.length === 0
        ? html`<p>${l.t("c.allWebhooksDeliver")}</p>`
        : html`<ul class="rows">${model.troubledWebhooks.map(
            (w) =>
              html`<li><a href=${`/admin/webhooks/${w.id}`}>${w.url}</a> <span class="meta">${w.reason}</span></li>`,
          )}</ul>`
    }`;
}
