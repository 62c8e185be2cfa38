import { describe, expect, it } from "vitest";
import type { EventBody } from "../../src/domain/events";
import { deliveryBody, type PageInfo } from "../../src/notify/payloads";

const page = (language: string): PageInfo => ({
  id: "p",
  name: "Beacon",
  url: "https://status.example",
  indicator: "major",
  description: "Partial System Outage",
  language,
});

const incident: EventBody = {
  event: "incident.updated",
  at: "2026-11-29T18:05:00.000Z",
  incident: {
    id: "0f0e0d0c-0b0a-4909-8807-060504030201",
    name: "Datenbank langsam",
    status: "investigating",
    impact: "major",
    maintenance: false,
    beganAt: "2026-11-29T18:00:00.000Z",
    endedAt: null,
    createdAt: "2026-11-29T18:00:00.000Z",
    updatedAt: "2026-11-29T18:05:00.000Z",
    monitoringAt: null,
    components: [{ id: "c", name: "Datenbank", status: "partial_outage" }],
    update: null,
  },
};

describe("chat messages", () => {
  it("are written in the page's language, with operator text as written", () => {
    const slack = deliveryBody("slack", incident, page("de")) as {
      text: string;
      blocks: { text?: { text: string } }[];
    };
    expect(slack.text).toBe("[Wird untersucht] Datenbank langsam (Beacon)");
    expect(slack.blocks[0]?.text?.text).toContain("Betroffen: Datenbank");
    const discord = deliveryBody("discord", incident, page("en")) as {
      embeds: { title: string; description: string }[];
    };
    expect(discord.embeds[0]?.title).toBe("[Investigating] Datenbank langsam");
    expect(discord.embeds[0]?.description).toBe("Affected: Datenbank");
  });

  it("keep the Statuspage format's own words whatever the language", () => {
    const body = deliveryBody("statuspage", incident, page("de")) as { incident: { status: string } };
    expect(body.incident.status).toBe("investigating");
  });
});
