/**
 * The last migration in migrations/: the schema this code needs. A test keeps
 * it equal to the newest file there.
 */
export const REQUIRED_MIGRATION = "0016_add_session_language.sql";

/**
 * The applied migration, as recorded by `wrangler d1 migrations apply`, the
 * local runner and the test setup, which all share the `d1_migrations` table.
 */
export async function appliedMigration(db: D1Database): Promise<string | null> {
  const row = await db
    .prepare("SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1")
    .first<{ name: string }>();
  return row?.name ?? null;
}
