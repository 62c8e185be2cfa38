import type { ComponentStatus } from "../domain/severity";
import { html, type VNode } from "./html";
import { Icon, type IconName } from "./icons";
import { STATUS_LABEL } from "./words";

export const STATUS_ICON: Record<ComponentStatus, IconName> = {
  operational: "ok",
  degraded_performance: "minor",
  partial_outage: "partial",
  major_outage: "major",
  under_maintenance: "maintenance",
};

export function StatusBadge({ status }: { status: ComponentStatus }): VNode {
  return html`<span class=${`status s-${STATUS_ICON[status]}`}><${Icon} name=${STATUS_ICON[status]} />${STATUS_LABEL[status]}</span>`;
}
