#!/usr/bin/env node
// Runs incidents from a terminal through the API, locally or against a deployment.
//
//   npm run incident -- list
//   npm run incident -- open --component NAME_OR_ID --title TITLE [--impact minor|major|critical] [--message TEXT]
//   npm run incident -- update ID --message TEXT [--status identified|monitoring|…]
//   npm run incident -- resolve ID [--message TEXT]
//
// BASE_URL (default http://127.0.0.1:8787) and BEACON_TOKEN (default: the
// local runner's DATA_DIR/admin-token) say where and as whom.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { runnerConfig } from "./lib/config.mjs";
import { impactTypes } from "./lib/impact-types.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    component: { type: "string" },
    title: { type: "string" },
    impact: { type: "string" },
    message: { type: "string" },
    status: { type: "string" },
  },
});

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`incident: ${message}`);
  process.exit(2);
}

const base = (process.env.BASE_URL || "http://127.0.0.1:8787").replace(/\/+$/, "");

async function token() {
  if (process.env.BEACON_TOKEN) return process.env.BEACON_TOKEN;
  const file = path.join(runnerConfig(process.env).dataDir, "admin-token");
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    return fail(`set BEACON_TOKEN (no ${file} to read a local token from)`);
  }
}

/**
 * @param {string} route @param {{ method?: string, body?: unknown }} [init]
 * @returns {Promise<any>} the JSON body (loosely typed: the API's own shapes)
 */
async function call(route, init = {}) {
  const res = await fetch(`${base}/api${route}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { Authorization: `Bearer ${await token()}`, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const body = text ? JSON.parse(text) : {};
  if (!res.ok) fail(`${res.status} ${body.detail ?? body.title ?? text}`);
  return body;
}

/** The phase whose status is `status`, in the latest phase list. @param {string} status */
async function phaseFor(status) {
  const { data } = await call("/phases");
  const order = (data.statuses ?? []).indexOf(status);
  if (order < 0) fail(`no phase means "${status}"; the phases are ${data.phases.join(", ")}`);
  return { generation: data.generation, order };
}

/** Severity for an impact word: the top of the first, middle or last band. @param {string} impact */
async function severityFor(impact) {
  const { data } = await call("/severities");
  /** @type {number[]} */
  const bounds = data
    .map((/** @type {{ value: number }} */ s) => s.value)
    .filter((/** @type {number} */ v) => v > 0);
  bounds.sort((a, b) => a - b);
  /** @type {Record<string, number | undefined>} */
  const byWord = {
    minor: bounds[0],
    major: bounds[Math.floor((bounds.length - 1) / 2)],
    critical: bounds.at(-1),
  };
  const pick = byWord[impact];
  if (pick === undefined) fail(`--impact must be minor, major or critical, not "${impact}"`);
  return pick;
}

/** @param {string} nameOrId */
async function componentId(nameOrId) {
  const { data } = await call("/components");
  /** @type {{ id: string, displayName: string }[]} */
  const matches = data.filter(
    (/** @type {{ id: string, displayName: string }} */ c) =>
      c.id === nameOrId || c.displayName.toLowerCase() === nameOrId.toLowerCase(),
  );
  if (matches.length === 0) fail(`no component "${nameOrId}"`);
  if (matches.length > 1)
    fail(
      `"${nameOrId}" names ${matches.length} components; use an id: ${matches.map((c) => c.id).join(", ")}`,
    );
  return matches[0].id;
}

async function list() {
  const { data } = await call("/incidents");
  const open = data.filter((/** @type {{ endedAt: string | null }} */ i) => i.endedAt === null);
  if (open.length === 0) return console.log("No open incidents.");
  const phases = (await call("/phases")).data;
  for (const i of open) {
    const status = i.phase.generation === phases.generation ? phases.statuses[i.phase.order] : "";
    console.log(`${i.id}  ${status.padEnd(13)} ${i.displayName}`);
  }
}

async function open() {
  if (!values.component || !values.title) fail("open needs --component and --title");
  const [reference, types, severity] = await Promise.all([
    componentId(values.component),
    impactTypes(base),
    severityFor(values.impact ?? "major"),
  ]);
  const { id } = await call("/incidents", {
    body: {
      displayName: values.title,
      beganAt: new Date().toISOString(),
      affects: [{ reference, type: types.connectivity, severity }],
    },
  });
  if (values.message)
    await call(`/incidents/${id}/updates`, {
      body: { displayName: "Investigating", description: values.message },
    });
  console.log(id);
}

/** @param {string | undefined} id @param {string | undefined} status */
async function update(id, status) {
  if (!id) fail(`${status ? "update" : "resolve"} needs an incident id`);
  const phase = status ? await phaseFor(status) : undefined;
  const title = status ? status[0].toUpperCase() + status.slice(1) : "Update";
  await call(`/incidents/${id}/updates`, {
    body: { displayName: title, description: values.message ?? "", ...(phase ? { phase } : {}) },
  });
  console.log(`${id} ${status ?? "updated"}`);
}

const [command, id] = positionals;
if (command === "list") await list();
else if (command === "open") await open();
else if (command === "update") {
  if (!values.message && !values.status) fail("update needs --message or --status");
  await update(id, values.status);
} else if (command === "resolve") await update(id, "resolved");
else fail("commands: list, open, update, resolve");
