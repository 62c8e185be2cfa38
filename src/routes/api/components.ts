import { Hono } from "hono";
import { requireScope } from "../../auth/middleware";
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
import { readJson, readParam, readQuery } from "../../http/input";
import { badField, notFound } from "../../http/problem";
import { uuid } from "../../schemas/common";
import { AtQuery, ComponentCreate, ComponentPatch } from "../../schemas/scs";
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
  .get("/", async (c) => {
    const { at } = readQuery(c, AtQuery);
    const [list, active] = await Promise.all([
      listComponents(c.env.DB),
      activeImpacts(c.env.DB, at ?? iso(Date.now())),
    ]);
    return c.json({ data: list.map((x) => componentOut(x, impactsOf(x.id, active))) });
  })
  .post("/", requireScope("admin"), async (c) => {
    const input = await readJson(c, ComponentCreate);
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
  .get("/:componentId", async (c) => {
    const id = readParam(c, "componentId", uuid);
    const { at } = readQuery(c, AtQuery);
    const component = await getComponent(c.env.DB, id);
    if (!component) throw notFound(`Component ${id}`);
    const active = component.deletedAt ? [] : await activeImpacts(c.env.DB, at ?? iso(Date.now()));
    return c.json({ data: componentOut(component, impactsOf(id, active)) });
  })
  .patch("/:componentId", requireScope("admin"), async (c) => {
    const id = readParam(c, "componentId", uuid);
    const patch = await readJson(c, ComponentPatch);
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
  .delete("/:componentId", requireScope("admin"), async (c) => {
    const id = readParam(c, "componentId", uuid);
    const current = await getComponent(c.env.DB, id);
    if (!current || current.deletedAt) throw notFound(`Component ${id}`);
    await commit(c, deleteComponent(c.env.DB, id, iso(Date.now())), {
      action: "component.delete",
      resourceId: id,
    });
    return c.body(null, 204);
  });
