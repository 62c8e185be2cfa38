/**
 * Every operation under /api, described with the same valibot schemas the
 * routes validate with. A test checks this list against the app's routes.
 */
import * as v from "valibot";
import type { Scope } from "../domain/scopes";
import * as am from "../schemas/alertmanager";
import { name, pathInteger, queryInt, uuid } from "../schemas/common";
import * as mon from "../schemas/monitors";
import * as scs from "../schemas/scs";
import * as tok from "../schemas/tokens";
import * as wh from "../schemas/webhooks";

export type Auth = "public" | Scope;

export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: Record<string, v.GenericSchema>;
  query?: v.ObjectSchema<v.ObjectEntries, undefined>;
  body?: v.GenericSchema;
  /** Status → response body schema (null: no body). */
  responses: Record<number, v.GenericSchema | null>;
};

const data = <S extends v.GenericSchema>(s: S) => v.object({ data: s });
const list = <S extends v.GenericSchema>(s: S) => v.object({ data: v.array(s) });
const IdOut = v.object({ id: uuid });

const componentId = { componentId: uuid };
const impactTypeId = { impactTypeId: uuid };
const severityName = { severityName: name(100) };
const incidentId = { incidentId: uuid };
const updateParams = { incidentId: uuid, updateOrder: pathInteger(9, "must be a whole number") };

/** Keeps an operation's exact schema types, so routes validate with them. */
function op<const O extends Operation>(o: O): O {
  return o;
}

