import { Hono } from "hono";
import { changeComponent, createComponent, removeComponent } from "../../actions/components";
import { getComponent, listComponents } from "../../db/components";
import { activeImpacts } from "../../db/incidents";
import type { Impact } from "../../domain/incident";
import { iso } from "../../domain/time";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf, readQueryOf } from "../../http/operation";
import { notFound } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { componentOut } from "./present";

type ActiveImpact = Impact & { componentId: string };

function impactsOf(componentId: string, active: readonly ActiveImpact[]): Impact[] {
  return active
    .filter((i) => i.componentId === componentId)
    .map((i) => ({ reference: i.reference, type: i.type, severity: i.severity }));
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
    return c.json({ id: await createComponent(c, await readBody(c, OPS.createComponent)) }, 201);
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
    await changeComponent(c, id, await readBody(c, OPS.updateComponent));
    return c.body(null, 204);
  })
  .delete("/:componentId", documented(OPS.deleteComponent), async (c) => {
    await removeComponent(c, readParamOf(c, OPS.deleteComponent, "componentId"));
    return c.body(null, 204);
  });
