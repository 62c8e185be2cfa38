// Written by scripts/languages.mjs from the catalogue files in this folder: add a language by adding its file.
import type { Catalogue } from "../catalogue";
import de from "./de";
import en from "./en";

export const LANGUAGES: Record<string, Catalogue> = { de, en };
