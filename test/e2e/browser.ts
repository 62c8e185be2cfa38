import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** Debian's Chromium, headless, kept off the network beyond the page under test. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * axe-core's violations on the page as it stands, as "rule (impact): targets",
 * all of them or those of the given impacts. The page's CSP forbids script, so
 * the page's context must bypass CSP (`bypassCSP: true`).
 */
export async function axeViolations(page: Page, impacts?: readonly string[]): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => !impacts || impacts.includes(v.impact))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

export type AXNode = {
  nodeId: string;
  role?: { value?: string };
  name?: { value?: string };
  properties?: { name: string; value: { value?: unknown } }[];
  childIds?: string[];
};

/** Chromium's own accessibility tree of the page, as a screen reader is given it. */
export async function axTree(page: Page): Promise<AXNode[]> {
  const cdp = await page.context().newCDPSession(page);
  return ((await cdp.send("Accessibility.getFullAXTree")) as { nodes: AXNode[] }).nodes;
}

/** Whether the tree says the disclosure named `name` is expanded (undefined when it has no such node). */
export async function expanded(page: Page, name: string): Promise<unknown> {
  const node = (await axTree(page)).find(
    (n) => n.name?.value === name && n.properties?.some((p) => p.name === "expanded"),
  );
  return node?.properties?.find((p) => p.name === "expanded")?.value.value;
}

/** The day texts of the bar of component `name` in Chromium's own accessibility tree, or null when the tree has no such bar. */
export async function barInTree(page: Page, name: string): Promise<string[] | null> {
  const nodes = await axTree(page);
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const texts = (n: AXNode): string[] =>
    n.role?.value === "StaticText"
      ? [n.name?.value ?? ""]
      : (n.childIds ?? []).flatMap((id) => {
          const child = byId.get(id);
          return child ? texts(child) : [];
        });
  const bar = nodes.find(
    (n) => n.role?.value === "list" && n.name?.value === `Daily status of ${name}, last 90 days`,
  );
  return bar ? texts(bar) : null;
}
