/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { type Catalogue, placeholders } from "../../src/i18n/catalogue";
import { LANGUAGES } from "../../src/i18n/languages";
import { languageCodes, REFERENCE_LANGUAGE } from "../../src/i18n/locale";

const reference = LANGUAGES[REFERENCE_LANGUAGE] as Catalogue;
const others = languageCodes().filter((code) => code !== REFERENCE_LANGUAGE);

describe("message catalogues", () => {
  it("are listed in the index, one per file in the languages folder", () => {
    const files = Object.keys(import.meta.glob("../../src/i18n/languages/*.ts"))
      .map((path) => path.split("/").pop()?.replace(/\.ts$/, ""))
      .filter((name) => name !== "index")
      .sort();
    expect(files).toEqual(languageCodes());
    expect(languageCodes()).toEqual(expect.arrayContaining(["de", "en"]));
  });

  it.each(others)("%s has exactly the reference's keys", (code) => {
    const catalogue = LANGUAGES[code] as Catalogue;
    expect(Object.keys(catalogue.messages).sort()).toEqual(Object.keys(reference.messages).sort());
  });

  it.each(others)("%s uses the same placeholders as the reference in every message", (code) => {
    const catalogue = LANGUAGES[code] as Catalogue;
    const differing = Object.entries(reference.messages)
      .filter(([key, message]) => {
        const other = catalogue.messages[key as keyof typeof catalogue.messages];
        return placeholders(message).join() !== placeholders(other).join();
      })
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it.each(languageCodes())("%s: every plural has its 'other' form, and every text is filled", (code) => {
    const catalogue = LANGUAGES[code] as Catalogue;
    for (const [key, message] of Object.entries(catalogue.messages)) {
      const forms = typeof message === "string" ? [message] : Object.values(message);
      if (typeof message !== "string") expect(message.other, key).toBeTruthy();
      for (const form of forms) expect(form.trim(), key).not.toBe("");
    }
    expect(() => new Intl.DateTimeFormat(catalogue.locale)).not.toThrow();
    expect(catalogue.name).toBeTruthy();
  });
});
