import type { ComponentStatus } from "../domain/severity";
import type { Locale } from "../i18n/locale";
import { statusLabel } from "../i18n/words";
import { html, type VNode } from "./html";
import { Icon, type IconName } from "./icons";

export const STATUS_ICON: Record<ComponentStatus, IconName> = {
  operational: "ok",
  degraded_performance: "minor",
  partial_outage: "partial",
  major_outage: "major",
  under_maintenance: "maintenance",
};

export function StatusBadge({ status, l }: { status: ComponentStatus; l: Locale }): VNode {
  return html`<span class=${`status s-${STATUS_ICON[status]}`}><${Icon} name=${STATUS_ICON[status]} />${statusLabel(l, status)}</span>`;
}
