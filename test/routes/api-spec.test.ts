import { describe, expect, it } from "vitest";
import { api, component, create, IMPACT_TYPES } from "../helpers/request";
import { SCS_OPERATION_IDS, successResponse, validateAgainstSpec } from "../helpers/scs-spec";

type Call = { method: string; path: string; body?: unknown };

/** One real call per SCS operation, against data made for it. */
async function fixtureCalls(): Promise<Record<string, Call>> {
  const group = await component("Spec group");
  const comp = await component("Spec component", { group, labels: { env: "prod" } });
  const spare = await component("Spec spare");
  const typeId = await create("/impacttypes", { displayName: "Spec type" });
  const spareType = await create("/impacttypes", { displayName: "Spec spare type" });
  const incident = await create("/incidents", {
    displayName: "Spec incident",
    beganAt: new Date(Date.now() - 60_000).toISOString(),
    affects: [{ reference: comp, type: IMPACT_TYPES.performance, severity: 50 }],
  });
  const spareIncident = await create("/incidents", {
    displayName: "Spec spare incident",
    beganAt: "2026-01-01T00:00:00Z",
  });
  await api(`/incidents/${incident}/updates`, { body: { displayName: "first" } });
  await api(`/incidents/${incident}/updates`, { body: { displayName: "second" } });
  await api("/severities", { body: { displayName: "spec-spare", value: 10 } });
  return {
    getPhaseList: { method: "GET", path: "/phases" },
    createPhaseList: { method: "POST", path: "/phases", body: { phases: ["a", "b"] } },
    getImpactTypes: { method: "GET", path: "/impacttypes" },
    createImpactType: { method: "POST", path: "/impacttypes", body: { displayName: "t" } },
    getImpactType: { method: "GET", path: `/impacttypes/${typeId}` },
    updateImpactType: { method: "PATCH", path: `/impacttypes/${typeId}`, body: { description: "d" } },
    deleteImpactType: { method: "DELETE", path: `/impacttypes/${spareType}` },
    getSeverities: { method: "GET", path: "/severities" },
    createSeverity: { method: "POST", path: "/severities", body: { displayName: "spec-new", value: 5 } },
    getSeverity: { method: "GET", path: "/severities/broken" },
    updateSeverity: { method: "PATCH", path: "/severities/spec-spare", body: { value: 11 } },
    deleteSeverity: { method: "DELETE", path: "/severities/spec-new" },
    getComponents: { method: "GET", path: "/components" },
    createComponent: { method: "POST", path: "/components", body: { displayName: "c" } },
    getComponent: { method: "GET", path: `/components/${comp}` },
    updateComponent: { method: "PATCH", path: `/components/${comp}`, body: { displayName: "renamed" } },
    deleteComponent: { method: "DELETE", path: `/components/${spare}` },
    getIncidents: { method: "GET", path: "/incidents?start=2025-12-01T00:00:00Z&end=2026-12-01T00:00:00Z" },
    createIncident: {
      method: "POST",
      path: "/incidents",
      body: { displayName: "i", beganAt: "2026-05-01T00:00:00Z" },
    },
    getIncident: { method: "GET", path: `/incidents/${incident}` },
    updateIncident: { method: "PATCH", path: `/incidents/${incident}`, body: { description: "more" } },
    deleteIncident: { method: "DELETE", path: `/incidents/${spareIncident}` },
    getIncidentUpdates: { method: "GET", path: `/incidents/${incident}/updates` },
    createIncidentUpdate: {
      method: "POST",
      path: `/incidents/${incident}/updates`,
      body: { displayName: "third" },
    },
    getIncidentUpdate: { method: "GET", path: `/incidents/${incident}/updates/1` },
    updateIncidentUpdate: {
      method: "PATCH",
      path: `/incidents/${incident}/updates/1`,
      body: { description: "edited" },
    },
    deleteIncidentUpdate: { method: "DELETE", path: `/incidents/${incident}/updates/0` },
  };
}

describe("responses match the SCS spec", async () => {
  it("covers all 27 operations", () => {
    expect(SCS_OPERATION_IDS).toHaveLength(27);
  });

  const calls = await fixtureCalls();

  it.each(SCS_OPERATION_IDS)("%s", async (operationId) => {
    const call = calls[operationId];
    expect(call, `no fixture call for ${operationId}`).toBeDefined();
    if (!call) return;
    const res = await api(call.path, { method: call.method, body: call.body });
    const { status } = successResponse(operationId);
    expect(res.status, await res.clone().text()).toBe(status);
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    expect(validateAgainstSpec(operationId, body)).toEqual([]);
  });
});
