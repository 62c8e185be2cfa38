// Bundles the Worker the way wrangler does: one ES module, workerd conditions,
// with the runtime's own modules left external.
import path from "node:path";
import { build } from "esbuild";
import { ROOT } from "./config.mjs";

/** @param {string} outDir @returns {Promise<string>} the bundle's path */
export async function bundleWorker(outDir) {
  const outfile = path.join(outDir, "worker.mjs");
  await build({
    entryPoints: [path.join(ROOT, "src", "index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    minify: false,
    sourcemap: "linked",
    logLevel: "warning",
  });
  return outfile;
}
