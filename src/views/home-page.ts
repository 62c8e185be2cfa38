import type { Locale } from "../i18n/locale";
import type { HomeModel } from "../models/home";
import { Banner } from "./banner";
import { ComponentList } from "./component-list";
import type { StripRenderer } from "./day-strip";
import { html, type VNode } from "./html";
import { IncidentCard, MaintenanceCard } from "./incident-card";
import { Notices } from "./notice";
import { Time } from "./time";
import { rich } from "./words";

export type HomePageProps = {
  model: HomeModel;
  tz: string;
  link: (path: string) => string;
  renderer?: StripRenderer;
  l: Locale;
};

export function HomePage({ model, tz, link, renderer, l }: HomePageProps): VNode {
  return html`<div class="home">
    <${Notices} dataAsOf=${model.dataAsOf} checksDelayedSince=${model.checksDelayedSince} tz=${tz} l=${l} />
    <${Banner} indicator=${model.indicator} l=${l} />
    ${
      model.incidents.length
        ? html`<section aria-labelledby="active-incidents">
          <h2 id="active-incidents">${l.t("home.active")}</h2>
          ${model.incidents.map((i) => html`<${IncidentCard} incident=${i} tz=${tz} l=${l} link=${link(`/incidents/${i.id}`)} />`)}
        </section>`
        : null
    }
    ${
      model.maintenance.length
        ? html`<section aria-labelledby="maintenance">
          <h2 id="maintenance">${l.t("home.maintenance")}</h2>
          ${model.maintenance.map((m) => html`<${MaintenanceCard} maintenance=${m} tz=${tz} l=${l} link=${link(`/incidents/${m.id}`)} />`)}
        </section>`
        : null
    }
    <section aria-labelledby="components">
      <h2 id="components">${l.t("home.components")}</h2>
      ${
        model.components.length
          ? html`<${ComponentList} components=${model.components} link=${(id: string) => link(`/components/${id}`)} renderer=${renderer} l=${l} />`
          : html`<p>${l.t("home.noComponents")}</p>`
      }
    </section>
    <p class="updated">${rich(l, "home.updated", { time: html`<${Time} iso=${model.updatedAt} tz=${tz} l=${l} />` })}</p>
  </div>`;
}
