/**
 * Writes src/i18n/languages/index.ts from the catalogue files beside it, so
 * a language is added by adding one file (`fr.ts`, shaped like `de.ts`).
 * Run before start, test, typecheck and deploy; a test checks the index is
 * current.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "i18n", "languages");

export function languageIndex() {
  const codes = readdirSync(dir)
    .filter((f) => /^[a-z]{2,3}(-[A-Z]{2})?\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
  /** @param {string} code */
  const name = (code) => code.replace("-", "_");
  return [
    "// Written by scripts/languages.mjs from the catalogue files in this folder: add a language by adding its file.",
    'import type { Catalogue } from "../catalogue";',
    ...codes.map((code) => `import ${name(code)} from "./${code}";`),
    "",
    `export const LANGUAGES: Record<string, Catalogue> = { ${codes.map((c) => (c.includes("-") ? `"${c}": ${name(c)}` : c)).join(", ")} };`,
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = join(dir, "index.ts");
  const text = languageIndex();
  let old = "";
  try {
    old = readFileSync(file, "utf8");
  } catch {}
  if (old !== text) writeFileSync(file, text);
}
