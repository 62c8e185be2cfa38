// Starts `npm start`'s script as a child process and waits until it listens.
// Used by the benchmarks, the load test and the Node-side tests.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./config.mjs";

/**
 * @param {Record<string, string>} env overrides, e.g. DATA_DIR, ADMIN_TOKEN
 * @returns {Promise<{ url: string, output: () => string, waitFor: (text: string, timeoutMs?: number) => Promise<void>, stop: (signal?: NodeJS.Signals) => Promise<number | null>, child: import("node:child_process").ChildProcess }>}
 */
export async function startRunner(env) {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
    cwd: ROOT,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      PORT: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  /** @type {Promise<number | null>} */
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runner did not start:\n${out}`)), 60_000);
    const check = () => {
      const m = out.match(/Beacon is listening on (http:\/\/\S+)/);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", check);
    void exited.then((code) => reject(new Error(`runner exited with ${code}:\n${out}`)));
  });
  return {
    url: /** @type {string} */ (url),
    child,
    output: () => out,
    waitFor: async (text, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!out.includes(text)) {
        if (Date.now() > deadline) throw new Error(`runner never printed ${JSON.stringify(text)}:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: async (signal = "SIGTERM") => {
      child.kill(signal);
      return exited;
    },
  };
}
