/** Incident templates: checked like an incident's impacts, written with an audit row. */
import type { Context } from "hono";
import type * as v from "valibot";
import { getComponents } from "../db/components";
import { getImpactTypes } from "../db/impact-types";
import { getPhaseList } from "../db/phases";
import { deleteTemplate, getTemplate, insertTemplate, type Template, updateTemplate } from "../db/templates";
import { duplicateImpact, type Impact } from "../domain/incident";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { badField, notFound } from "../http/problem";
import type { OPS } from "../openapi/operations";

type Ctx = Context<AppEnv>;
export type TemplateCreate = v.InferOutput<(typeof OPS.createTemplate)["body"]>;
export type TemplatePatch = v.InferOutput<(typeof OPS.updateTemplate)["body"]>;

async function checkTemplate(db: D1Database, t: Pick<Template, "phaseOrder" | "affects">): Promise<void> {
  if (t.phaseOrder != null) {
    const list = await getPhaseList(db);
    if (!list || t.phaseOrder >= list.phases.length) {
      throw badField("phaseOrder", `the phase list has no phase with order ${t.phaseOrder}`);
    }
  }
  const dup = duplicateImpact(t.affects);
  if (dup >= 0)
    throw badField(`affects.${dup}`, "repeats the component and impact type of an earlier impact");
  const [components, types] = await Promise.all([
    getComponents(
      db,
      t.affects.map((a) => a.reference),
    ),
    getImpactTypes(
      db,
      t.affects.map((a) => a.type),
    ),
  ]);
  const live = new Set(components.filter((c) => !c.deletedAt).map((c) => c.id));
  const liveTypes = new Set(types.filter((x) => !x.deletedAt).map((x) => x.id));
  for (const [i, a] of t.affects.entries()) {
    if (!live.has(a.reference))
      throw badField(`affects.${i}.reference`, `component ${a.reference} does not exist`);
    if (!liveTypes.has(a.type)) throw badField(`affects.${i}.type`, `impact type ${a.type} does not exist`);
    if (a.severity === 0)
      throw badField(`affects.${i}.severity`, "templates are for incidents; 0 is maintenance");
  }
}

export async function loadTemplate(db: D1Database, id: string): Promise<Template> {
  const t = await getTemplate(db, id);
  if (!t) throw notFound(`Template ${id}`);
  return t;
}

export async function createTemplate(c: Ctx, input: TemplateCreate): Promise<string> {
  const now = iso(Date.now());
  const t: Template = {
    id: crypto.randomUUID(),
    name: input.name,
    title: input.title,
    body: input.body,
    phaseOrder: input.phaseOrder ?? null,
    affects: input.affects.map(({ reference, type, severity }): Impact => ({ reference, type, severity })),
    createdAt: now,
    updatedAt: now,
  };
  await checkTemplate(c.env.DB, t);
  await commit(c, [insertTemplate(c.env.DB, t)], { action: "template.create", resourceId: t.id });
  return t.id;
}

export async function changeTemplate(c: Ctx, id: string, patch: TemplatePatch): Promise<void> {
  const current = await loadTemplate(c.env.DB, id);
  const next: Template = {
    ...current,
    name: patch.name ?? current.name,
    title: patch.title ?? current.title,
    body: patch.body ?? current.body,
    phaseOrder: patch.phaseOrder === undefined ? current.phaseOrder : patch.phaseOrder,
    affects: patch.affects
      ? patch.affects.map(({ reference, type, severity }) => ({ reference, type, severity }))
      : current.affects,
    updatedAt: iso(Date.now()),
  };
  await checkTemplate(c.env.DB, next);
  await commit(c, [updateTemplate(c.env.DB, next)], { action: "template.update", resourceId: id });
}

export async function removeTemplate(c: Ctx, id: string): Promise<void> {
  await loadTemplate(c.env.DB, id);
  await commit(c, [deleteTemplate(c.env.DB, id, iso(Date.now()))], {
    action: "template.delete",
    resourceId: id,
  });
}
