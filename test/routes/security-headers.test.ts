import { describe, expect, it } from "vitest";
import { call } from "../helpers/request";

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get("Content-Security-Policy")).toBe(CSP);
  expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  expect(res.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d+/);
}

describe("security headers", () => {
  it("are set on an HTML page", async () => {
    const res = await call("/");
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expectSecurityHeaders(res);
  });

  it("are set on a JSON response", async () => {
    const res = await call("/healthz");
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expectSecurityHeaders(res);
  });

  it("are set on an API error and an HTML error", async () => {
    expectSecurityHeaders(await call("/api/missing"));
    expectSecurityHeaders(await call("/missing"));
  });

  it("leave out HSTS on plain http", async () => {
    const { exports } = await import("cloudflare:workers");
    const res = await exports.default.fetch("http://localhost/healthz");
    expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
