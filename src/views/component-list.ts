import type { ComponentEntry } from "../pages/home";
import { DayStrip } from "./day-strip";
import { html, type VNode } from "./html";
import { StatusBadge } from "./status-badge";

type ListProps = { components: ComponentEntry[]; link: (id: string) => string };

function Row({ c, link }: { c: ComponentEntry; link: (id: string) => string }): VNode {
  return html`<li class="component">
    <div class="component-head">
      <h3><a href=${link(c.id)}>${c.name}</a></h3>
      <${StatusBadge} status=${c.status} />
    </div>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}
    <${DayStrip} name=${c.name} cellsHtml=${c.cellsHtml} uptime=${c.uptime} />
  </li>`;
}

function Group({ c, link }: { c: ComponentEntry; link: (id: string) => string }): VNode {
  return html`<li class="group">
    <div class="component-head group-head">
      <h3><a href=${link(c.id)}>${c.name}</a></h3>
      <${StatusBadge} status=${c.status} />
    </div>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}
    <ul class="components">
      ${c.children.map((child) => html`<${Row} c=${child} link=${link} />`)}
    </ul>
  </li>`;
}

export function ComponentList({ components, link }: ListProps): VNode {
  return html`<ul class="components">
    ${components.map((c) => (c.children.length ? html`<${Group} c=${c} link=${link} />` : html`<${Row} c=${c} link=${link} />`))}
  </ul>`;
}
