/**
 * Real upstreams on 127.0.0.1 for the probe tests: an HTTP server with
 * behaviours chosen by path, a TCP server, and a port nobody listens on.
 * Runs in Node (vitest globalSetup) and hands the ports to the tests.
 */
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { Webhook } from "standardwebhooks";
import type { TestProject } from "vitest/node";

const switches = new Map<string, number>();
/** Request headers each recorder saw, by name: what a probe sent, hop by hop. */
const recorded = new Map<string, Record<string, string>[]>();

/** Webhook receivers: each verifies signatures with the standardwebhooks library and records what came. */
type Received = {
  at: number;
  id: string | undefined;
  verified: boolean;
  event: string | null;
  body: unknown;
  headers: Record<string, string>;
};
const hooks = new Map<
  string,
  { secret: string | null; status: number; delay: number; received: Received[] }
>();

function hookFor(name: string) {
  let hook = hooks.get(name);
  if (!hook) {
    hook = { secret: null, status: 200, delay: 0, received: [] };
    hooks.set(name, hook);
  }
  return hook;
}

function readBody(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.on("data", (d) => {
      text += d;
    });
    req.on("end", () => resolve(text));
  });
}
let bigBytesSent = 0;

function httpServer(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [, route, arg] = url.pathname.split("/");
    switch (route) {
      case "ok":
        res.writeHead(200, { "Content-Type": "text/plain" }).end("all good here");
        return;
      case "status":
        res.writeHead(Number(arg) || 500).end(`status ${arg}`);
        return;
      case "slow":
        setTimeout(() => res.writeHead(200).end("finally"), Number(arg) || 500);
        return;
      case "hang":
        return; // never answers
      case "redirect":
        res.writeHead(301, { Location: "/ok" }).end();
        return;
      case "text":
        res
          .writeHead(200, { "Content-Type": "text/plain" })
          .end(`the page says: ${decodeURIComponent(arg ?? "")}`);
        return;
      case "record": {
        // GET /record/<name> answers 200 and keeps the request's headers; /record/<name>/log lists them.
        const list = recorded.get(arg ?? "") ?? [];
        recorded.set(arg ?? "", list);
        if (url.pathname.split("/")[3] === "log") {
          res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(list));
          return;
        }
        list.push(Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])));
        res.writeHead(200).end("recorded");
        return;
      }
      case "goto":
        // A redirect to any URL: /goto?to=http://localhost:PORT/record/x
        res.writeHead(302, { Location: url.searchParams.get("to") ?? "/ok" }).end();
        return;
      case "headers":
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(req.headers));
        return;
      case "big": {
        // 50 MB, written as fast as the client reads.
        bigBytesSent = 0;
        res.writeHead(200, { "Content-Type": "application/octet-stream" });
        const chunk = Buffer.alloc(64 * 1024, 97);
        const write = () => {
          while (bigBytesSent < 50 * 1024 * 1024) {
            bigBytesSent += chunk.length;
            if (!res.write(chunk)) return res.once("drain", write);
          }
          res.end();
        };
        res.on("close", () => {});
        write();
        return;
      }
      case "big-sent":
        res.writeHead(200).end(String(bigBytesSent));
        return;
      case "endless": {
        res.writeHead(200, { "Content-Type": "text/plain" });
        const timer = setInterval(() => res.write("still going\n"), 50);
        res.on("close", () => clearInterval(timer));
        return;
      }
      case "hooks": {
        const hook = hookFor(arg ?? "");
        const action = url.pathname.split("/")[3];
        if (req.method === "GET" && action === "received") {
          res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(hook.received));
          return;
        }
        void readBody(req).then((text) => {
          if (action === "config") {
            const config = JSON.parse(text || "{}") as { secret?: string; status?: number; delay?: number };
            if (config.secret !== undefined) hook.secret = config.secret;
            if (config.status !== undefined) hook.status = config.status;
            if (config.delay !== undefined) hook.delay = config.delay;
            res.writeHead(204).end();
            return;
          }
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          let verified = false;
          let body: unknown = null;
          try {
            body = hook.secret ? new Webhook(hook.secret).verify(text, headers) : JSON.parse(text);
            verified = hook.secret !== null;
          } catch {
            body = JSON.parse(text);
          }
          hook.received.push({
            at: Date.now(),
            id: headers["webhook-id"],
            verified,
            event: (body as { event?: string } | null)?.event ?? null,
            body,
            headers,
          });
          setTimeout(() => {
            if (!res.destroyed) res.writeHead(hook.status).end("ok");
          }, hook.delay);
        });
        return;
      }
      case "switch": {
        // POST /switch/<name>?status=500 sets what GET /switch/<name> answers.
        if (req.method === "POST") {
          switches.set(arg ?? "", Number(url.searchParams.get("status") ?? 200));
          res.writeHead(204).end();
          return;
        }
        const status = switches.get(arg ?? "") ?? 200;
        const delay = Number(url.searchParams.get("delay") ?? 0);
        setTimeout(() => res.writeHead(status).end(`switch ${arg}: ${status}`), delay);
        return;
      }
      default:
        res.writeHead(404).end("no such behaviour");
    }
  });
}

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

export default async function setup(project: TestProject) {
  const http = httpServer();
  const tcp = createTcpServer((socket) => socket.end());
  const closedServer = createTcpServer();
  const [httpPort, tcpPort, closed] = await Promise.all([listen(http), listen(tcp), listen(closedServer)]);
  await new Promise<void>((resolve) => closedServer.close(() => resolve()));
  project.provide("upstream", { http: httpPort, tcp: tcpPort, closed });
  return async () => {
    http.closeAllConnections();
    await Promise.all([
      new Promise((resolve) => http.close(resolve)),
      new Promise((resolve) => tcp.close(resolve)),
    ]);
  };
}
