import { describe, expect, it } from "vitest";
import {
  emptyUsage,
  FREE_PLAN_MAX_INCIDENT_CHANGES_PER_RUN,
  FREE_PLAN_MAX_PROBES_PER_RUN,
  PAID_PLAN_MAX_PROBES_PER_RUN,
  parsePlan,
  usageLines,
} from "../../src/domain/plan";
import { readSettings } from "../../src/settings";

const settingsOf = (vars: Partial<Env>) => readSettings(vars as Env);

describe("plans", () => {
  it("reads PLAN as free unless it says paid", () => {
    expect(parsePlan("paid")).toBe("paid");
    expect(parsePlan(" PAID ")).toBe("paid");
    expect(parsePlan("")).toBe("free");
    expect(parsePlan("enterprise")).toBe("free");
    expect(parsePlan(undefined)).toBe("free");
  });

  it("lets MAX_PROBES_PER_RUN follow the plan unless it is set", () => {
    expect(settingsOf({ PLAN: "free", MAX_PROBES_PER_RUN: "" }).maxProbesPerRun).toBe(
      FREE_PLAN_MAX_PROBES_PER_RUN,
    );
    expect(settingsOf({ PLAN: "paid", MAX_PROBES_PER_RUN: "" }).maxProbesPerRun).toBe(
      PAID_PLAN_MAX_PROBES_PER_RUN,
    );
    expect(settingsOf({ PLAN: "free", MAX_PROBES_PER_RUN: "25" }).maxProbesPerRun).toBe(25);
    expect(settingsOf({ PLAN: "free", MAX_PROBES_PER_RUN: "-1" }).maxProbesPerRun).toBe(
      FREE_PLAN_MAX_PROBES_PER_RUN,
    );
  });

  it("lets MAX_INCIDENT_CHANGES_PER_RUN follow the plan unless it is set to 1 or more", () => {
    expect(settingsOf({ PLAN: "free" }).maxIncidentChangesPerRun).toBe(
      FREE_PLAN_MAX_INCIDENT_CHANGES_PER_RUN,
    );
    expect(settingsOf({ PLAN: "paid" }).maxIncidentChangesPerRun).toBe(Number.POSITIVE_INFINITY);
    expect(settingsOf({ PLAN: "paid", MAX_INCIDENT_CHANGES_PER_RUN: "7" }).maxIncidentChangesPerRun).toBe(7);
    // 0 would leave every outage waiting for ever: refused, the plan's default holds.
    expect(settingsOf({ PLAN: "free", MAX_INCIDENT_CHANGES_PER_RUN: "0" }).maxIncidentChangesPerRun).toBe(
      FREE_PLAN_MAX_INCIDENT_CHANGES_PER_RUN,
    );
  });

  it("warns at 80 % of a limit, not before, and never where the plan has none", () => {
    const at = (rows: number) => ({ ...emptyUsage("2026-12-04"), d1_rows_written: rows });
    const line = (rows: number, plan: "free" | "paid") =>
      usageLines(at(rows), plan).find((l) => l.metric === "d1_rows_written");
    expect(line(79_999, "free")).toMatchObject({ fraction: 0.79999, warning: false });
    expect(line(80_000, "free")).toMatchObject({ fraction: 0.8, warning: true });
    expect(line(500_000, "paid")).toMatchObject({ limit: null, fraction: null, warning: false });
    // CPU cannot be read inside the Worker: no value, no warning.
    expect(usageLines(at(0), "free").find((l) => l.metric === "cron_cpu_ms_max")).toMatchObject({
      value: null,
      warning: false,
    });
  });
});
