import type { HomeModel } from "../models/home";
import { Banner } from "./banner";
import { ComponentList } from "./component-list";
import type { StripRenderer } from "./day-strip";
import { html, type VNode } from "./html";
import { IncidentCard, MaintenanceCard } from "./incident-card";
import { Notices } from "./notice";
import { Time } from "./time";

export type HomePageProps = {
  model: HomeModel;
  tz: string;
  link: (path: string) => string;
  renderer?: StripRenderer;
};

export function HomePage({ model, tz, link, renderer }: HomePageProps): VNode {
  return html`<div class="home">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${model.checksDelayedSince} tz=${tz} />
    <${Banner} indicator=${model.indicator} />
    ${
      model.incidents.length
        ? html`<section aria-labelledby="active-incidents">
          <h2 id="active-incidents">Active incidents</h2>
          ${model.incidents.map((i) => html`<${IncidentCard} incident=${i} tz=${tz} link=${link(`/incidents/${i.id}`)} />`)}
        </section>`
        : null
    }
    ${
      model.maintenance.length
        ? html`<section aria-labelledby="maintenance">
          <h2 id="maintenance">Maintenance</h2>
          ${model.maintenance.map((m) => html`<${MaintenanceCard} maintenance=${m} tz=${tz} link=${link(`/incidents/${m.id}`)} />`)}
        </section>`
        : null
    }
    <section aria-labelledby="components">
      <h2 id="components">Components</h2>
      ${
        model.components.length
          ? html`<${ComponentList} components=${model.components} link=${(id: string) => link(`/components/${id}`)} renderer=${renderer} />`
          : html`<p>No components are listed yet.</p>`
      }
    </section>
    <p class="updated">Last updated <${Time} iso=${model.updatedAt} tz=${tz} /></p>
  </div>`;
}
