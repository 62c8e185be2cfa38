import { Hono } from "hono";
import {
  type Component,
  countChildren,
  deleteComponent,
  getComponent,
  insertComponent,
  listComponents,
  updateComponent,
} from "../../db/components";
import { activeImpacts } from "../../db/incidents";
import type { Impact } from "../../domain/incident";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { badField, notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { componentOut } from "./present";

type ActiveImpact = Impact & { componentId: string };

function impactsOf(componentId: string, active: readonly ActiveImpact[]): Impact[] {
  return active
    .filter((i) => i.componentId === componentId)
    .map((i) => ({ reference: i.reference, type: i.type, severity: i.severity }));
}

/** Groups nest one level: a group is a live top-level component, and a group with members joins no group. */
async function checkGroup(db: D1Database, self: string, group: string | null): Promise<void> {
  if (group === null) return;
  if (group === self) throw badField("group", "a component cannot be its own group");
  const parent = await getComponent(db, group);
  if (!parent || parent.deletedAt) throw badField("group", `component ${group} does not exist`);
  if (parent.group !== null)
    throw badField("group", `component ${group} is itself in a group; groups nest one level`);
  if ((await countChildren(db, self)) > 0) {
    throw badField("group", "this component is a group with members and cannot join another group");
  }
}

export const components = new Hono<AppEnv>()
  .get("/", documented(OPS.getComponents), async (c) => {
    const { at } = readQueryOf(c, OPS.getComponents);
    const [list, active] = await Promise.all([
      listComponents(c.env.DB),
      activeImpacts(c.env.DB, at ?? iso(Date.now())),
    ]);
    return c.json({ data: list.map((x) => componentOut(x, impactsOf(x.id, active))) });
  })
  .post("/", documented(OPS.createComponent), async (c) => {
    const input = await readBody(c, OPS.createComponent);
    const id = crypto.randomUUID();
    await checkGroup(c.env.DB, id, input.group ?? null);
    const now = iso(Date.now());
    const component: Component = {
      id,
      displayName: input.displayName,
      description: input.description ?? null,
      labels: input.labels,
      group: input.group ?? null,
      position: input.position,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await commit(c, [insertComponent(c.env.DB, component)], { action: "component.create", resourceId: id });
    return c.json({ id }, 201);
  })
  .get("/:componentId", documented(OPS.getComponent), async (c) => {
    const id = readParamOf(c, OPS.getComponent, "componentId");
    const { at } = readQueryOf(c, OPS.getComponent);
    const component = await getComponent(c.env.DB, id);
    if (!component) throw notFound(`Component ${id}`);
    const active = component.deletedAt ? [] : await activeImpacts(c.env.DB, at ?? iso(Date.now()));
    return c.json({ data: componentOut(component, impactsOf(id, active)) });
  })
  .patch("/:componentId", documented(OPS.updateComponent), async (c) => {
    const id = readParamOf(c, OPS.updateComponent, "componentId");
    const patch = await readBody(c, OPS.updateComponent);
    const current = await getComponent(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Component ${id}`);
    const next: Component = {
      ...current,
      displayName: patch.displayName ?? current.displayName,
      description: patch.description === undefined ? current.description : patch.description,
      labels: patch.labels ?? current.labels,
      group: patch.group === undefined ? current.group : patch.group,
      position: patch.position ?? current.position,
      updatedAt: iso(Date.now()),
    };
    if (patch.group !== undefined) await checkGroup(c.env.DB, id, next.group);
    await commit(c, [updateComponent(c.env.DB, next)], { action: "component.update", resourceId: id });
    return c.body(null, 204);
  })
  .delete("/:componentId", documented(OPS.deleteComponent), async (c) => {
    const id = readParamOf(c, OPS.deleteComponent, "componentId");
    const current = await getComponent(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Component ${id}`);
    await commit(c, deleteComponent(c.env.DB, id, iso(Date.now())), {
      action: "component.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  });
