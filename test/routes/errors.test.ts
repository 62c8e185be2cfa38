import { describe, expect, it } from "vitest";
import { call } from "../helpers/request";

describe("not found", () => {
  it("answers an unknown /api path with a problem document", async () => {
    const res = await call("/api/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(await res.json()).toEqual({
      type: "about:blank",
      title: "Not Found",
      status: 404,
      detail: "No route for GET /api/nope",
    });
  });

  it("answers an unknown page with an HTML error page in the site layout", async () => {
    const res = await call("/no-such-page");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toMatch(/^<!doctype html>/);
    expect(body).toContain('<h1 id="error-title">Not Found</h1>');
    expect(body).toContain('href="/style.css"');
  });
});
