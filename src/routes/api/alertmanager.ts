import { Hono } from "hono";
import { requireScope } from "../../auth/middleware";
import {
  alertConfig,
  groupState,
  type StoredAlert,
  saveAlertConfig,
  setGroupIncident,
  upsertAlert,
} from "../../db/alerts";
import { getComponents, listComponents } from "../../db/components";
import { getIncident, type Impact, type Incident, insertIncident, updateIncident } from "../../db/incidents";
import { getPhaseList } from "../../db/phases";
import { insertUpdate } from "../../db/updates";
import { iso, parseTimestamp } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { readJson } from "../../http/input";
import { badField, Problem } from "../../http/problem";
import { incidentEventStatements } from "../../notify/emit";
import { UNKNOWN_IMPACT_TYPE } from "../../scheduled/auto-incidents";
import { AlertmanagerConfig, AlertmanagerPayload } from "../../schemas/alertmanager";

const DEFAULT_SEVERITY = 66;

function time(text: string | undefined): string | null {
  const ms = text ? parseTimestamp(text) : null;
  return ms === null ? null : iso(ms);
}

/** The incident's impacts: each component at the worst severity among its firing alerts. */
function impactsOf(alerts: readonly StoredAlert[]): Impact[] {
  const worst = new Map<string, number>();
  for (const a of alerts)
    if (a.status === "firing") worst.set(a.componentId, Math.max(worst.get(a.componentId) ?? 0, a.severity));
  return [...worst].map(([reference, severity]) => ({ reference, type: UNKNOWN_IMPACT_TYPE, severity }));
}

/**
 * POST /api/integrations/alertmanager: Alertmanager's webhook (version 4).
 * One incident per alert group; it resolves when all the group's alerts have.
 * Redelivering a payload changes nothing (each alert's last status is kept).
 */
