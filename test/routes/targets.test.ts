import { describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../helpers/constants";
import { fingerprint } from "../helpers/request";
import { callWith } from "../helpers/worker";

/** The API with the guard on, as a deployment without ALLOW_PRIVATE_TARGETS runs it. */
function guarded(path: string, body: unknown, method = "POST") {
  return callWith({ ALLOW_PRIVATE_TARGETS: "false" }, `/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function refusal(res: Response) {
  expect(res.status).toBe(400);
  expect(res.headers.get("Content-Type")).toContain("application/problem+json");
  return (await res.json<{ errors: { path: string; message: string }[] }>()).errors[0];
}

describe("monitors and webhooks with private targets", () => {
  it("refuse an HTTP monitor on a loopback, private or metadata address, and write nothing", async () => {
    const before = await fingerprint();
    for (const url of ["http://0x7f000001/", "http://[::1]:8080/", "http://169.254.169.254/latest"]) {
      const res = await guarded("/monitors", { displayName: "probe", kind: "http", url });
      expect(await refusal(res)).toMatchObject({ path: "url", message: expect.stringContaining("private") });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("refuse a TCP check on a private host, naming the host field", async () => {
    const res = await guarded("/monitors", { displayName: "scan", kind: "tcp", host: "10.0.0.7", port: 22 });
    expect(await refusal(res)).toMatchObject({ path: "host" });
  });

  it("refuse a webhook to a metadata host, and accept a public one", async () => {
    const res = await guarded("/webhooks", { url: "https://metadata.google.internal/hook" });
    expect(await refusal(res)).toMatchObject({ path: "url" });
    const ok = await guarded("/webhooks", { url: "https://hooks.example.com/beacon" });
    expect(ok.status).toBe(201);
  });

  it("refuse a PATCH that moves a monitor onto a private address", async () => {
    const created = await guarded("/monitors", {
      displayName: "public",
      kind: "http",
      url: "https://example.com/",
    });
    const { id } = await created.json<{ id: string }>();
    const res = await guarded(`/monitors/${id}`, { url: "http://192.168.1.1/admin" }, "PATCH");
    expect(await refusal(res)).toMatchObject({ path: "url" });
  });
});
