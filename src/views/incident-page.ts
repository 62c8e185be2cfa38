import { formatDuration } from "../domain/time-text";
import type { IncidentPageModel } from "../models/detail";
import { html, type VNode } from "./html";
import { Notices } from "./notice";
import { Time } from "./time";
import { IMPACT_LABEL, INCIDENT_STATUS_LABEL, STATUS_LABEL } from "./words";

type Props = { model: IncidentPageModel; tz: string; link: (path: string) => string };

export function IncidentPage({ model, tz, link }: Props): VNode {
  return html`<article class="incident" aria-labelledby="incident-title">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${null} tz=${tz} />
    <p class="crumbs"><a href=${link("/history")}>History</a></p>
    <h1 id="incident-title">${model.name}</h1>
    <dl class="facts">
      <dt>Status</dt><dd>${INCIDENT_STATUS_LABEL[model.status]}</dd>
      <dt>Impact</dt><dd>${IMPACT_LABEL[model.impact]}</dd>
      ${
        model.maintenance
          ? html`<dt>Window</dt><dd><${Time} iso=${model.beganAt} tz=${tz} /> to ${model.endedAt ? html`<${Time} iso=${model.endedAt} tz=${tz} />` : "until further notice"}</dd>`
          : html`<dt>Began</dt><dd><${Time} iso=${model.beganAt} tz=${tz} /></dd>
            ${model.endedAt && !model.ongoing ? html`<dt>Ended</dt><dd><${Time} iso=${model.endedAt} tz=${tz} /></dd>` : null}`
      }
      <dt>Duration</dt><dd>${model.ongoing && model.status === "scheduled" ? `planned ${model.endedAt ? formatDuration(Date.parse(model.endedAt) - Date.parse(model.beganAt)) : ""}` : `${formatDuration(model.durationMs)}${model.ongoing ? " so far" : ""}`}</dd>
    </dl>
    ${model.descriptionHtml ? html`<div class="prose" dangerouslySetInnerHTML=${{ __html: model.descriptionHtml }}></div>` : null}
    <section aria-labelledby="affected-h">
      <h2 id="affected-h">Affected components</h2>
      ${
        model.affected.length
          ? html`<table class="affected-table">
            <thead><tr><th scope="col">Component</th><th scope="col">Impact type</th><th scope="col">Effect</th></tr></thead>
            <tbody>
              ${model.affected.map(
                (a) =>
                  html`<tr><td><a href=${link(`/components/${a.id}`)}>${a.name}</a></td><td>${a.typeName}</td><td>${STATUS_LABEL[a.status]}</td></tr>`,
              )}
            </tbody>
          </table>`
          : html`<p>No components are listed as affected.</p>`
      }
    </section>
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">Updates</h2>
      ${
        model.updates.length
          ? html`<ol class="timeline">
            ${model.updates.map(
              (u) => html`<li>
                <h3>${u.title}</h3>
                <p class="meta"><${Time} iso=${u.createdAt} tz=${tz} /></p>
                <div class="prose" dangerouslySetInnerHTML=${{ __html: u.html }}></div>
              </li>`,
            )}
          </ol>`
          : html`<p>No updates yet.</p>`
      }
    </section>
  </article>`;
}
