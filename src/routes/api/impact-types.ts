import { Hono } from "hono";
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
import { documented, readBody, readParamOf } from "../../http/operation";
import { notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { impactTypeOut } from "./present";

export const impactTypes = new Hono<AppEnv>()
  .get("/", documented(OPS.getImpactTypes), async (c) =>
    c.json({ data: (await listImpactTypes(c.env.DB)).map(impactTypeOut) }),
  )
  .post("/", documented(OPS.createImpactType), async (c) => {
    const input = await readBody(c, OPS.createImpactType);
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
  .get("/:impactTypeId", documented(OPS.getImpactType), async (c) => {
    const id = readParamOf(c, OPS.getImpactType, "impactTypeId");
    const type = await getImpactType(c.env.DB, id);
    if (!type) throw notFound(`Impact type ${id}`);
    return c.json({ data: impactTypeOut(type) });
  })
  .patch("/:impactTypeId", documented(OPS.updateImpactType), async (c) => {
    const id = readParamOf(c, OPS.updateImpactType, "impactTypeId");
    const patch = await readBody(c, OPS.updateImpactType);
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
  .delete("/:impactTypeId", documented(OPS.deleteImpactType), async (c) => {
    const id = readParamOf(c, OPS.deleteImpactType, "impactTypeId");
    const current = await getImpactType(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Impact type ${id}`);
    await commit(c, [deleteImpactType(c.env.DB, id, iso(Date.now()))], {
      action: "impacttype.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  });