export const alertmanager = new Hono<AppEnv>()
  .post("/", requireScope("incidents"), async (c) => {
    const payload = await readJson(c, AlertmanagerPayload);
    const db = c.env.DB;
    const [config, components] = await Promise.all([alertConfig(db), listComponents(db)]);
    const now = iso(Date.now());

    const incoming: StoredAlert[] = payload.alerts.map((alert, i) => {
      const value = alert.labels.component;
      if (!value)
        throw badField(`alerts.${i}.labels.component`, "is missing; it names the affected component", 422);
      const mapped = config.components?.[value];
      const match = mapped
        ? components.find((x) => x.id === mapped)
        : components.find((x) => x.id === value || x.displayName.toLowerCase() === value.toLowerCase());
      if (!match) {
        throw new Problem(422, `No component matches the label value "${value}"`, {
          errors: [{ path: `alerts.${i}.labels.component`, message: `no component matches "${value}"` }],
        });
      }
      return {
        fingerprint: alert.fingerprint,
        status: alert.status,
        componentId: match.id,
        severity:
          config.severities?.[alert.labels.severity ?? ""] ?? config.severities?.warning ?? DEFAULT_SEVERITY,
        name: alert.labels.alertname ?? alert.annotations.summary ?? "alert",
        startsAt: time(alert.startsAt),
        endsAt: time(alert.endsAt),
      };
    });

    const state = await groupState(db, payload.groupKey);
    const stored = new Map(state.alerts.map((a) => [a.fingerprint, a]));
    const changes = incoming.filter((a) => stored.get(a.fingerprint)?.status !== a.status);
    const existing = state.incidentId ? await getIncident(db, state.incidentId) : null;
    const open = existing && existing.endedAt === null ? existing : null;
    if (changes.length === 0) return c.json({ data: { incident: existing?.id ?? null, changed: 0 } });

    for (const a of changes) stored.set(a.fingerprint, a);
    const all = [...stored.values()];
    const firing = all.filter((a) => a.status === "firing");
    const statements: D1PreparedStatement[] = changes.map((a) => upsertAlert(db, payload.groupKey, a, now));
    const names = (list: StoredAlert[]) => [...new Set(list.map((a) => a.name))].join(", ");
    const newlyFiring = changes.filter((a) => a.status === "firing");
    const newlyResolved = changes.filter((a) => a.status === "resolved");

    let before: Incident | null = open;
    let after: Incident | null = null;
    let updateText = "";
    if (!open && firing.length > 0) {
      const phases = await getPhaseList(db);
      const began =
        firing
          .map((a) => a.startsAt)
          .filter((t): t is string => t !== null && t <= now)
          .sort()[0] ?? now;
      after = {
        id: crypto.randomUUID(),
        displayName: (
          payload.commonAnnotations.summary ??
          payload.groupLabels.alertname ??
          names(firing)
        ).slice(0, 200),
        description: payload.commonAnnotations.description ?? "Opened by Alertmanager.",
        beganAt: began,
        endedAt: null,
        phase: { generation: phases?.generation ?? 1, order: 0 },
        affects: impactsOf(all),
        updates: [],
        monitoringAt: null,
        revision: 0,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      before = null;
      updateText = `Firing: ${names(firing)}.`;
      statements.push(...insertIncident(db, after), setGroupIncident(db, payload.groupKey, after.id, now));
    } else if (open && firing.length > 0) {
      after = { ...open, affects: impactsOf(all), updatedAt: now };
      updateText = [
        newlyFiring.length ? `Firing: ${names(newlyFiring)}.` : "",
        newlyResolved.length ? `Resolved: ${names(newlyResolved)}.` : "",
      ]
        .filter(Boolean)
        .join(" ");
      statements.push(...updateIncident(db, after));
    } else if (open) {
      const ended =
        newlyResolved
          .map((a) => a.endsAt)
          .filter((t): t is string => t !== null && t <= now && t >= open.beganAt)
          .sort()
          .at(-1) ?? now;
      const phases = await getPhaseList(db, open.phase.generation);
      after = {
        ...open,
        endedAt: ended,
        phase: { ...open.phase, order: Math.max(0, (phases?.phases.length ?? 1) - 1) },
        updatedAt: now,
      };
      updateText = `All alerts resolved: ${names(newlyResolved)}.`;
      statements.push(...updateIncident(db, after));
    }

    if (after) {
      const update = {
        id: crypto.randomUUID(),
        title: after.endedAt ? "Resolved" : before ? "Update" : "Investigating",
        text: updateText,
        at: now,
      };
      statements.push(
        insertUpdate(db, {
          incidentId: after.id,
          id: update.id,
          displayName: update.title,
          description: update.text,
          createdAt: now,
        }),
        ...(await incidentEventStatements(db, before, after, now)),
      );
    }
    const ids = [...new Set([...(before?.affects ?? []), ...(after?.affects ?? [])].map((a) => a.reference))];
    await commit(
      c,
      statements,
      { action: "alertmanager.receive", resourceId: after?.id ?? null },
      after
        ? {
            rollups: ids.length
              ? { componentIds: ids, from: Date.parse(after.beganAt), to: Date.now() }
              : undefined,
            notify: true,
          }
        : {},
    );
    return c.json({ data: { incident: after?.id ?? existing?.id ?? null, changed: changes.length } });
  })
  .get("/config", requireScope("admin"), async (c) => c.json({ data: await alertConfig(c.env.DB) }))
  .put("/config", requireScope("admin"), async (c) => {
    const input = await readJson(c, AlertmanagerConfig);
    const targets = [...new Set(Object.values(input.components))];
    const found = new Set(
      (await getComponents(c.env.DB, targets)).filter((x) => !x.deletedAt).map((x) => x.id),
    );
    for (const [label, id] of Object.entries(input.components)) {
      if (!found.has(id)) throw badField(`components.${label}`, `component ${id} does not exist`);
    }
    await commit(c, [saveAlertConfig(c.env.DB, input)], { action: "alertmanager.config", resourceId: null });
    return c.body(null, 204);
  });
