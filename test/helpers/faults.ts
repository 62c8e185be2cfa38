/**
 * Wrappers around the DB and KV bindings that count calls and fail on the Nth
 * one (or on every one), for fault-injection tests.
 */
export type FaultPlan = { failOn?: number | "all"; onCall?: (n: number, what: string) => void };

export class InjectedFault extends Error {
  constructor(what: string) {
    super(`injected fault: ${what}`);
  }
}

export type Counter = { calls: number; log: string[]; rowsWritten: number };

function addRows(counter: Counter, result: unknown): void {
  const meta = (result as { meta?: { rows_written?: number } } | null)?.meta;
  counter.rowsWritten += meta?.rows_written ?? 0;
}

function statementProxy(
  stmt: D1PreparedStatement,
  hit: (what: string) => void,
  counter: Counter,
): D1PreparedStatement {
  return new Proxy(stmt, {
    get(target, prop, receiver) {
      if (prop === "bind") {
        return (...args: unknown[]) => statementProxy(target.bind(...args), hit, counter);
      }
      if (prop === "first" || prop === "all" || prop === "run" || prop === "raw") {
        return async (...args: unknown[]) => {
          hit(String(prop));
          const result = await (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
          addRows(counter, result);
          return result;
        };
      }
      if (prop === "__inner") return target;
      return Reflect.get(target, prop, receiver);
    },
  });
}

function unwrap(stmt: D1PreparedStatement): D1PreparedStatement {
  return ((stmt as unknown as { __inner?: D1PreparedStatement }).__inner ?? stmt) as D1PreparedStatement;
}

/** A D1 binding that counts queries (a batch counts once) and fails as planned. */
export function faultyD1(db: D1Database, plan: FaultPlan = {}): { db: D1Database; counter: Counter } {
  const counter: Counter = { calls: 0, log: [], rowsWritten: 0 };
  const hit = (what: string) => {
    counter.calls += 1;
    counter.log.push(what);
    plan.onCall?.(counter.calls, what);
    if (plan.failOn === "all" || plan.failOn === counter.calls)
      throw new InjectedFault(`D1 ${what} #${counter.calls}`);
  };
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "prepare") return (sql: string) => statementProxy(target.prepare(sql), hit, counter);
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          hit("batch");
          const results = await target.batch(statements.map(unwrap));
          for (const r of results) addRows(counter, r);
          return results;
        };
      }
      if (prop === "exec") {
        return async (sql: string) => {
          hit("exec");
          return target.exec(sql);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: proxy, counter };
}

/** A KV binding that counts operations and fails as planned. */
export function faultyKV(kv: KVNamespace, plan: FaultPlan = {}): { kv: KVNamespace; counter: Counter } {
  const counter: Counter = { calls: 0, log: [], rowsWritten: 0 };
  const proxy = new Proxy(kv, {
    get(target, prop, receiver) {
      if (
        prop === "get" ||
        prop === "put" ||
        prop === "delete" ||
        prop === "list" ||
        prop === "getWithMetadata"
      ) {
        return async (...args: unknown[]) => {
          counter.calls += 1;
          counter.log.push(String(prop));
          plan.onCall?.(counter.calls, String(prop));
          if (plan.failOn === "all" || plan.failOn === counter.calls)
            throw new InjectedFault(`KV ${String(prop)}`);
          return (target[prop] as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { kv: proxy, counter };
}
