// Reads public/_headers into the assets config Miniflare expects, as
// `wrangler dev` does, so that static files carry the same headers locally.
import { readFile } from "node:fs/promises";

/** @param {string} file */
export async function readHeadersFile(file) {
  /** @type {Record<string, { set: Record<string, string> }>} */
  const rules = {};
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  /** @type {Record<string, string> | null} */
  let current = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      current = {};
      rules[line.trim()] = { set: current };
      continue;
    }
    const colon = line.indexOf(":");
    if (current && colon > 0) current[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { version: /** @type {const} */ (2), rules };
}
