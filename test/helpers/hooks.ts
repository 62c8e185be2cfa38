import { env } from "cloudflare:workers";
import { runDeliveries } from "../../src/notify/deliver";
import { pageInfo } from "../../src/notify/page-info";
import { httpUrl } from "./monitors";
import { api, json } from "./request";

export type Received = {
  at: number;
  id: string;
  verified: boolean;
  event: string | null;
  body: Record<string, unknown>;
  headers: Record<string, string>;
};

/** A receiver on the test upstream, subscribed as a webhook; its secret is handed to the receiver. */
export async function subscribe(
  name: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; secret: string }> {
  const res = await api("/webhooks", { body: { url: httpUrl(`/hooks/${name}`), ...extra } });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  const created = await res.json<{ id: string; secret: string }>();
  await configure(name, { secret: created.secret });
  return created;
}

export async function configure(
  name: string,
  config: { secret?: string; status?: number; delay?: number },
): Promise<void> {
  await fetch(httpUrl(`/hooks/${name}/config`), { method: "POST", body: JSON.stringify(config) });
}

export async function received(name: string): Promise<Received[]> {
  return (await fetch(httpUrl(`/hooks/${name}/received`))).json();
}

export async function waitForReceived(name: string, count: number, timeoutMs = 5000): Promise<Received[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await received(name);
    if (list.length >= count) return list;
    if (Date.now() > deadline) throw new Error(`${name}: ${list.length} of ${count} deliveries arrived`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A delivery run at a given moment, as the cron makes it. */
export function deliverAt(now: number, timeoutMs?: number) {
  return runDeliveries(env, now, () => pageInfo(env, now, "https://status.example"), undefined, 5, timeoutMs);
}

export async function deliveries(webhookId: string) {
  return (await json(api(`/webhooks/${webhookId}/deliveries`))).data as {
    id: number;
    eventId: string;
    event: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];
}
