/** Domain objects → SCS response bodies. */
import type { Component } from "../../db/components";
import type { ImpactType } from "../../db/impact-types";
import type { IncidentUpdate } from "../../db/updates";
import type { Impact, Incident } from "../../domain/incident";

export function componentOut(c: Component, activelyAffectedBy: Impact[]) {
  return {
    id: c.id,
    displayName: c.displayName,
    labels: c.labels,
    activelyAffectedBy,
    description: c.description,
    group: c.group,
    position: c.position,
    ...(c.deletedAt ? { deletedAt: c.deletedAt } : {}),
  };
}

export function impactTypeOut(t: ImpactType) {
  return {
    id: t.id,
    displayName: t.displayName,
    // SCS types Description as a string, never null.
    description: t.description ?? "",
    ...(t.deletedAt ? { deletedAt: t.deletedAt } : {}),
  };
}

export function incidentOut(i: Incident) {
  return {
    id: i.id,
    displayName: i.displayName,
    description: i.description,
    beganAt: i.beganAt,
    endedAt: i.endedAt,
    phase: i.phase,
    // SCS impacts have no end of their own.
    affects: i.affects.map(({ reference, type, severity }) => ({ reference, type, severity })),
    updates: i.updates,
  };
}

export function updateOut(u: IncidentUpdate) {
  return { order: u.order, displayName: u.displayName, description: u.description, createdAt: u.createdAt };
}
