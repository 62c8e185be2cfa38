// The bootstrap admin token of a local install: from ADMIN_TOKEN, or generated
// once and kept in DATA_DIR so that restarts keep working with the same token.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * @param {string} dataDir
 * @param {string} fromEnv
 * @returns {Promise<{ token: string, generated: boolean, file: string | null }>}
 */
export async function resolveAdminToken(dataDir, fromEnv) {
  if (fromEnv) return { token: fromEnv, generated: false, file: null };
  const file = path.join(dataDir, "admin-token");
  try {
    const token = (await readFile(file, "utf8")).trim();
    if (token) return { token, generated: false, file };
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== "ENOENT") throw err;
  }
  const token = `bcn_${randomBytes(24).toString("base64url")}`;
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  return { token, generated: true, file };
}
