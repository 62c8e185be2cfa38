import { Hono } from "hono";
import { alertConfig, groupState, saveAlertConfig, setGroupIncident, upsertAlert } from "../../db/alerts";
import { getComponents, listComponents } from "../../db/components";
import { getIncident } from "../../db/incidents";
import { allPhases } from "../../db/phases";
import { groupIncident, matchAlerts } from "../../domain/alert-group";
import { openingOrder } from "../../domain/phase-status";
import { iso, parseTimestamp } from "../../domain/time";
import type { AppEnv } from "../../env";
import { commit } from "../../http/commit";
import { documented, readBody } from "../../http/operation";
import { badField, Problem } from "../../http/problem";
import { OPS } from "../../openapi/operations";
import { readSettings } from "../../settings";
import { incidentWrite } from "../../write/incident";

function time(text: string | undefined): string | null {
  const ms = text ? parseTimestamp(text) : null;
  return ms === null ? null : iso(ms);
}

/** Only the annotations the settings name are published: others may hold internal hosts or runbooks. */
function published(annotations: Record<string, string>, allowed: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    allowed.filter((k) => Object.hasOwn(annotations, k)).map((k) => [k, annotations[k] as string]),
  );
}

/**
 * POST /api/integrations/alertmanager: Alertmanager's webhook (version 4).
 * One incident per alert group; it resolves when all the group's alerts have.
 * Alerts that name no component are reported and skipped; the rest act.
 * Redelivering a payload changes nothing (each alert's last status is kept).
 */
export const alertmanager = new Hono<AppEnv>()
  .post("/", documented(OPS.alertmanagerWebhook), async (c) => {
    const payload = await readBody(c, OPS.alertmanagerWebhook);
    const db = c.env.DB;
    const [config, components] = await Promise.all([alertConfig(db), listComponents(db)]);
    const now = iso(Date.now());
    const { matched, refused } = matchAlerts(
      payload.alerts.map((a) => ({ ...a, startsAt: time(a.startsAt), endsAt: time(a.endsAt) })),
      config,
      components,
    );
    if (matched.length === 0) {
      const first = refused.slice(0, 3).map((r) => r.message);
      throw new Problem(422, `No alert names a known component (${first.join("; ")}); nothing was written`, {
        errors: refused,
      });
    }
    if (refused.length > 0) {
      console.warn(
        `alertmanager: ${refused.length} alert(s) skipped: ${refused.map((r) => `${r.path} ${r.message}`).join("; ")}`,
      );
    }

    const state = await groupState(db, payload.groupKey);
    const stored = new Map(state.alerts.map((a) => [a.fingerprint, a]));
    const changes = matched.filter((a) => stored.get(a.fingerprint)?.status !== a.status);
    const existing = state.incidentId ? await getIncident(db, state.incidentId) : null;
    if (changes.length === 0) {
      return c.json({ data: { incident: existing?.id ?? null, changed: 0, skipped: refused } });
    }
    for (const a of changes) stored.set(a.fingerprint, a);

    const open = existing && existing.endedAt === null ? existing : null;
    const phases = await allPhases(db);
    const generation = open?.phase.generation ?? Math.max(1, ...phases.counts.keys());
    const planned = groupIncident({
      open,
      alerts: [...stored.values()],
      changes,
      annotations: published(payload.commonAnnotations, readSettings(c.env).alertmanagerAnnotations),
      groupName: payload.groupLabels.alertname ?? null,
      phases: {
        generation,
        opening: openingOrder(phases.lists.get(generation) ?? [], false),
        count: phases.counts.get(generation) ?? 1,
      },
      now,
    });
    const statements = changes.map((a) => upsertAlert(db, payload.groupKey, a, now));
    const write = planned
      ? await incidentWrite(db, {
          before: open,
          after: planned.after,
          update: { title: planned.title, text: planned.text },
          now,
        })
      : null;
    if (planned && write) {
      statements.push(...write.statements);
      if (!open) statements.push(setGroupIncident(db, payload.groupKey, planned.after.id, now));
    }
    await commit(
      c,
      statements,
      { action: "alertmanager.receive", resourceId: planned?.after.id ?? null },
      write?.derived ?? {},
    );
    return c.json({
      data: {
        incident: planned?.after.id ?? existing?.id ?? null,
        changed: changes.length,
        skipped: refused,
      },
    });
  })
  .get("/config", documented(OPS.getAlertmanagerConfig), async (c) =>
    c.json({ data: await alertConfig(c.env.DB) }),
  )
  .put("/config", documented(OPS.putAlertmanagerConfig), async (c) => {
    const input = await readBody(c, OPS.putAlertmanagerConfig);
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
