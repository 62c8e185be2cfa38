/**
 * The XSS corpus through every user-text field into every output: pages,
 * feeds, badges, the calendar, and Slack and Discord payloads. And the
 * security headers on every route.
 */
import { Parser } from "htmlparser2";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { EventBody } from "../../src/domain/events";
import { deliveryBody } from "../../src/notify/payloads";
import { incidentFacts } from "../helpers/events";
import { api, call, component, create, IMPACT_TYPES, TEST_ADMIN_TOKEN } from "../helpers/request";
import { executableProblems, XSS_VECTORS } from "../helpers/xss";

const HOUR = 3_600_000;
const made: { component: string; incident: string; maintenance: string; vector: string }[] = [];

beforeAll(async () => {
  const now = Date.now();
  for (const [n, vector] of XSS_VECTORS.entries()) {
    const name = vector.slice(0, 200);
    const comp = await component(name, { description: vector, labels: { [`k${n}`]: vector } });
    const incident = await create("/incidents", {
      displayName: name,
      description: vector,
      beganAt: new Date(now - (n + 1) * 60_000).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.unknown, severity: 70 }],
    });
    await api(`/incidents/${incident}/updates`, { body: { displayName: name, description: vector } });
    // An update without a description: feeds fall back to its title.
    await api(`/incidents/${incident}/updates`, { body: { displayName: name } });
    const maintenance = await create("/incidents", {
      displayName: name,
      description: vector,
      beganAt: new Date(now + (n + 1) * HOUR).toISOString(),
      endedAt: new Date(now + (n + 2) * HOUR).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.maintenance, severity: 0 }],
    });
    await api(`/incidents/${maintenance}/updates`, { body: { displayName: name, description: vector } });
    made.push({ component: comp, incident, maintenance, vector });
  }
  await new Promise((r) => setTimeout(r, 150));
}, 120_000);