export const OPS = {
  // SCS: phases
  getPhaseList: op({
    method: "get",
    path: "/phases",
    operationId: "getPhaseList",
    summary: "Get the current (or a given) generation of the phase list.",
    tag: "phase",
    auth: "public",
    query: v.object({ generation: v.optional(queryInt(0, 1_000_000)) }),
    responses: { 200: data(scs.PhaseListOut) },
  }),
  createPhaseList: op({
    method: "post",
    path: "/phases",
    operationId: "createPhaseList",
    summary: "Create a new generation of the phase list (append-only).",
    tag: "phase",
    auth: "admin",
    body: scs.PhaseListCreate,
    responses: { 201: v.object({ generation: v.number() }) },
  }),
  // SCS: impact types
  getImpactTypes: op({
    method: "get",
    path: "/impacttypes",
    operationId: "getImpactTypes",
    summary: "List impact types.",
    tag: "impact",
    auth: "public",
    responses: { 200: list(scs.ImpactTypeOut) },
  }),
  createImpactType: op({
    method: "post",
    path: "/impacttypes",
    operationId: "createImpactType",
    summary: "Create an impact type.",
    tag: "impact",
    auth: "admin",
    body: scs.ImpactTypeCreate,
    responses: { 201: IdOut },
  }),
  getImpactType: op({
    method: "get",
    path: "/impacttypes/{impactTypeId}",
    operationId: "getImpactType",
    summary: "Get an impact type (deleted ones carry deletedAt).",
    tag: "impact",
    auth: "public",
    params: impactTypeId,
    responses: { 200: data(scs.ImpactTypeOut) },
  }),
  updateImpactType: op({
    method: "patch",
    path: "/impacttypes/{impactTypeId}",
    operationId: "updateImpactType",
    summary: "Update an impact type.",
    tag: "impact",
    auth: "admin",
    params: impactTypeId,
    body: scs.ImpactTypePatch,
    responses: { 204: null },
  }),
  deleteImpactType: op({
    method: "delete",
    path: "/impacttypes/{impactTypeId}",
    operationId: "deleteImpactType",
    summary: "Delete an impact type. Soft: past incidents keep their reference.",
    tag: "impact",
    auth: "admin",
    params: impactTypeId,
    responses: { 204: null },
  }),
  // SCS: severities
  getSeverities: op({
    method: "get",
    path: "/severities",
    operationId: "getSeverities",
    summary: "List severities by value.",
    tag: "impact",
    auth: "public",
    responses: { 200: list(scs.SeverityOut) },
  }),
  createSeverity: op({
    method: "post",
    path: "/severities",
    operationId: "createSeverity",
    summary: "Create a severity. Names and non-zero values are unique.",
    tag: "impact",
    auth: "admin",
    body: scs.SeverityCreate,
    responses: { 204: null },
  }),
  getSeverity: op({
    method: "get",
    path: "/severities/{severityName}",
    operationId: "getSeverity",
    summary: "Get a severity by name.",
    tag: "impact",
    auth: "public",
    params: severityName,
    responses: { 200: data(scs.SeverityOut) },
  }),
  updateSeverity: op({
    method: "patch",
    path: "/severities/{severityName}",
    operationId: "updateSeverity",
    summary: "Update a severity. One with value 100 must remain.",
    tag: "impact",
    auth: "admin",
    params: severityName,
    body: scs.SeverityPatch,
    responses: { 204: null },
  }),
  deleteSeverity: op({
    method: "delete",
    path: "/severities/{severityName}",
    operationId: "deleteSeverity",
    summary: "Delete a severity (not the one with value 100).",
    tag: "impact",
    auth: "admin",
    params: severityName,
    responses: { 204: null },
  }),
  // SCS: components
  getComponents: op({
    method: "get",
    path: "/components",
    operationId: "getComponents",
    summary: "List components with the impacts active at `at` (default now), maintenance included.",
    tag: "component",
    auth: "public",
    query: scs.AtQuery,
    responses: { 200: list(scs.ComponentOut) },
  }),
  createComponent: op({
    method: "post",
    path: "/components",
    operationId: "createComponent",
    summary: "Create a component.",
    tag: "component",
    auth: "admin",
    body: scs.ComponentCreate,
    responses: { 201: IdOut },
  }),
  getComponent: op({
    method: "get",
    path: "/components/{componentId}",
    operationId: "getComponent",
    summary: "Get a component with the impacts active at `at`.",
    tag: "component",
    auth: "public",
    params: componentId,
    query: scs.AtQuery,
    responses: { 200: data(scs.ComponentOut) },
  }),
  updateComponent: op({
    method: "patch",
    path: "/components/{componentId}",
    operationId: "updateComponent",
    summary: "Update a component.",
    tag: "component",
    auth: "admin",
    params: componentId,
    body: scs.ComponentPatch,
    responses: { 204: null },
  }),
  deleteComponent: op({
    method: "delete",
    path: "/components/{componentId}",
    operationId: "deleteComponent",
    summary: "Delete a component. Soft: history keeps it; a group's members move to the top level.",
    tag: "component",
    auth: "admin",
    params: componentId,
    responses: { 204: null },
  }),
  // SCS: incidents
  getIncidents: op({
    method: "get",
    path: "/incidents",
    operationId: "getIncidents",
    summary: "List incidents overlapping [start, end] (default: 90 days back to 30 ahead; at most 366 days).",
    tag: "incident",
    auth: "public",
    query: scs.IncidentListQuery,
    responses: { 200: list(scs.IncidentOut) },
  }),
  createIncident: op({
    method: "post",
    path: "/incidents",
    operationId: "createIncident",
    summary: "Create an incident or, with a severity-0 impact, a maintenance.",
    tag: "incident",
    auth: "incidents",
    body: scs.IncidentCreate,
    responses: { 201: IdOut },
  }),
  getIncident: op({
    method: "get",
    path: "/incidents/{incidentId}",
    operationId: "getIncident",
    summary: "Get an incident.",
    tag: "incident",
    auth: "public",
    params: incidentId,
    responses: { 200: data(scs.IncidentOut) },
  }),
  updateIncident: op({
    method: "patch",
    path: "/incidents/{incidentId}",
    operationId: "updateIncident",
    summary: "Update an incident; `endedAt: null` reopens it.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    body: scs.IncidentPatch,
    responses: { 204: null },
  }),
  deleteIncident: op({
    method: "delete",
    path: "/incidents/{incidentId}",
    operationId: "deleteIncident",
    summary: "Delete an incident.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    responses: { 204: null },
  }),
  getIncidentUpdates: op({
    method: "get",
    path: "/incidents/{incidentId}/updates",
    operationId: "getIncidentUpdates",
    summary: "List an incident's updates by order.",
    tag: "incident",
    auth: "public",
    params: incidentId,
    responses: { 200: list(scs.UpdateOut) },
  }),
  createIncidentUpdate: op({
    method: "post",
    path: "/incidents/{incidentId}/updates",
    operationId: "createIncidentUpdate",
    summary: "Add an update; the server sets createdAt when it is missing.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    body: scs.UpdateCreate,
    responses: { 201: v.object({ order: v.number() }) },
  }),
  getIncidentUpdate: op({
    method: "get",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "getIncidentUpdate",
    summary: "Get one update.",
    tag: "incident",
    auth: "public",
    params: updateParams,
    responses: { 200: data(scs.UpdateOut) },
  }),
  updateIncidentUpdate: op({
    method: "patch",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "updateIncidentUpdate",
    summary: "Edit an update.",
    tag: "incident",
    auth: "incidents",
    params: updateParams,
    body: scs.UpdatePatch,
    responses: { 204: null },
  }),
  deleteIncidentUpdate: op({
    method: "delete",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "deleteIncidentUpdate",
    summary: "Delete an update.",
    tag: "incident",
    auth: "incidents",
    params: updateParams,
    responses: { 204: null },
  }),
  // Beacon: tokens and audit
  listTokens: op({
    method: "get",
    path: "/tokens",
    operationId: "listTokens",
    summary: "List tokens, without their secrets.",
    tag: "token",
    auth: "admin",
    query: tok.ListQuery,
    responses: { 200: list(tok.TokenOut) },
  }),
  createToken: op({
    method: "post",
    path: "/tokens",
    operationId: "createToken",
    summary: "Create a token; the secret is returned only now.",
    tag: "token",
    auth: "admin",
    body: tok.TokenCreate,
    responses: { 201: tok.TokenCreated },
  }),
  revokeToken: op({
    method: "delete",
    path: "/tokens/{tokenId}",
    operationId: "revokeToken",
    summary: "Revoke a token.",
    tag: "token",
    auth: "admin",
    params: { tokenId: uuid },
    responses: { 204: null },
  }),
  listAudit: op({
    method: "get",
    path: "/audit",
    operationId: "listAudit",
    summary: "The audit log, newest first.",
    tag: "audit",
    auth: "admin",
    query: tok.AuditQuery,
    responses: { 200: list(tok.AuditOut) },
  }),
  // Beacon: webhooks
  listWebhooks: op({
    method: "get",
    path: "/webhooks",
    operationId: "listWebhooks",
    summary: "List webhook subscriptions (secrets are never returned).",
    tag: "webhook",
    auth: "admin",
    query: tok.ListQuery,
    responses: { 200: list(wh.WebhookOut) },
  }),
  createWebhook: op({
    method: "post",
    path: "/webhooks",
    operationId: "createWebhook",
    summary: "Subscribe a URL to events; the Standard Webhooks secret is returned only now.",
    tag: "webhook",
    auth: "admin",
    body: wh.WebhookCreate,
    responses: { 201: wh.WebhookCreated },
  }),
  getWebhook: op({
    method: "get",
    path: "/webhooks/{webhookId}",
    operationId: "getWebhook",
    summary: "Get a webhook.",
    tag: "webhook",
    auth: "admin",
    params: { webhookId: uuid },
    responses: { 200: data(wh.WebhookOut) },
  }),
  updateWebhook: op({
    method: "patch",
    path: "/webhooks/{webhookId}",
    operationId: "updateWebhook",
    summary: "Update a webhook; `enabled: true` re-enables one disabled after 24 hours of failures.",
    tag: "webhook",
    auth: "admin",
    params: { webhookId: uuid },
    body: wh.WebhookPatch,
    responses: { 204: null },
  }),
  deleteWebhook: op({
    method: "delete",
    path: "/webhooks/{webhookId}",
    operationId: "deleteWebhook",
    summary: "Delete a webhook.",
    tag: "webhook",
    auth: "admin",
    params: { webhookId: uuid },
    responses: { 204: null },
  }),
  listDeliveries: op({
    method: "get",
    path: "/webhooks/{webhookId}/deliveries",
    operationId: "listDeliveries",
    summary: "The delivery log, newest first.",
    tag: "webhook",
    auth: "admin",
    params: { webhookId: uuid },
    query: tok.ListQuery,
    responses: { 200: list(v.record(v.string(), v.unknown())) },
  }),
  redeliver: op({
    method: "post",
    path: "/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver",
    operationId: "redeliver",
    summary: "Send a delivery again, with the same webhook-id.",
    tag: "webhook",
    auth: "admin",
    params: { webhookId: uuid, deliveryId: pathInteger(12, "must be a delivery id") },
    responses: { 202: null },
  }),
  // Beacon: Alertmanager receiver
  alertmanagerWebhook: op({
    method: "post",
    path: "/integrations/alertmanager",
    operationId: "alertmanagerWebhook",
    summary:
      "Alertmanager's webhook (version 4): one incident per alert group, resolved when all its alerts are.",
    tag: "integration",
    auth: "incidents",
    body: am.AlertmanagerPayload,
    responses: {
      200: v.object({ data: v.object({ incident: v.nullable(v.string()), changed: v.number() }) }),
    },
  }),
  getAlertmanagerConfig: op({
    method: "get",
    path: "/integrations/alertmanager/config",
    operationId: "getAlertmanagerConfig",
    summary: "Label-value to component mapping and severity-label mapping.",
    tag: "integration",
    auth: "admin",
    responses: { 200: data(am.AlertmanagerConfig) },
  }),
  putAlertmanagerConfig: op({
    method: "put",
    path: "/integrations/alertmanager/config",
    operationId: "putAlertmanagerConfig",
    summary: "Replace the Alertmanager mappings.",
    tag: "integration",
    auth: "admin",
    body: am.AlertmanagerConfig,
    responses: { 204: null },
  }),
  // Beacon: monitors and heartbeats
  listMonitors: op({
    method: "get",
    path: "/monitors",
    operationId: "listMonitors",
    summary: "List monitors with their state; secret header values are never returned.",
    tag: "monitor",
    auth: "admin",
    query: tok.ListQuery,
    responses: { 200: list(mon.MonitorOut) },
  }),
  createMonitor: op({
    method: "post",
    path: "/monitors",
    operationId: "createMonitor",
    summary:
      "Create an http, tcp or heartbeat monitor. A heartbeat monitor's ping secret is returned only now.",
    tag: "monitor",
    auth: "admin",
    body: mon.MonitorInput,
    responses: { 201: mon.MonitorCreated },
  }),
  getMonitor: op({
    method: "get",
    path: "/monitors/{monitorId}",
    operationId: "getMonitor",
    summary: "Get a monitor.",
    tag: "monitor",
    auth: "admin",
    params: { monitorId: uuid },
    responses: { 200: data(mon.MonitorOut) },
  }),
  updateMonitor: op({
    method: "patch",
    path: "/monitors/{monitorId}",
    operationId: "updateMonitor",
    summary:
      "Update a monitor: fields are merged, headers merge by name (null removes one), and the result is validated whole.",
    tag: "monitor",
    auth: "admin",
    params: { monitorId: uuid },
    body: mon.MonitorPatch,
    responses: { 204: null },
  }),
  deleteMonitor: op({
    method: "delete",
    path: "/monitors/{monitorId}",
    operationId: "deleteMonitor",
    summary: "Delete a monitor.",
    tag: "monitor",
    auth: "admin",
    params: { monitorId: uuid },
    responses: { 204: null },
  }),
  heartbeat: op({
    method: "post",
    path: "/heartbeats/{secret}",
    operationId: "heartbeat",
    summary: "A heartbeat ping; the secret in the path is the credential.",
    tag: "monitor",
    auth: "public",
    params: { secret: mon.HeartbeatSecret },
    responses: { 204: null },
  }),
  getOpenApi: op({
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApi",
    summary: "This document.",
    tag: "meta",
    auth: "public",
    responses: { 200: v.record(v.string(), v.unknown()) },
  }),
};

/** Every operation, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = Object.values(OPS);
