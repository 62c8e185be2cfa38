import type { Locale } from "../i18n/locale";
import type { ComponentEntry } from "../models/home";
import { DayStrip, type StripRenderer } from "./day-strip";
import { html, type VNode } from "./html";
import { StatusBadge } from "./status-badge";

type Link = (id: string) => string;
type RowProps = { c: ComponentEntry; link: Link; renderer?: StripRenderer; l: Locale };

function Head({ c, link, l }: RowProps): VNode {
  return html`<h3 class=${c.children.length ? "component-head group-head" : "component-head"}>
      <a href=${link(c.id)}>${c.name}</a> <${StatusBadge} status=${c.status} l=${l} />
    </h3>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}`;
}

function Row({ c, link, renderer, l }: RowProps): VNode {
  return html`<li class="component">
    <${Head} c=${c} link=${link} l=${l} />
    ${c.strip ? html`<${DayStrip} name=${c.name} finished=${c.strip.finished} today=${c.strip.today} uptime=${c.uptime} uptimeDays=${c.uptimeDays} tooltips="none" l=${l} renderer=${renderer ? { strips: renderer, slot: c.id } : undefined} />` : null}
  </li>`;
}

function Group({ c, link, renderer, l }: RowProps): VNode {
  return html`<li class="group">
    <${Head} c=${c} link=${link} l=${l} />
    <details class="members" open=${!c.collapsed}>
      <summary>${l.t("home.members", { count: c.children.length })}</summary>
      <ul class="components">${c.children.map((child) => html`<${Row} c=${child} link=${link} renderer=${renderer} l=${l} />`)}</ul>
    </details>
  </li>`;
}

export type ComponentListProps = {
  components: ComponentEntry[];
  link: Link;
  renderer?: StripRenderer;
  l: Locale;
};

export function ComponentList({ components, link, renderer, l }: ComponentListProps): VNode {
  return html`<ul class="components">${components.map((c) =>
    c.children.length
      ? html`<${Group} c=${c} link=${link} renderer=${renderer} l=${l} />`
      : html`<${Row} c=${c} link=${link} renderer=${renderer} l=${l} />`,
  )}</ul>`;
}
