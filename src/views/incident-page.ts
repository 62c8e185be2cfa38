import type { Locale } from "../i18n/locale";
import { impactLabel, phaseLabel, statusLabel } from "../i18n/words";
import type { IncidentPageModel } from "../models/detail";
import { html, type VNode } from "./html";
import { Window } from "./incident-card";
import { Notices } from "./notice";
import { Time } from "./time";

type Props = { model: IncidentPageModel; tz: string; link: (path: string) => string; l: Locale };

function duration(model: IncidentPageModel, l: Locale): string {
  if (model.ongoing && model.status === "scheduled")
    return l.t("incident.planned", {
      duration: model.endedAt ? l.duration(Date.parse(model.endedAt) - Date.parse(model.beganAt)) : "",
    });
  const d = l.duration(model.durationMs);
  return model.ongoing ? l.t("incident.soFar", { duration: d }) : d;
}

export function IncidentPage({ model, tz, link, l }: Props): VNode {
  return html`<article class="incident" aria-labelledby="incident-title">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${null} tz=${tz} l=${l} />
    <p class="crumbs"><a href=${link("/history")}>${l.t("nav.history")}</a></p>
    <h1 id="incident-title" lang=${l.written}>${model.name}</h1>
    <dl class="facts">
      <dt>${l.t("incident.status")}</dt><dd>${phaseLabel(l, model.status)}</dd>
      <dt>${l.t("incident.impact")}</dt><dd>${impactLabel(l, model.impact)}</dd>
      ${
        model.maintenance
          ? html`<dt>${l.t("incident.window")}</dt><dd><${Window} from=${model.beganAt} to=${model.endedAt} tz=${tz} l=${l} /></dd>`
          : html`<dt>${l.t("incident.began")}</dt><dd><${Time} iso=${model.beganAt} tz=${tz} l=${l} /></dd>
            ${model.endedAt && !model.ongoing ? html`<dt>${l.t("incident.ended")}</dt><dd><${Time} iso=${model.endedAt} tz=${tz} l=${l} /></dd>` : null}`
      }
      <dt>${l.t("incident.duration")}</dt><dd>${duration(model, l)}</dd>
    </dl>
    ${model.descriptionHtml ? html`<div class="prose" lang=${l.written} dangerouslySetInnerHTML=${{ __html: model.descriptionHtml }}></div>` : null}
    <section aria-labelledby="affected-h">
      <h2 id="affected-h">${l.t("incident.affected")}</h2>
      ${
        model.affected.length
          ? html`<table class="affected-table">
            <thead><tr><th scope="col">${l.t("incident.component")}</th><th scope="col">${l.t("incident.impactType")}</th><th scope="col">${l.t("incident.effect")}</th></tr></thead>
            <tbody>
              ${model.affected.map(
                (a) =>
                  html`<tr><td><a href=${link(`/components/${a.id}`)}>${a.name}</a></td><td lang=${l.written}>${a.typeName}</td><td>${statusLabel(l, a.status)}</td></tr>`,
              )}
            </tbody>
          </table>`
          : html`<p>${l.t("incident.noneAffected")}</p>`
      }
    </section>
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">${l.t("incident.updates")}</h2>
      ${
        model.updates.length
          ? html`<ol class="timeline">
            ${model.updates.map(
              (u) => html`<li>
                <h3 lang=${l.written}>${u.title}</h3>
                <p class="meta"><${Time} iso=${u.createdAt} tz=${tz} l=${l} /></p>
                <div class="prose" lang=${l.written} dangerouslySetInnerHTML=${{ __html: u.html }}></div>
              </li>`,
            )}
          </ol>`
          : html`<p>${l.t("incident.noUpdates")}</p>`
      }
    </section>
  </article>`;
}
