// Settings of the local runner, from the environment, with the README's defaults.
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** @param {NodeJS.ProcessEnv} env */
export function runnerConfig(env) {
  const port = port0to65535("PORT", env.PORT ?? "8787");
  return {
    dataDir: path.resolve(env.DATA_DIR || path.join(ROOT, ".data")),
    host: env.HOST || "127.0.0.1",
    port,
    seedDemo: env.SEED_DEMO !== "0",
    adminToken: env.ADMIN_TOKEN || tokenFromFile(env.ADMIN_TOKEN_FILE),
    cron: env.CRON !== "0",
    logRequests: env.LOG_REQUESTS === "1",
    // workerd's DevTools inspector (Chrome DevTools, CPU profiles); off unless set.
    inspectorPort: env.INSPECTOR_PORT ? port0to65535("INSPECTOR_PORT", env.INSPECTOR_PORT) : undefined,
    // The demo endpoints' port must stay the same across restarts: seeded monitors point at it.
    demoPort: env.DEMO_PORT !== undefined ? Number(env.DEMO_PORT) : port === 0 ? 0 : port + 1,
  };
}

/** @param {string} name @param {string} value */
function port0to65535(name, value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/**
 * The admin token from a mounted secret file (ADMIN_TOKEN_FILE), as container
 * runtimes provide secrets; "" when unset. A named file that cannot be read
 * stops the start, rather than silently generating another token.
 * @param {string | undefined} file
 */
function tokenFromFile(file) {
  if (!file) return "";
  const token = readFileSync(file, "utf8").trim();
  if (!token) throw new Error(`ADMIN_TOKEN_FILE ${file} is empty`);
  return token;
}
