/**
 * README badges: accessible SVG (a title and an aria-label, escaped text) in
 * shields.io's flat and flat-square styles, and shields.io's endpoint JSON.
 */
import type { ComponentStatus } from "../domain/severity";
import type { Indicator } from "../domain/status";
import { xmlText } from "./xml-text";

export type BadgeStyle = "flat" | "flat-square";

export const STATUS_COLOR: Record<ComponentStatus, string> = {
  operational: "#2e7d32",
  degraded_performance: "#8a6500",
  partial_outage: "#b3470b",
  major_outage: "#c62828",
  under_maintenance: "#0b63c4",
};

export const INDICATOR_COLOR: Record<Indicator, string> = {
  none: STATUS_COLOR.operational,
  minor: STATUS_COLOR.degraded_performance,
  major: STATUS_COLOR.partial_outage,
  critical: STATUS_COLOR.major_outage,
  maintenance: STATUS_COLOR.under_maintenance,
};

/** shields.io's named colours, for its endpoint JSON. */
export const STATUS_SHIELDS_COLOR: Record<ComponentStatus, string> = {
  operational: "brightgreen",
  degraded_performance: "yellow",
  partial_outage: "orange",
  major_outage: "red",
  under_maintenance: "blue",
};

export function uptimeColor(ratio: number | null): string {
  if (ratio === null) return "#6e7781";
  if (ratio >= 0.999) return "#2e7d32";
  if (ratio >= 0.99) return "#5b7f00";
  if (ratio >= 0.95) return "#8a6500";
  return "#c62828";
}

function escapeXml(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Verdana 11px is about 6.5px a character; wide letters get a little more. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[MWmw@%]/.test(ch) ? 9 : /[il.,:;|!' ]/.test(ch) ? 4 : 7;
  return w;
}

export function badgeSvg(label: string, message: string, color: string, style: BadgeStyle): string {
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const title = escapeXml(`${label}: ${message}`);
  const radius = style === "flat" ? 3 : 0;
  const gradient =
    style === "flat"
      ? `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`
      : "";
  const shine = style === "flat" ? `<rect width="${w}" height="20" fill="url(#s)"/>` : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}">` +
    `<title>${title}</title>${gradient}` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="${radius}" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${escapeXml(color)}"/>${shine}</g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">` +
    `<text x="${lw / 2}" y="14">${escapeXml(label)}</text><text x="${lw + mw / 2}" y="14">${escapeXml(message)}</text></g></svg>`
  );
}
