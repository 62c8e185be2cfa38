// Demo data for a new local state. It is added only when D1 holds no data of
// its own yet, so starting twice on the same DATA_DIR adds nothing twice.

/**
 * @param {URL} baseUrl where the Worker listens
 * @param {Awaited<ReturnType<import("miniflare").Miniflare["getD1Database"]>>} db
 * @param {string} adminToken
 * @returns {Promise<boolean>} whether anything was added
 */
export async function seedDemo(baseUrl, db, adminToken) {
  void baseUrl;
  void db;
  void adminToken;
  return false;
}
