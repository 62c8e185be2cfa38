#!/usr/bin/env node
// `npm run container:context`: installs the production dependencies into
// .container/node_modules, outside the image, so that building the image
// (Containerfile) needs Debian's packages but never the npm registry.
// Uses npm's cache first; run it after `npm ci`.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/config.mjs";

const staging = path.join(ROOT, ".container");
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const file of ["package.json", "package-lock.json"])
  copyFileSync(path.join(ROOT, file), path.join(staging, file));
execFileSync("npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], {
  cwd: staging,
  stdio: "inherit",
});
console.log(`production dependencies staged in ${path.relative(process.cwd(), staging) || "."}/node_modules`);
