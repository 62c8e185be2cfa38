import { describe, expect, it } from "vitest";
import { FOLD_GROUPS_OVER_BARS } from "../../src/models/home";
import { groupFolds, stripCells } from "../helpers/html";
import { call, component, create, IMPACT_TYPES } from "../helpers/request";

const home = async () => (await call("/")).text();

describe("groups on the home page", () => {
  it("show their members on a page of up to 12 bars, and fold those where all is well on a longer page, keeping a group with trouble open", async () => {
    const quiet = await component("Quiet group", { position: 1 });
    await component("Quiet one", { group: quiet, position: 1 });
    await component("Quiet two", { group: quiet, position: 2 });
    const busy = await component("Busy group", { position: 2 });
    const hit = await component("Busy one", { group: busy, position: 1 });
    await component("Busy two", { group: busy, position: 2 });
    await create("/incidents", {
      displayName: "Busy one is slow",
      beganAt: new Date(Date.now() - 60_000).toISOString(),
      affects: [{ reference: hit, type: IMPACT_TYPES.performance, severity: 30 }],
    });

    // 4 bars: every group is open.
    let groups = groupFolds(await home());
    expect(groups.get("Quiet group")).toEqual({
      open: true,
      summary: "2 components",
      members: ["Quiet one", "Quiet two"],
      bars: 2,
    });
    expect(groups.get("Busy group")?.open).toBe(true);

    // Up to the limit, still open; one bar more and the quiet group folds.
    for (let i = 4; i < FOLD_GROUPS_OVER_BARS; i++) await component(`Service ${i}`, { position: 10 + i });
    expect(groupFolds(await home()).get("Quiet group")?.open).toBe(true);
    await component("One too many", { position: 99 });
    const page = await home();
    groups = groupFolds(page);
    // Folded, its members and their bars are still in the page: a summary (or Enter) away, without script.
    expect(groups.get("Quiet group")).toEqual({
      open: false,
      summary: "2 components",
      members: ["Quiet one", "Quiet two"],
      bars: 2,
    });
    expect(groups.get("Busy group")).toMatchObject({ open: true, bars: 2 });
    expect(stripCells(page).size).toBe(FOLD_GROUPS_OVER_BARS + 1);
  });
});
