import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("reports D1 and KV up with the applied migration", async () => {
    const res = await exports.default.fetch("https://status.example/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json<Record<string, unknown>>();
    expect(body).toEqual({ status: "ok", migration: expect.stringMatching(/^\d{4}_/), d1: true, kv: true });
  });
});
