import { Hono } from "hono";
import { getPhaseList, insertPhaseList } from "../../db/phases";
import { phaseStatuses } from "../../domain/phase-status";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readQueryOf } from "../../http/operation";
import { notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";

/** Phase lists are append-only: POST adds a generation, nothing edits or deletes one. */
export const phases = new Hono<AppEnv>()
  .get("/", documented(OPS.getPhaseList), async (c) => {
    const { generation } = readQueryOf(c, OPS.getPhaseList);
    const list = await getPhaseList(c.env.DB, generation);
    if (!list) throw notFound(`Phase list generation ${generation}`);
    return c.json({ data: { ...list, statuses: phaseStatuses(list.phases) } });
  })
  .post("/", documented(OPS.createPhaseList), async (c) => {
    const input = await readBody(c, OPS.createPhaseList);
    const [first] = await commit(c, insertPhaseList(c.env.DB, input.phases), {
      action: "phases.create",
      resourceId: null,
    });
    const generation = (first?.results?.[0] as { generation: number } | undefined)?.generation ?? 0;
    return c.json({ generation }, 201);
  });
