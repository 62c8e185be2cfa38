import { html, type VNode } from "./html";

export type IconName = "ok" | "minor" | "partial" | "major" | "maintenance" | "nodata";

/** Symbols defined once per page; status is never shown by colour alone. */
export function IconSprite(): VNode {
  // Shapes take the icon's colour (fill); marks inherit `stroke` from .icon, so a
  // stylesheet can recolour them without inline styles (the CSP forbids those).
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="sprite" aria-hidden="true" focusable="false">
    <symbol id="i-ok" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" stroke="none" /><path d="M4.5 8.5l2.2 2.2 4.8-5" fill="none" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" /></symbol>
    <symbol id="i-minor" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" stroke="none" /><path d="M8 4v5M8 12v.01" fill="none" stroke-width="2.2" stroke-linecap="round" /></symbol>
    <symbol id="i-partial" viewBox="0 0 16 16"><path d="M8 .5l7.5 14H.5z" stroke="none" /><path d="M8 5.5v4.5M8 12.6v.01" fill="none" stroke-width="2" stroke-linecap="round" /></symbol>
    <symbol id="i-major" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" stroke="none" /><path d="M5 5l6 6M11 5l-6 6" fill="none" stroke-width="2" stroke-linecap="round" /></symbol>
    <symbol id="i-maintenance" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8" stroke="none" /><path d="M5 11l4-4M9.5 4.5a2.2 2.2 0 103 3" fill="none" stroke-width="1.8" stroke-linecap="round" /></symbol>
    <symbol id="i-nodata" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2" /></symbol>
  </svg>`;
}

export function Icon({ name }: { name: IconName }): VNode {
  return html`<svg class="icon" aria-hidden="true"><use href=${`#i-${name}`} /></svg>`;
}
