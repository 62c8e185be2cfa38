import { env } from "cloudflare:workers";
import { insertMonitor } from "../../src/db/monitors";
import type { Monitor } from "../../src/domain/monitor";
import type { ProbeDeps } from "../../src/probes/run";
import { monitor } from "./monitors";

/** Inserts `count` HTTP monitors straight into D1 (the API would also work, just slower). */
export async function insertFleet(
  count: number,
  url: string,
  extra: Partial<Monitor> = {},
): Promise<Monitor[]> {
  const fleet = Array.from({ length: count }, (_, n) =>
    monitor(
      "http",
      { url: `${url}?n=${n}`, method: "GET", timeoutMs: 10_000 },
      { displayName: `Fleet ${n}`, ...extra },
    ),
  );
  await env.DB.batch(fleet.map((m) => insertMonitor(env.DB, m)));
  return fleet;
}

/** A healthy upstream without a network: every check answers 200 at once. */
export function healthyDeps(clock: () => number = () => Date.now()): ProbeDeps {
  return {
    fetch: async () => new Response("ok", { status: 200 }),
    connect: () => {
      throw new Error("no TCP in this fleet");
    },
    now: clock,
  };
}
