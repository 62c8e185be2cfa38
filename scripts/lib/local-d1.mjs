// Opens the local D1 database that `npm start` uses, without serving anything.
import path from "node:path";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT } from "./config.mjs";
import { applyMigrations } from "./migrate.mjs";

/** @param {string} dataDir */
export async function openLocalD1(dataDir) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(ROOT, "wrangler.toml"));
  const mf = new Miniflare({
    modules: true,
    script: "export default {}",
    compatibilityDate: workerOptions.compatibilityDate,
    d1Databases: workerOptions.d1Databases,
    d1Persist: path.join(dataDir, "v3", "d1"),
  });
  const db = await mf.getD1Database("DB");
  await applyMigrations(db, path.join(ROOT, "migrations"));
  return { db, close: () => mf.dispose() };
}
