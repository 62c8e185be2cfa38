import type { ComponentEntry } from "../models/home";
import { DayStrip, type StripRenderer } from "./day-strip";
import { html, type VNode } from "./html";
import { StatusBadge } from "./status-badge";

type Link = (id: string) => string;
type RowProps = { c: ComponentEntry; link: Link; renderer?: StripRenderer };

function Head({ c, link }: RowProps): VNode {
  return html`<h3 class=${c.children.length ? "component-head group-head" : "component-head"}>
      <a href=${link(c.id)}>${c.name}</a> <${StatusBadge} status=${c.status} />
    </h3>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}`;
}

function Row({ c, link, renderer }: RowProps): VNode {
  return html`<li class="component">
    <${Head} c=${c} link=${link} />
    ${c.strip ? html`<${DayStrip} name=${c.name} finished=${c.strip.finished} today=${c.strip.today} uptime=${c.uptime} uptimeDays=${c.uptimeDays} renderer=${renderer ? { strips: renderer, slot: c.id } : undefined} />` : null}
  </li>`;
}

function Group({ c, link, renderer }: RowProps): VNode {
  return html`<li class="group">
    <${Head} c=${c} link=${link} />
    <ul class="components">${c.children.map((child) => html`<${Row} c=${child} link=${link} renderer=${renderer} />`)}</ul>
  </li>`;
}

export type ComponentListProps = { components: ComponentEntry[]; link: Link; renderer?: StripRenderer };

export function ComponentList({ components, link, renderer }: ComponentListProps): VNode {
  return html`<ul class="components">${components.map((c) =>
    c.children.length
      ? html`<${Group} c=${c} link=${link} renderer=${renderer} />`
      : html`<${Row} c=${c} link=${link} renderer=${renderer} />`,
  )}</ul>`;
}
