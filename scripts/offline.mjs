#!/usr/bin/env node
// Runs a command with wrangler kept offline: no metrics, no Request.cf fetch,
// no banner. Every npm script goes through here, so the three settings live
// in one place. Signals are passed on, and the command's exit code is ours.
import { spawn } from "node:child_process";

export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
};

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/offline.mjs <command> [args...]");
  process.exit(2);
}
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...OFFLINE_ENV } });
for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (err) => {
  console.error(`${command}: ${err.message}`);
  process.exit(127);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