/**
 * Parses XML (feeds, SVG) as XML: no script elements, handlers or script URLs
 * anywhere, and the HTML that feed readers render (content, description,
 * summary) is checked as HTML. Titles are text to feed readers.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const html: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        stack.push(name);
        if (name === "script") problems.push("<script> in XML");
        for (const [key, value] of Object.entries(attrs)) {
          if (key.startsWith("on")) problems.push(`<${name} ${key}>`);
          if (/^(href|src|xlink:href)$/.test(key) && /^\s*(javascript|vbscript|data):/i.test(value))
            problems.push(`<${name} ${key}=${value}>`);
        }
      },
      ontext(text) {
        if (["content", "description", "summary"].includes(stack.at(-1) ?? "")) html.push(text);
      },
      onclosetag() {
        stack.pop();
      },
    },
    { xmlMode: true, recognizeCDATA: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  for (const fragment of html) problems.push(...executableProblems(fragment));
  return problems;
}

describe(`the XSS corpus (${XSS_VECTORS.length} vectors) through every output`, () => {
  it("pages", async () => {
    for (const path of ["/", "/history", "/history?page=2"])
      expect(executableProblems(await (await call(path)).text()), path).toEqual([]);
    for (const m of made) {
      for (const path of [
        `/incidents/${m.incident}`,
        `/incidents/${m.maintenance}`,
        `/components/${m.component}`,
      ]) {
        expect(executableProblems(await (await call(path)).text()), path).toEqual([]);
      }
    }
  });

  it("feeds", async () => {
    for (const path of [
      "/history.atom",
      "/history.rss",
      ...made.map((m) => `/components/${m.component}/history.atom`),
    ]) {
      expect(xmlProblems(await (await call(path)).text()), path).toEqual([]);
    }
  });

  it("badges and shields.io JSON", async () => {
    for (const m of made) {
      for (const path of [
        `/components/${m.component}/badge.svg`,
        `/components/${m.component}/uptime.svg?days=30`,
      ]) {
        const svg = await (await call(path)).text();
        expect(xmlProblems(svg), path).toEqual([]);
        if (m.vector.includes("<")) expect(svg).not.toContain(m.vector.slice(0, 200));
      }
      const shields = await (await call(`/components/${m.component}/shields.json`)).json<{ label: string }>();
      expect(shields.label).toBe(m.vector.slice(0, 200).trim());
    }
  });

  it("the calendar carries every vector as plain text", async () => {
    const text = await (await call("/maintenance.ics")).text();
    const events = new ICAL.Component(ICAL.parse(text))
      .getAllSubcomponents("vevent")
      .map((e) => new ICAL.Event(e));
    for (const m of made) {
      const event = events.find((e) => e.uid.startsWith(m.maintenance));
      expect(event?.summary, m.vector).toBe(m.vector.slice(0, 200).trim());
    }
  });

  it("Slack and Discord payloads", () => {
    const page = {
      id: "p",
      name: "Beacon",
      url: "https://status.example",
      language: "en",
      indicator: "none",
      description: "All Systems Operational",
    };
    for (const m of made) {
      const body: EventBody = {
        event: "incident.created",
        at: new Date().toISOString(),
        incident: incidentFacts({
          id: m.incident,
          name: m.vector,
          impact: "major",
          components: [{ id: m.component, name: m.vector, status: "major_outage" }],
          update: { id: "u", title: m.vector, text: m.vector, at: new Date().toISOString() },
        }),
      };
      const slack = JSON.stringify(deliveryBody("slack", body, page));
      const blocks = JSON.parse(slack).blocks as { text?: { text: string }; elements?: { text: string }[] }[];
      for (const b of blocks) {
        for (const t of [b.text?.text, ...(b.elements ?? []).map((e) => e.text)]) {
          if (!t) continue;
          // Slack's only control characters are &, < and >; the one link is ours.
          expect(t.replace(/^\*<https:\/\/status\.example\/incidents\/[0-9a-f-]+\|/, "*")).not.toMatch(
            /<[^>]*>/,
          );
        }
      }
      const discord = deliveryBody("discord", body, page) as {
        allowed_mentions: { parse: string[] };
        embeds: { url: string }[];
      };
      expect(discord.allowed_mentions).toEqual({ parse: [] });
      expect(discord.embeds[0]?.url).toBe(`https://status.example/incidents/${m.incident}`);
    }
  });
});

describe("headers on every route", () => {
  const CSP =
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  it("CSP and nosniff everywhere, and no-store on every authenticated answer", async () => {
    const m = made[0];
    const publicPaths = [
      "/",
      "/history",
      `/incidents/${m?.incident}`,
      `/components/${m?.component}`,
      "/healthz",
      "/history.atom",
      "/history.rss",
      `/components/${m?.component}/history.atom`,
      "/maintenance.ics",
      "/badge.svg",
      `/components/${m?.component}/badge.svg`,
      `/components/${m?.component}/uptime.svg`,
      `/components/${m?.component}/shields.json`,
      "/api/components",
      `/api/components/${m?.component}`,
      "/api/incidents",
      `/api/incidents/${m?.incident}`,
      `/api/incidents/${m?.incident}/updates`,
      "/api/phases",
      "/api/severities",
      "/api/impacttypes",
      "/api/openapi.json",
      "/api/v2/summary.json",
      "/api/v2/status.json",
      "/nope",
      "/api/nope",
    ];
    const authed = [
      "/api/tokens",
      "/api/audit",
      "/api/monitors",
      "/api/webhooks",
      "/api/integrations/alertmanager/config",
      "/metrics",
    ];
    for (const path of publicPaths) {
      const res = await call(path);
      expect(res.headers.get("Content-Security-Policy"), path).toBe(CSP);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      await res.body?.cancel();
    }
    for (const path of authed) {
      const res = await call(path, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
      expect(res.headers.get("Content-Security-Policy"), path).toBe(CSP);
      expect(res.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
      await res.body?.cancel();
    }
  });
});
