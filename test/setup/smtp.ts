/**
 * A real SMTP server for the subscriber tests (smtp-server on 127.0.0.1),
 * whose messages are parsed by an independent MIME parser (mailparser) and
 * served as JSON on a small control port. The control port can also take
 * the server down and bring it back. Recipients starting with "bounce" are
 * refused with 550; "later" ones with 451; senders starting with "blocked"
 * with 553.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { TestProject } from "vitest/node";

type Received = {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  listUnsubscribe: string | null;
  listUnsubscribePost: string | null;
  at: number;
};

export default async function setup(project: TestProject) {
  const received: Received[] = [];
  let connections = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onMailFrom(address, _session, callback) {
      if (address.address.startsWith("blocked")) {
        return callback(Object.assign(new Error("5.7.1 Sender not allowed"), { responseCode: 553 }));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("bounce")) {
        const err = Object.assign(new Error("5.1.1 No such mailbox"), { responseCode: 550 });
        return callback(err);
      }
      if (address.address.startsWith("later")) {
        const err = Object.assign(new Error("4.2.1 Try again later"), { responseCode: 451 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          // The raw header lines, unfolded: what a mail client reads.
          const header = (name: string) => {
            const line = mail.headerLines.find((h) => h.key === name)?.line;
            return line
              ? line
                  .slice(line.indexOf(":") + 1)
                  .replace(/\r?\n[ \t]+/g, " ")
                  .trim()
              : null;
          };
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
            listUnsubscribe: header("list-unsubscribe")?.replace(/^<|>$/g, "") ?? null,
            listUnsubscribePost: header("list-unsubscribe-post"),
            at: Date.now(),
          });
          callback();
        })
        .catch(callback);
    },
  });
  const listen = (port = 0) =>
    new Promise<number>((resolve) =>
      smtp.listen(port, "127.0.0.1", () => resolve((smtp.server.address() as AddressInfo).port)),
    );
  const port = await listen();
  let up = true;

  const control: Server = createServer((req, res) => {
    const done = (body: unknown) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    const url = new URL(req.url ?? "/", "http://control");
    if (url.pathname === "/messages") return done({ received, connections });
    if (url.pathname === "/reset") {
      received.length = 0;
      connections = 0;
      return done({ ok: true });
    }
    if (url.pathname === "/down") {
      if (!up) return done({ ok: true });
      up = false;
      smtp.server.close(() => done({ ok: true }));
      for (const c of (smtp as unknown as { connections: Set<{ close(): void }> }).connections ?? [])
        c.close();
      return;
    }
    if (url.pathname === "/up") {
      if (up) return done({ ok: true });
      up = true;
      void listen(port).then(() => done({ ok: true }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  project.provide("smtp", { port, control: (control.address() as AddressInfo).port });
  return async () => {
    control.closeAllConnections();
    await new Promise((resolve) => control.close(resolve));
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  };
}
