// Applies pending migrations from migrations/ and records them in the same
// `d1_migrations` table that `wrangler d1 migrations apply` uses.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { unstable_splitSqlQuery } from "wrangler";

/**
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string} dir
 * @returns {Promise<string[]>} names of the migrations applied now
 */
export async function applyMigrations(db, dir) {
  await db
    .prepare(
      `CREATE TABLE IF NOT EXISTS d1_migrations (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         name TEXT UNIQUE,
         applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    )
    .run();
  const done = new Set(
    (await db.prepare("SELECT name FROM d1_migrations").all()).results.map((/** @type {any} */ r) =>
      String(r.name),
    ),
  );
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = await readFile(path.join(dir, file), "utf8");
    const statements = unstable_splitSqlQuery(sql).map((q) => db.prepare(q));
    // One batch: a migration lands whole or not at all.
    await db.batch([...statements, db.prepare("INSERT INTO d1_migrations (name) VALUES (?1)").bind(file)]);
    applied.push(file);
  }
  return applied;
}
