import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run";
import { freshMinutes, MINUTE } from "../helpers/ticks";

/** The database, counting round trips: a batch is one, like a single statement. */
function counting(db: D1Database): { db: D1Database; trips: string[] } {
  const trips: string[] = [];
  const statement = (s: D1PreparedStatement, sql: string): D1PreparedStatement =>
    new Proxy(s, {
      get(target, key) {
        if (key === "bind") return (...values: unknown[]) => statement(target.bind(...values), sql);
        const value = Reflect.get(target, key, target);
        if (typeof value !== "function") return value;
        if (key === "run" || key === "all" || key === "first" || key === "raw")
          return (...args: unknown[]) => {
            trips.push(sql.replace(/\s+/g, " ").slice(0, 60));
            return value.apply(target, args);
          };
        return value.bind(target);
      },
    });
  const wrapped = new Proxy(db, {
    get(target, key) {
      if (key === "prepare") return (sql: string) => statement(target.prepare(sql), sql);
      if (key === "batch")
        return (statements: D1PreparedStatement[]) => {
          trips.push(`batch of ${statements.length}`);
          return target.batch(statements);
        };
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: wrapped, trips };
}

describe("a cron run's cost", () => {
  it("takes at most 7 D1 round trips when nothing is due and nothing changed", async () => {
    const { db, trips } = counting(env.DB);
    const e = { ...env, DB: db, PROBE_QUEUE: undefined } as Env;
    const at = freshMinutes(3);
    await runTick(e, at);
    trips.length = 0;
    await runTick(e, at + MINUTE);
    // Plan (monitors and leases), claim, finish, maintenance due, statuses, snapshot bookkeeping, deliveries.
    expect(trips.length, trips.join("\n")).toBeLessThanOrEqual(7);
  });
});
