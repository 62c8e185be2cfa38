#!/usr/bin/env node
// The layering rules dependency-cruiser cannot see: SQL is prepared only in
// src/db/, and nothing cites material outside the repository.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** @param {string} dir @returns {Promise<string[]>} */
async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full)));
    else if (/\.(ts|mjs|md)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const problems = [];
for (const file of await files(path.join(ROOT, "src"))) {
  const rel = path.relative(ROOT, file);
  const text = await readFile(file, "utf8");
  if (!rel.startsWith(`src${path.sep}db${path.sep}`) && /\.prepare\(/.test(text)) {
    problems.push(`${rel}: prepares SQL outside src/db/`);
  }
}
for (const file of [
  ...(await files(path.join(ROOT, "src"))),
  path.join(ROOT, "README.md"),
  ...(await files(path.join(ROOT, "docs"))),
]) {
  const text = await readFile(file, "utf8");
  if (/\.\.\/shared|DESIGN\.md|statuspage-v2\.md/.test(text)) {
    problems.push(`${path.relative(ROOT, file)}: cites material outside the repository`);
  }
}
for (const p of problems) console.error(p);
if (problems.length) process.exit(1);
console.log("layout: SQL only in src/db/, no citations outside the repository");
