// The impact types a fresh state holds, looked up by name through the API,
// so Node-side tools never copy their ids.
const NAMES = {
  performance: "Performance Degradation",
  connectivity: "Connectivity Problems",
  maintenance: "Maintenance",
  unknown: "Unknown",
};

/**
 * @param {string | URL} baseUrl where the Worker listens
 * @returns {Promise<Record<keyof typeof NAMES, string>>}
 */
export async function impactTypes(baseUrl) {
  const res = await fetch(new URL("/api/impacttypes", baseUrl));
  if (!res.ok) throw new Error(`GET /api/impacttypes → ${res.status}`);
  const { data } = /** @type {{ data: { id: string, displayName: string }[] }} */ (await res.json());
  /** @type {Record<string, string>} */
  const out = {};
  for (const [key, name] of Object.entries(NAMES)) {
    const found = data.find((t) => t.displayName === name);
    if (!found) throw new Error(`no impact type named "${name}"`);
    out[key] = found.id;
  }
  return /** @type {Record<keyof typeof NAMES, string>} */ (out);
}
