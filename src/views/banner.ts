import type { Indicator } from "../domain/status";
import type { Locale } from "../i18n/locale";
import { indicatorLabel } from "../i18n/words";
import { html, type VNode } from "./html";
import { Icon, type IconName } from "./icons";

const ICON: Record<Indicator, IconName> = {
  none: "ok",
  minor: "minor",
  major: "partial",
  critical: "major",
  maintenance: "maintenance",
};

export function Banner({ indicator, l }: { indicator: Indicator; l: Locale }): VNode {
  return html`<section class=${`banner b-${ICON[indicator]}`} aria-labelledby="overall">
    <h1 id="overall"><${Icon} name=${ICON[indicator]} /><span>${indicatorLabel(l, indicator)}</span></h1>
  </section>`;
}
