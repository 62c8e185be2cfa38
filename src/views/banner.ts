import type { Indicator } from "../domain/status";
import { html, type VNode } from "./html";
import { Icon, type IconName } from "./icons";
import { INDICATOR_LABEL } from "./words";

const ICON: Record<Indicator, IconName> = {
  none: "ok",
  minor: "minor",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export function Banner({ indicator }: { indicator: Indicator }): VNode {
  return html`<section class=${`banner b-${ICON[indicator]}`} aria-labelledby="overall">
    <h1 id="overall"><${Icon} name=${ICON[indicator]} /><span>${INDICATOR_LABEL[indicator]}</span></h1>
  </section>`;
}
