import type { Indicator } from "../domain/status";
import { html, type VNode } from "./html";
import { Icon, type IconName } from "./icons";

const ICON: Record<Indicator, IconName> = {
  none: "ok",
  minor: "minor",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export function Banner({ indicator, description }: { indicator: Indicator; description: string }): VNode {
  return html`<section class=${`banner b-${ICON[indicator]}`} aria-labelledby="overall">
    <h1 id="overall"><${Icon} name=${ICON[indicator]} /><span>${description}</span></h1>
  </section>`;
}
