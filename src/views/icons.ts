import { html, type VNode } from "./html";

export type IconName = "ok" | "minor" | "partial" | "major" | "maintenance" | "nodata";

/** Symbols defined once per page; status is never shown by colour alone. */
export function IconSprite(): VNode {
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="sprite" aria-hidden="true" focusable="false">
    <symbol id="i-ok" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" /><path d="M4.5 8.5l2.2 2.2 4.8-5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /></symbol>
    <symbol id="i-minor" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" /><path d="M8 4v5" stroke="#fff" stroke-width="2" stroke-linecap="round" /><circle cx="8" cy="12" r="1.2" fill="#fff" /></symbol>
    <symbol id="i-partial" viewBox="0 0 16 16"><path d="M8 .5l7.5 14H.5z" /><path d="M8 5.5v4.5" stroke="#fff" stroke-width="2" stroke-linecap="round" /><circle cx="8" cy="12.4" r="1.1" fill="#fff" /></symbol>
    <symbol id="i-major" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" /><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2" stroke-linecap="round" /></symbol>
    <symbol id="i-maintenance" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" /><path d="M5 11l4-4M9.5 4.5a2.2 2.2 0 103 3" fill="none" stroke="#fff" stroke-width="1.8" stroke-linecap="round" /></symbol>
    <symbol id="i-nodata" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2" /></symbol>
  </svg>`;
}

export function Icon({ name }: { name: IconName }): VNode {
  return html`<svg class="icon" aria-hidden="true" focusable="false"><use href=${`#i-${name}`} /></svg>`;
}
