/**
 * The one place that binds htm to Preact. Views import `html` from here and
 * never build markup by string concatenation, so every interpolation is escaped.
 */
import { html } from "htm/preact";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

export type { VNode };
export { html };

export function render(node: VNode): string {
  return renderToString(node);
}
