import { beforeAll, describe, expect, it } from "vitest";
import { api, call, component, create, IMPACT_TYPES } from "../helpers/request";
import { executableProblems, XSS_VECTORS } from "../helpers/xss";

const ids: { incidents: string[]; components: string[] } = { incidents: [], components: [] };

beforeAll(async () => {
  const now = Date.now();
  for (const [n, vector] of XSS_VECTORS.entries()) {
    const comp = await component(vector.slice(0, 200), {
      description: vector,
      labels: { [`k${n}`]: vector },
    });
    ids.components.push(comp);
    const incident = await create("/incidents", {
      displayName: vector.slice(0, 200),
      description: vector,
      beganAt: new Date(now - 60_000 * (n + 1)).toISOString(),
      affects: [{ reference: comp, type: IMPACT_TYPES.unknown, severity: 50 }],
    });
    ids.incidents.push(incident);
    await api(`/incidents/${incident}/updates`, {
      body: { displayName: vector.slice(0, 200), description: vector },
    });
  }
}, 60_000);

describe("user text is never executable", () => {
  it(`uses a corpus of ${XSS_VECTORS.length} vectors`, () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
  });

  it("on the home page", async () => {
    const body = await (await call("/")).text();
    for (const vector of XSS_VECTORS.filter((v) => v.includes("<"))) expect(body).not.toContain(vector);
    expect(executableProblems(body)).toEqual([]);
  });

  it("on every incident page", async () => {
    for (const id of ids.incidents) {
      const body = await (await call(`/incidents/${id}`)).text();
      expect(executableProblems(body), id).toEqual([]);
    }
  });

  it("on every component page and the history", async () => {
    for (const id of ids.components)
      expect(executableProblems(await (await call(`/components/${id}`)).text())).toEqual([]);
    expect(executableProblems(await (await call("/history")).text())).toEqual([]);
  });

  it("turns unsafe Markdown links into plain text and drops images", async () => {
    const body = await (
      await call(`/incidents/${ids.incidents[XSS_VECTORS.indexOf("[click](javascript:alert(1))")]}`)
    ).text();
    expect(body).toContain("[click](javascript:alert(1))");
    expect(body).not.toContain('href="javascript');
    const image = await (
      await call(`/incidents/${ids.incidents[XSS_VECTORS.indexOf("![x](https://evil.example/track.png)")]}`)
    ).text();
    // Images are off: the Markdown image becomes a plain link, which loads nothing.
    expect(image).not.toMatch(/<img[^>]*evil\.example/);
    expect(image).toContain(
      '<a href="https://evil.example/track.png" rel="nofollow noopener noreferrer">x</a>',
    );
  });
});
