import { describe, expect, it } from "vitest";
import { httpUrl, upstream } from "../helpers/monitors";
import { api, create, json } from "../helpers/request";
import { freshMinutes, tickAt } from "../helpers/ticks";

/** The headers each request to /record/<name> carried. */
async function recorded(name: string): Promise<Record<string, string>[]> {
  return (await fetch(httpUrl(`/record/${name}/log`))).json();
}

/** The same upstream under another origin (a different host name). */
const otherOrigin = (path: string) => `http://localhost:${upstream().http}${path}`;

const SECRETS = { Authorization: "Bearer s3cret-value", "X-Api-Key": "key-123", Accept: "text/plain" };

describe("a monitor's stored headers", () => {
  it("are dropped when a PATCH moves the URL to another origin, so the new host never sees them", async () => {
    const id = await create("/monitors", {
      displayName: "moved",
      kind: "http",
      url: httpUrl("/record/before-move"),
      headers: SECRETS,
    });
    const t0 = freshMinutes(2);
    await tickAt(t0);
    expect((await recorded("before-move"))[0]).toMatchObject({ authorization: "Bearer s3cret-value" });

    const res = await api(`/monitors/${id}`, {
      method: "PATCH",
      body: { url: otherOrigin("/record/after-move") },
    });
    expect(res.status).toBe(204);
    expect((await json(api(`/monitors/${id}`))).data.secretHeaders).toEqual([]);
    await tickAt(t0 + 60_000);
    const [after] = await recorded("after-move");
    expect(after).toBeDefined();
    expect(after?.authorization).toBeUndefined();
    expect(after?.["x-api-key"]).toBeUndefined();
    expect(after?.accept).toBe("text/plain");
  });

  it("stay when the PATCH sends them again, or the origin does not change", async () => {
    const id = await create("/monitors", {
      displayName: "kept",
      kind: "http",
      url: httpUrl("/record/kept-1"),
      headers: SECRETS,
    });
    await api(`/monitors/${id}`, { method: "PATCH", body: { url: httpUrl("/record/kept-2") } });
    expect((await json(api(`/monitors/${id}`))).data.secretHeaders).toEqual(["Authorization", "X-Api-Key"]);
    await api(`/monitors/${id}`, {
      method: "PATCH",
      body: { url: otherOrigin("/record/kept-3"), headers: { Authorization: "Bearer for-the-new-host" } },
    });
    await tickAt(freshMinutes(1));
    expect((await recorded("kept-3"))[0]).toMatchObject({ authorization: "Bearer for-the-new-host" });
    expect((await recorded("kept-3"))[0]?.["x-api-key"]).toBeUndefined();
  });

  it("are not forwarded on a redirect to another origin, and are on one within the origin", async () => {
    await create("/monitors", {
      displayName: "redirected away",
      kind: "http",
      url: httpUrl(`/goto?to=${encodeURIComponent(otherOrigin("/record/redirect-away"))}`),
      followRedirects: true,
      headers: SECRETS,
    });
    await create("/monitors", {
      displayName: "redirected home",
      kind: "http",
      url: httpUrl(`/goto?to=${encodeURIComponent("/record/redirect-home")}`),
      followRedirects: true,
      headers: SECRETS,
    });
    await tickAt(freshMinutes(1));
    expect((await recorded("redirect-away"))[0]?.authorization).toBeUndefined();
    expect((await recorded("redirect-home"))[0]?.authorization).toBe("Bearer s3cret-value");
  });
});
