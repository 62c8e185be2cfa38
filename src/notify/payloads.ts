/**
 * Delivery bodies: Statuspage's webhook shape (plus an `event` field), Slack
 * incoming-webhook blocks, or Discord embeds. User text is escaped for each
 * target and mentions are switched off.
 */
import type { WebhookFormat } from "../db/webhooks";
import type { EventBody, IncidentFacts } from "../domain/events";
import type { ComponentStatus } from "../domain/severity";
import { type Locale, localeOf } from "../i18n/locale";
import { phaseLabel, statusLabel } from "../i18n/words";

export type PageInfo = {
  id: string;
  name: string;
  url: string;
  indicator: string;
  description: string;
  /** The page's default language: chat messages are written in it. */
  language: string;
};

const COMPONENT_STATUSES = new Set([
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
]);

/** A component status or an incident phase, in words. */
function label(l: Locale, status: string): string {
  return COMPONENT_STATUSES.has(status) ? statusLabel(l, status as ComponentStatus) : phaseLabel(l, status);
}

const COLOR: Record<string, number> = {
  none: 0x2e7d32,
  minor: 0x8a6500,
  major: 0xb3470b,
  critical: 0xc62828,
  maintenance: 0x0b63c4,
  operational: 0x2e7d32,
  degraded_performance: 0x8a6500,
  partial_outage: 0xb3470b,
  major_outage: 0xc62828,
  under_maintenance: 0x0b63c4,
};

function statuspageIncident(i: IncidentFacts, page: PageInfo) {
  const resolved = i.endedAt !== null && (i.status === "resolved" || i.status === "completed");
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    monitoring_at: i.monitoringAt,
    resolved_at: resolved ? i.endedAt : null,
    impact: i.impact,
    shortlink: `${page.url}/incidents/${i.id}`,
    started_at: i.beganAt,
    page_id: page.id,
    incident_updates: i.update
      ? [
          {
            id: i.update.id,
            status: i.status,
            body: i.update.text,
            incident_id: i.id,
            created_at: i.update.at,
            updated_at: i.update.at,
            display_at: i.update.at,
            affected_components: null,
            deliver_notifications: true,
            custom_tweet: null,
            tweet_id: null,
          },
        ]
      : [],
    components: i.components.map((c) => ({ id: c.id, name: c.name, status: c.status, page_id: page.id })),
    ...(i.maintenance ? { scheduled_for: i.beganAt, scheduled_until: i.endedAt } : {}),
  };
}

/** Slack mrkdwn: &, < and > are its only control characters. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function headline(
  body: EventBody,
  l: Locale,
): {
  title: string;
  text: string;
  color: number;
  link: string | null;
} {
  if (body.component) {
    const c = body.component;
    return {
      title: l.t("chat.componentTitle", { name: c.name, status: label(l, c.newStatus) }),
      text: l.t("chat.was", { status: label(l, c.oldStatus) }),
      color: COLOR[c.newStatus] ?? 0x6e7781,
      link: null,
    };
  }
  const i = body.incident as IncidentFacts;
  const parts = [
    i.update ? `${i.update.title}: ${i.update.text}` : null,
    i.components.length ? l.t("chat.affected", { names: i.components.map((c) => c.name).join(", ") }) : null,
  ].filter(Boolean);
  return {
    title: `[${label(l, i.status)}] ${i.name}`,
    text: parts.join("\n") || l.t("chat.noDetails"),
    color: COLOR[i.maintenance ? "maintenance" : i.impact] ?? 0x6e7781,
    link: i.id,
  };
}

export function deliveryBody(format: WebhookFormat, body: EventBody, page: PageInfo): unknown {
  if (format === "statuspage") {
    const base = {
      meta: { unsubscribe: null, documentation: `${page.url}/api/openapi.json` },
      page: { id: page.id, status_indicator: page.indicator, status_description: page.description },
      event: body.event,
    };
    if (body.component) {
      const c = body.component;
      return {
        ...base,
        component_update: {
          created_at: body.at,
          new_status: c.newStatus,
          old_status: c.oldStatus,
          id: `${c.id}-${body.at}`,
          component_id: c.id,
        },
        component: { created_at: c.createdAt ?? body.at, id: c.id, name: c.name, status: c.newStatus },
      };
    }
    return { ...base, incident: statuspageIncident(body.incident as IncidentFacts, page) };
  }
  const h = headline(body, localeOf(page.language));
  const url = h.link ? `${page.url}/incidents/${h.link}` : `${page.url}/`;
  if (format === "slack") {
    return {
      text: `${h.title} (${page.name})`,
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: `*<${url}|${slackEscape(h.title)}>*\n${slackEscape(h.text)}` },
        },
        {
          type: "context",
          elements: [{ type: "mrkdwn", text: `${slackEscape(page.name)} · ${body.event} · ${body.at}` }],
        },
      ],
    };
  }
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: h.title.slice(0, 256),
        description: h.text.slice(0, 4000),
        url,
        color: h.color,
        timestamp: body.at,
        footer: { text: `${page.name} · ${body.event}`.slice(0, 2000) },
      },
    ],
  };
}
