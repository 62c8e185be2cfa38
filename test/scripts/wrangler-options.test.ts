import path from "node:path";
import { describe, expect, it } from "vitest";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * `npm start` reads wrangler.toml through wrangler's unstable API. Its shape
 * is not promised: this fails loudly, naming what moved, if an upgrade
 * changes what the runner relies on.
 */
describe("wrangler's unstable_getMiniflareWorkerOptions, as npm start uses it", () => {
  it("still yields the vars, D1, KV, assets and compatibility date from wrangler.toml", () => {
    const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml"));
    expect(workerOptions.bindings).toMatchObject({ PAGE_NAME: "Beacon", ALLOW_PRIVATE_TARGETS: "false" });
    expect(JSON.stringify(workerOptions.d1Databases)).toContain("DB");
    expect(JSON.stringify(workerOptions.kvNamespaces)).toContain("SNAPSHOTS");
    expect(workerOptions.assets?.directory).toBe(path.join(ROOT, "public"));
    expect(workerOptions.compatibilityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
