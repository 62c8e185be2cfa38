import { Hono } from "hono";
import { deleteSeverity, insertSeverity, listSeverities, updateSeverity } from "../../db/severities";
import { type Severity, severitySetProblem } from "../../domain/severity";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readParamOf } from "../../http/operation";
import { badField, notFound, Problem } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import type { Derived } from "../../snapshot/refresh";

/** New bands re-colour every day of history. */
const ALL_ROLLUPS: Derived = { rollups: { componentIds: null, from: 0, to: Number.MAX_SAFE_INTEGER } };

function checkSet(list: readonly Severity[], status = 400): void {
  const problem = severitySetProblem(list);
  if (problem) throw badField(problem.path, problem.message, status);
}

async function find(db: D1Database, key: string): Promise<{ all: Severity[]; found: Severity }> {
  const all = await listSeverities(db);
  const found = all.find((s) => s.displayName === key);
  if (!found) throw notFound(`Severity "${key}"`);
  return { all, found };
}

export const severities = new Hono<AppEnv>()
  .get("/", documented(OPS.getSeverities), async (c) => c.json({ data: await listSeverities(c.env.DB) }))
  .post("/", documented(OPS.createSeverity), async (c) => {
    const input = await readBody(c, OPS.createSeverity);
    const all = await listSeverities(c.env.DB);
    if (all.some((s) => s.displayName === input.displayName)) {
      throw badField("displayName", `a severity named "${input.displayName}" exists`, 409);
    }
    checkSet([...all, input]);
    await commit(
      c,
      [insertSeverity(c.env.DB, input)],
      { action: "severity.create", resourceId: input.displayName },
      ALL_ROLLUPS,
    );
    // The SCS spec answers a created severity with 204.
    return c.body(null, 204);
  })
  .get("/:severityName", documented(OPS.getSeverity), async (c) => {
    const key = readParamOf(c, OPS.getSeverity, "severityName");
    const { found } = await find(c.env.DB, key);
    return c.json({ data: found });
  })
  .patch("/:severityName", documented(OPS.updateSeverity), async (c) => {
    const key = readParamOf(c, OPS.updateSeverity, "severityName");
    const patch = await readBody(c, OPS.updateSeverity);
    const { all, found } = await find(c.env.DB, key);
    const next: Severity = {
      displayName: patch.displayName ?? found.displayName,
      value: patch.value ?? found.value,
    };
    checkSet(all.map((s) => (s === found ? next : s)));
    await commit(
      c,
      [updateSeverity(c.env.DB, key, next)],
      { action: "severity.update", resourceId: key },
      ALL_ROLLUPS,
    );
    return c.body(null, 204);
  })
  .delete("/:severityName", documented(OPS.deleteSeverity), async (c) => {
    const key = readParamOf(c, OPS.deleteSeverity, "severityName");
    const { all, found } = await find(c.env.DB, key);
    if (found.value === 100) {
      throw new Problem(
        409,
        `Severity "${key}" has value 100, which must always exist; change another's value first`,
      );
    }
    checkSet(
      all.filter((s) => s !== found),
      409,
    );
    await commit(
      c,
      [deleteSeverity(c.env.DB, key)],
      { action: "severity.delete", resourceId: key },
      ALL_ROLLUPS,
    );
    return c.body(null, 204);
  });
