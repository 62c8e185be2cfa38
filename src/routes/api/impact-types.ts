import { Hono } from "hono";
import { requireScope } from "../../auth/middleware";
import {
  deleteImpactType,
  getImpactType,
  type ImpactType,
  insertImpactType,
  listImpactTypes,
  updateImpactType,
} from "../../db/impact-types";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { readJson, readParam } from "../../http/input";
import { notFound } from "../../http/problem";
import { uuid } from "../../schemas/common";
import { ImpactTypeCreate, ImpactTypePatch } from "../../schemas/scs";
import { impactTypeOut } from "./present";

export const impactTypes = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ data: (await listImpactTypes(c.env.DB)).map(impactTypeOut) }))
  .post("/", requireScope("admin"), async (c) => {
    const input = await readJson(c, ImpactTypeCreate);
    const now = iso(Date.now());
    const type: ImpactType = {
      id: crypto.randomUUID(),
      displayName: input.displayName,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await commit(c, [insertImpactType(c.env.DB, type)], { action: "impacttype.create", resourceId: type.id });
    return c.json({ id: type.id }, 201);
  })
  .get("/:impactTypeId", async (c) => {
    const id = readParam(c, "impactTypeId", uuid);
    const type = await getImpactType(c.env.DB, id);
    if (!type) throw notFound(`Impact type ${id}`);
    return c.json({ data: impactTypeOut(type) });
  })
  .patch("/:impactTypeId", requireScope("admin"), async (c) => {
    const id = readParam(c, "impactTypeId", uuid);
    const patch = await readJson(c, ImpactTypePatch);
    const current = await getImpactType(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Impact type ${id}`);
    const next: ImpactType = {
      ...current,
      displayName: patch.displayName ?? current.displayName,
      description: patch.description === undefined ? current.description : patch.description,
      updatedAt: iso(Date.now()),
    };
    await commit(c, [updateImpactType(c.env.DB, next)], { action: "impacttype.update", resourceId: id });
    return c.body(null, 204);
  })
  .delete("/:impactTypeId", requireScope("admin"), async (c) => {
    const id = readParam(c, "impactTypeId", uuid);
    const current = await getImpactType(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Impact type ${id}`);
    await commit(c, [deleteImpactType(c.env.DB, id, iso(Date.now()))], {
      action: "impacttype.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  });
