import type { ComponentEntry } from "../pages/home";
import { DayStrip } from "./day-strip";
import { html, render, type VNode } from "./html";
import { StatusBadge } from "./status-badge";

type Link = (id: string) => string;

function Row({ c, link }: { c: ComponentEntry; link: Link }): VNode {
  return html`<li class="component">
    <div class="component-head">
      <h3><a href=${link(c.id)}>${c.name}</a></h3>
      <${StatusBadge} status=${c.status} />
    </div>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}
    <${DayStrip} name=${c.name} cellsHtml=${c.cellsHtml} uptime=${c.uptime} />
  </li>`;
}

function Group({ c, link }: { c: ComponentEntry; link: Link }): VNode {
  return html`<li class="group">
    <div class="component-head group-head">
      <h3><a href=${link(c.id)}>${c.name}</a></h3>
      <${StatusBadge} status=${c.status} />
    </div>
    ${c.description ? html`<p class="component-description">${c.description}</p>` : null}
    <ul class="components" dangerouslySetInnerHTML=${{ __html: c.children.map((child) => rowHtml(child, link)).join("") }}></ul>
  </li>`;
}

/**
 * A row's markup changes only with its status, uptime or today's cell, so rows
 * are rendered once and reused: a page of 50 components then costs a few
 * string joins instead of hundreds of elements per view.
 */
const rows = new Map<string, string>();

function rowHtml(c: ComponentEntry, link: Link): string {
  const key = JSON.stringify([c.id, c.name, c.description, c.status, c.uptime, c.cellsHtml, link(c.id)]);
  let markup = rows.get(key);
  if (markup === undefined) {
    if (rows.size > 5000) rows.clear();
    markup = render(Row({ c, link }));
    rows.set(key, markup);
  }
  return markup;
}

export function ComponentList({ components, link }: { components: ComponentEntry[]; link: Link }): VNode {
  const items = components.map((c) => (c.children.length ? render(Group({ c, link })) : rowHtml(c, link)));
  return html`<ul class="components" dangerouslySetInnerHTML=${{ __html: items.join("") }}></ul>`;
}
