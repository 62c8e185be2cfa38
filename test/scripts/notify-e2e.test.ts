import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { impactTypes } from "../../scripts/lib/impact-types.mjs";
import { startRunner } from "./runner-harness";

const TOKEN = "notify-e2e-admin";
const dataDir = await mkdtemp(path.join(tmpdir(), "beacon-notify-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("notifications against npm start", () => {
  it("delivers a signed incident.created to a local receiver, and turns a repeated Alertmanager payload into one incident", async () => {
    let secret = "";
    const got: { verified: boolean; event: string | undefined }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        try {
          const payload = new Webhook(secret).verify(body, headers) as { event?: string };
          got.push({ verified: true, event: payload.event });
        } catch {
          got.push({ verified: false, event: undefined });
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    const port = (receiver.address() as { port: number }).port;
    const runner = await startRunner({
      DATA_DIR: dataDir,
      CRON: "0",
      SEED_DEMO: "0",
      ADMIN_TOKEN: TOKEN,
      ALLOW_HTTP_WEBHOOKS: "true",
      ALLOW_PRIVATE_TARGETS: "true",
    });
    const call = async (p: string, body: unknown) => {
      const res = await fetch(`${runner.url}/api${p}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the test reads loosely-typed bodies
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    try {
      const hook = await call("/webhooks", {
        url: `http://127.0.0.1:${port}/beacon`,
        events: ["incident.created"],
      });
      expect(hook.status).toBe(201);
      secret = hook.body.secret;
      const comp = await call("/components", { displayName: "Gateway" });
      const types = await impactTypes(runner.url);
      await call("/incidents", {
        displayName: "Gateway errors",
        beganAt: new Date().toISOString(),
        affects: [{ reference: comp.body.id, type: types.connectivity, severity: 100 }],
      });
      const deadline = Date.now() + 10_000;
      while (got.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(got[0]).toEqual({ verified: true, event: "incident.created" });

      const alert = {
        version: "4",
        groupKey: '{}:{alertname="GatewayDown"}',
        status: "firing",
        receiver: "beacon",
        groupLabels: { alertname: "GatewayDown" },
        commonLabels: {},
        commonAnnotations: { summary: "Gateway down" },
        externalURL: "http://am",
        alerts: [
          {
            status: "firing",
            labels: { alertname: "GatewayDown", component: "gateway", severity: "critical" },
            annotations: {},
            startsAt: new Date().toISOString(),
            endsAt: "0001-01-01T00:00:00Z",
            generatorURL: "",
            fingerprint: "gw1",
          },
        ],
      };
      const first = await call("/integrations/alertmanager", alert);
      const second = await call("/integrations/alertmanager", alert);
      expect(first.body.data.incident).toBe(second.body.data.incident);
      expect(second.body.data.changed).toBe(0);
      const resolved = await call("/integrations/alertmanager", {
        ...alert,
        status: "resolved",
        alerts: [{ ...alert.alerts[0], status: "resolved", endsAt: new Date().toISOString() }],
      });
      expect(resolved.status).toBe(200);
      const incident = (await (
        await fetch(`${runner.url}/api/incidents/${first.body.data.incident}`)
      ).json()) as { data: { endedAt: string | null } };
      expect(incident.data.endedAt).not.toBeNull();
    } finally {
      await runner.stop();
      receiver.close();
    }
  });
});
