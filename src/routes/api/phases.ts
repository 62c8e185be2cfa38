import { Hono } from "hono";
import * as v from "valibot";
import { requireScope } from "../../auth/middleware";
import { getPhaseList, insertPhaseList } from "../../db/phases";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { readJson, readQuery } from "../../http/input";
import { notFound } from "../../http/problem";
import { queryInt } from "../../schemas/common";
import { PhaseListCreate } from "../../schemas/scs";

const PhaseQuery = v.object({ generation: v.optional(queryInt(0, 1_000_000)) });

/** Phase lists are append-only: POST adds a generation, nothing edits or deletes one. */
export const phases = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { generation } = readQuery(c, PhaseQuery);
    const list = await getPhaseList(c.env.DB, generation);
    if (!list) throw notFound(`Phase list generation ${generation}`);
    return c.json({ data: list });
  })
  .post("/", requireScope("admin"), async (c) => {
    const input = await readJson(c, PhaseListCreate);
    const [first] = await commit(c, insertPhaseList(c.env.DB, input.phases), {
      action: "phases.create",
      resourceId: null,
    });
    const generation = (first?.results?.[0] as { generation: number } | undefined)?.generation ?? 0;
    return c.json({ generation }, 201);
  });
