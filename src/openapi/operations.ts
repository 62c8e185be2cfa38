/**
 * Every operation under /api, described with the same valibot schemas the
 * routes validate with. A test checks this list against the app's routes.
 */
import * as v from "valibot";
import { queryInt, uuid } from "../schemas/common";
import * as scs from "../schemas/scs";
import * as tok from "../schemas/tokens";

export type Auth = "public" | "incidents" | "admin" | "metrics";

export type Operation = {
  method: "get" | "post" | "patch" | "delete";
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
const severityName = { severityName: v.string() };
const incidentId = { incidentId: uuid };
const updateParams = { incidentId: uuid, updateOrder: v.pipe(v.number(), v.integer(), v.minValue(0)) };

export const OPERATIONS: Operation[] = [
  // SCS: phases
  {
    method: "get",
    path: "/phases",
    operationId: "getPhaseList",
    summary: "Get the current (or a given) generation of the phase list.",
    tag: "phase",
    auth: "public",
    query: v.object({ generation: v.optional(queryInt(0, 1_000_000)) }),
    responses: { 200: data(scs.PhaseListOut) },
  },
  {
    method: "post",
    path: "/phases",
    operationId: "createPhaseList",
    summary: "Create a new generation of the phase list (append-only).",
    tag: "phase",
    auth: "admin",
    body: scs.PhaseListCreate,
    responses: { 201: v.object({ generation: v.number() }) },
  },
  // SCS: impact types
  {
    method: "get",
    path: "/impacttypes",
    operationId: "getImpactTypes",
    summary: "List impact types.",
    tag: "impact",
    auth: "public",
    responses: { 200: list(scs.ImpactTypeOut) },
  },
  {
    method: "post",
    path: "/impacttypes",
    operationId: "createImpactType",
    summary: "Create an impact type.",
    tag: "impact",
    auth: "admin",
    body: scs.ImpactTypeCreate,
    responses: { 201: IdOut },
  },
  {
    method: "get",
    path: "/impacttypes/{impactTypeId}",
    operationId: "getImpactType",
    summary: "Get an impact type (deleted ones carry deletedAt).",
    tag: "impact",
    auth: "public",
    params: impactTypeId,
    responses: { 200: data(scs.ImpactTypeOut) },
  },
  {
    method: "patch",
    path: "/impacttypes/{impactTypeId}",
    operationId: "updateImpactType",
    summary: "Update an impact type.",
    tag: "impact",
    auth: "admin",
    params: impactTypeId,
    body: scs.ImpactTypePatch,
    responses: { 204: null },
  },
  {
    method: "delete",
    path: "/impacttypes/{impactTypeId}",
    operationId: "deleteImpactType",
    summary: "Delete an impact type. Soft: past incidents keep their reference.",
    tag: "impact",
    auth: "admin",
    params: impactTypeId,
    responses: { 204: null },
  },
  // SCS: severities
  {
    method: "get",
    path: "/severities",
    operationId: "getSeverities",
    summary: "List severities by value.",
    tag: "impact",
    auth: "public",
    responses: { 200: list(scs.SeverityOut) },
  },
  {
    method: "post",
    path: "/severities",
    operationId: "createSeverity",
    summary: "Create a severity. Names and non-zero values are unique.",
    tag: "impact",
    auth: "admin",
    body: scs.SeverityCreate,
    responses: { 204: null },
  },
  {
    method: "get",
    path: "/severities/{severityName}",
    operationId: "getSeverity",
    summary: "Get a severity by name.",
    tag: "impact",
    auth: "public",
    params: severityName,
    responses: { 200: data(scs.SeverityOut) },
  },
  {
    method: "patch",
    path: "/severities/{severityName}",
    operationId: "updateSeverity",
    summary: "Update a severity. One with value 100 must remain.",
    tag: "impact",
    auth: "admin",
    params: severityName,
    body: scs.SeverityPatch,
    responses: { 204: null },
  },
  {
    method: "delete",
    path: "/severities/{severityName}",
    operationId: "deleteSeverity",
    summary: "Delete a severity (not the one with value 100).",
    tag: "impact",
    auth: "admin",
    params: severityName,
    responses: { 204: null },
  },
  // SCS: components
  {
    method: "get",
    path: "/components",
    operationId: "getComponents",
    summary: "List components with the impacts active at `at` (default now), maintenance included.",
    tag: "component",
    auth: "public",
    query: scs.AtQuery,
    responses: { 200: list(scs.ComponentOut) },
  },
  {
    method: "post",
    path: "/components",
    operationId: "createComponent",
    summary: "Create a component.",
    tag: "component",
    auth: "admin",
    body: scs.ComponentCreate,
    responses: { 201: IdOut },
  },
  {
    method: "get",
    path: "/components/{componentId}",
    operationId: "getComponent",
    summary: "Get a component with the impacts active at `at`.",
    tag: "component",
    auth: "public",
    params: componentId,
    query: scs.AtQuery,
    responses: { 200: data(scs.ComponentOut) },
  },
  {
    method: "patch",
    path: "/components/{componentId}",
    operationId: "updateComponent",
    summary: "Update a component.",
    tag: "component",
    auth: "admin",
    params: componentId,
    body: scs.ComponentPatch,
    responses: { 204: null },
  },
  {
    method: "delete",
    path: "/components/{componentId}",
    operationId: "deleteComponent",
    summary: "Delete a component. Soft: history keeps it; a group's members move to the top level.",
    tag: "component",
    auth: "admin",
    params: componentId,
    responses: { 204: null },
  },
  // SCS: incidents
  {
    method: "get",
    path: "/incidents",
    operationId: "getIncidents",
    summary: "List incidents overlapping [start, end] (default: 90 days back to 30 ahead; at most 366 days).",
    tag: "incident",
    auth: "public",
    query: scs.IncidentListQuery,
    responses: { 200: list(scs.IncidentOut) },
  },
  {
    method: "post",
    path: "/incidents",
    operationId: "createIncident",
    summary: "Create an incident or, with a severity-0 impact, a maintenance.",
    tag: "incident",
    auth: "incidents",
    body: scs.IncidentCreate,
    responses: { 201: IdOut },
  },
  {
    method: "get",
    path: "/incidents/{incidentId}",
    operationId: "getIncident",
    summary: "Get an incident.",
    tag: "incident",
    auth: "public",
    params: incidentId,
    responses: { 200: data(scs.IncidentOut) },
  },
  {
    method: "patch",
    path: "/incidents/{incidentId}",
    operationId: "updateIncident",
    summary: "Update an incident; `endedAt: null` reopens it.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    body: scs.IncidentPatch,
    responses: { 204: null },
  },
  {
    method: "delete",
    path: "/incidents/{incidentId}",
    operationId: "deleteIncident",
    summary: "Delete an incident.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    responses: { 204: null },
  },
  {
    method: "get",
    path: "/incidents/{incidentId}/updates",
    operationId: "getIncidentUpdates",
    summary: "List an incident's updates by order.",
    tag: "incident",
    auth: "public",
    params: incidentId,
    responses: { 200: list(scs.UpdateOut) },
  },
  {
    method: "post",
    path: "/incidents/{incidentId}/updates",
    operationId: "createIncidentUpdate",
    summary: "Add an update; the server sets createdAt when it is missing.",
    tag: "incident",
    auth: "incidents",
    params: incidentId,
    body: scs.UpdateCreate,
    responses: { 201: v.object({ order: v.number() }) },
  },
  {
    method: "get",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "getIncidentUpdate",
    summary: "Get one update.",
    tag: "incident",
    auth: "public",
    params: updateParams,
    responses: { 200: data(scs.UpdateOut) },
  },
  {
    method: "patch",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "updateIncidentUpdate",
    summary: "Edit an update.",
    tag: "incident",
    auth: "incidents",
    params: updateParams,
    body: scs.UpdatePatch,
    responses: { 204: null },
  },
  {
    method: "delete",
    path: "/incidents/{incidentId}/updates/{updateOrder}",
    operationId: "deleteIncidentUpdate",
    summary: "Delete an update.",
    tag: "incident",
    auth: "incidents",
    params: updateParams,
    responses: { 204: null },
  },
  // Beacon: tokens and audit
  {
    method: "get",
    path: "/tokens",
    operationId: "listTokens",
    summary: "List tokens, without their secrets.",
    tag: "token",
    auth: "admin",
    query: tok.ListQuery,
    responses: { 200: list(tok.TokenOut) },
  },
  {
    method: "post",
    path: "/tokens",
    operationId: "createToken",
    summary: "Create a token; the secret is returned only now.",
    tag: "token",
    auth: "admin",
    body: tok.TokenCreate,
    responses: { 201: tok.TokenCreated },
  },
  {
    method: "delete",
    path: "/tokens/{tokenId}",
    operationId: "revokeToken",
    summary: "Revoke a token.",
    tag: "token",
    auth: "admin",
    params: { tokenId: uuid },
    responses: { 204: null },
  },
  {
    method: "get",
    path: "/audit",
    operationId: "listAudit",
    summary: "The audit log, newest first.",
    tag: "audit",
    auth: "admin",
    query: tok.AuditQuery,
    responses: { 200: list(tok.AuditOut) },
  },
  {
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApi",
    summary: "This document.",
    tag: "meta",
    auth: "public",
    responses: { 200: v.record(v.string(), v.unknown()) },
  },
];
