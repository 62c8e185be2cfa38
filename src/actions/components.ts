/** Components and groups: one level of nesting, soft deletion, every change audited. */
import type { Context } from "hono";
import type * as v from "valibot";
import {
  type Component,
  countChildren,
  deleteComponent,
  getComponent,
  insertComponent,
  updateComponent,
} from "../db/components";
import { iso } from "../domain/time";
import type { AppEnv } from "../env";
import { commit } from "../http/commit";
import { badField, notFound } from "../http/problem";
import type { OPS } from "../openapi/operations";

type Ctx = Context<AppEnv>;
export type ComponentCreate = v.InferOutput<(typeof OPS.createComponent)["body"]>;
export type ComponentPatch = v.InferOutput<(typeof OPS.updateComponent)["body"]>;

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

export async function loadComponent(db: D1Database, id: string): Promise<Component> {
  const current = await getComponent(db, id);
  if (!current || current.deletedAt) throw notFound(`Component ${id}`);
  return current;
}

export async function createComponent(c: Ctx, input: ComponentCreate): Promise<string> {
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
  return id;
}

export async function changeComponent(c: Ctx, id: string, patch: ComponentPatch): Promise<void> {
  const current = await loadComponent(c.env.DB, id);
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
}

/**
 * Puts sibling components in the given order (the console's move up and
 * down): positions become 0, 1, 2… and only the rows that move are written,
 * in one batch.
 */
export async function setOrder(c: Ctx, ordered: readonly Component[], moved: string): Promise<void> {
  const now = iso(Date.now());
  const statements = ordered
    .map((comp, position) => ({ comp, position }))
    .filter(({ comp, position }) => comp.position !== position)
    .map(({ comp, position }) => updateComponent(c.env.DB, { ...comp, position, updatedAt: now }));
  if (statements.length === 0) return;
  await commit(c, statements, { action: "component.reorder", resourceId: moved });
}

export async function removeComponent(c: Ctx, id: string): Promise<void> {
  await loadComponent(c.env.DB, id);
  await commit(c, deleteComponent(c.env.DB, id, iso(Date.now())), {
    action: "component.delete",
    resourceId: id,
  });
}
