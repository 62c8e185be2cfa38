import { describe, expect, it } from "vitest";
import { type AutoContext, autoIncidentChange } from "../../src/domain/auto-incident";
import { SEEDED_IMPACT_TYPES } from "../../src/domain/impact-types";
import type { Incident } from "../../src/domain/incident";
import { autoWords } from "../../src/i18n/auto-words";
import { localeOf } from "../../src/i18n/locale";
import { monitor } from "../helpers/monitors";

const NOW = Date.UTC(2026, 10, 29, 18, 5);
const m = monitor(
  "http",
  { url: "https://api.example/" },
  { displayName: "api check", componentId: "comp-1", severity: 90 },
);

function context(open: Incident | null = null): AutoContext {
  return {
    open,
    componentName: "Checkout API",
    firstPhase: { generation: 1, order: 0 },
    lastPhaseOrder: () => 4,
    timeZone: "Europe/Berlin",
    now: NOW,
    words: autoWords(localeOf("en")),
  };
}

describe("auto-incidents", () => {
  it("are written in the page's language, as an operator there would write them", () => {
    const change = autoIncidentChange(
      m,
      { kind: "worse", from: "up", to: "down", since: "2026-11-29T18:02:00.000Z", reason: "HTTP 503" },
      { ...context(), words: autoWords(localeOf("de")) },
    );
    expect(change?.after.displayName).toBe("Checkout API ist ausgefallen");
    expect(change?.update.title).toBe("Wird untersucht");
    expect(change?.update.text).toBe(
      "Checkout API ist ausgefallen seit 29. Nov. 2026, 19:02 MEZ (HTTP 503). Wir sehen uns das an.",
    );
  });

  it("open one incident named after the component and symptom, with times as the page shows them", () => {
    const change = autoIncidentChange(
      m,
      { kind: "worse", from: "up", to: "down", since: "2026-11-29T18:02:00.000Z", reason: "HTTP 503" },
      context(),
    );
    expect(change?.before).toBeNull();
    expect(change?.after).toMatchObject({
      displayName: "Checkout API is down",
      beganAt: "2026-11-29T18:02:00.000Z",
      affects: [{ reference: "comp-1", type: SEEDED_IMPACT_TYPES.connectivity, severity: 90 }],
    });
    expect(change?.update.text).toContain("29 Nov 2026, 19:02 CET");
    expect(change?.update.text).toContain("HTTP 503");
    expect(change?.update.text).not.toContain("2026-11-29T");
  });

  it("post nothing for a new reason while still failing", () => {
    const open = autoIncidentChange(
      m,
      { kind: "worse", from: "up", to: "down", since: "2026-11-29T18:02:00.000Z", reason: "HTTP 503" },
      context(),
    )?.after as Incident;
    expect(autoIncidentChange(m, { kind: "reason", reason: "HTTP 502" }, context(open))).toBeNull();
  });

  it("resolve at the first success, in the last phase, saying how long it lasted", () => {
    const open = autoIncidentChange(
      m,
      { kind: "worse", from: "up", to: "down", since: "2026-11-29T17:00:00.000Z", reason: null },
      context(),
    )?.after as Incident;
    const change = autoIncidentChange(
      m,
      { kind: "recovered", from: "down", since: "2026-11-29T18:05:00.000Z" },
      context(open),
    );
    expect(change?.after).toMatchObject({ endedAt: "2026-11-29T18:05:00.000Z", phase: { order: 4 } });
    expect(change?.update.text).toContain("1 h 5 min");
  });

  it("leave an incident an operator closed alone", () => {
    const closed = {
      ...(autoIncidentChange(
        m,
        { kind: "worse", from: "up", to: "down", since: "2026-11-29T17:00:00.000Z", reason: null },
        context(),
      )?.after as Incident),
      endedAt: "2026-11-29T17:30:00.000Z",
    };
    expect(
      autoIncidentChange(
        m,
        { kind: "recovered", from: "down", since: "2026-11-29T18:05:00.000Z" },
        context(closed),
      ),
    ).toBeNull();
  });
});
