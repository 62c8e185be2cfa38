import type { Locale } from "../../i18n/locale";
import { html, type VNode } from "../html";
import { Field, type FieldError } from "./chrome";

const ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/Helsinki",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
];

/** The zone the form's times are in: the page's zone first, then common ones. */
export function ZoneField({
  value,
  errors,
  l,
}: {
  value: string;
  errors: readonly FieldError[];
  l: Locale;
}): VNode {
  const zones = [...new Set([value, ...ZONES])];
  return html`<${Field}
    name="zone"
    label=${l.t("c.f.zone")}
    value=${value}
    errors=${errors}
    options=${zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
  />`;
}
