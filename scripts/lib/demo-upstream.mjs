// Demo endpoints for the seeded monitors, served by `npm start` itself on
// 127.0.0.1:DEMO_PORT, so that probing shows something with no network:
//   /healthy   always 200
//   /flapping  503 for the first 4 minutes of every sixth hour (UTC), else 200
//   /slow      200 after 1.2 s (its monitor calls that degraded)
import { createServer } from "node:http";

/** @param {string} host @param {number} port @returns {Promise<{ port: number, close: () => Promise<void> }>} */
export async function startDemoUpstream(host, port) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://demo").pathname;
    if (path === "/healthy") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("healthy");
    } else if (path === "/flapping") {
      // Now and then, not all the time: a fresh demo shows an outage every few hours, not every quarter hour.
      const at = new Date();
      const failing = at.getUTCHours() % 6 === 0 && at.getUTCMinutes() < 4;
      res
        .writeHead(failing ? 503 : 200, { "Content-Type": "text/plain" })
        .end(failing ? "overloaded" : "fine");
    } else if (path === "/slow") {
      setTimeout(() => res.writeHead(200, { "Content-Type": "text/plain" }).end("slow but fine"), 1200);
    } else {
      res.writeHead(404).end("no such demo endpoint");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
