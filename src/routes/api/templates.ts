import { Hono } from "hono";
import { changeTemplate, createTemplate, loadTemplate, removeTemplate } from "../../actions/templates";
import { listTemplates, type Template } from "../../db/templates";
import type { AppEnv } from "../../env";
import { documented, readBody, readParamOf } from "../../http/operation";
import { OPS } from "../../openapi/operations";

function templateOut(t: Template) {
  return {
    id: t.id,
    name: t.name,
    title: t.title,
    body: t.body,
    phaseOrder: t.phaseOrder,
    affects: t.affects,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** Incident templates (Beacon), shared with the console's "from template". */
export const templates = new Hono<AppEnv>()
  .get("/", documented(OPS.listTemplates), async (c) => {
    return c.json({ data: (await listTemplates(c.env.DB)).map(templateOut) });
  })
  .post("/", documented(OPS.createTemplate), async (c) => {
    return c.json({ id: await createTemplate(c, await readBody(c, OPS.createTemplate)) }, 201);
  })
  .get("/:templateId", documented(OPS.getTemplate), async (c) => {
    const id = readParamOf(c, OPS.getTemplate, "templateId");
    return c.json({ data: templateOut(await loadTemplate(c.env.DB, id)) });
  })
  .patch("/:templateId", documented(OPS.updateTemplate), async (c) => {
    const id = readParamOf(c, OPS.updateTemplate, "templateId");
    await changeTemplate(c, id, await readBody(c, OPS.updateTemplate));
    return c.body(null, 204);
  })
  .delete("/:templateId", documented(OPS.deleteTemplate), async (c) => {
    await removeTemplate(c, readParamOf(c, OPS.deleteTemplate, "templateId"));
    return c.body(null, 204);
  });
