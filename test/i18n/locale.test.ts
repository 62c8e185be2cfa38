import { describe, expect, it } from "vitest";
import { localeOf } from "../../src/i18n/locale";
import { chooseLanguage, fromAcceptLanguage } from "../../src/i18n/negotiate";

describe("choosing a language", () => {
  it("honours Accept-Language's quality values and matches a region to its language", () => {
    expect(fromAcceptLanguage("de-DE,de;q=0.9", "en")).toBe("de");
    expect(fromAcceptLanguage("fr;q=1, en;q=0.5, de;q=0.8", "en")).toBe("de");
    expect(fromAcceptLanguage("en-US, de;q=0.9", "en")).toBe("en");
    expect(fromAcceptLanguage("de;q=0, en;q=0.1", "en")).toBe("en");
  });

  it("finds nothing in a header it cannot use, and the default for *", () => {
    expect(fromAcceptLanguage("fr, es;q=0.5", "en")).toBeNull();
    expect(fromAcceptLanguage("de;q=0", "en")).toBeNull();
    expect(fromAcceptLanguage("", "en")).toBeNull();
    expect(fromAcceptLanguage(";;;,q=,<script>", "en")).toBeNull();
    expect(fromAcceptLanguage("*", "de")).toBe("de");
  });

  it("takes ?lang= first, then the header, then the default", () => {
    expect(chooseLanguage("en", "de-DE,de;q=0.9", "de")).toEqual({ lang: "en", from: "query" });
    expect(chooseLanguage(undefined, "de-DE,de;q=0.9", "en")).toEqual({ lang: "de", from: "header" });
    expect(chooseLanguage("xx", "fr", "de")).toEqual({ lang: "de", from: "default" });
  });
});

describe("German formats", () => {
  const de = localeOf("de");

  it("write dates, times and zones the German way", () => {
    expect(de.dateTime("2026-11-29T18:05:00Z", "Europe/Berlin")).toBe("29. Nov. 2026, 19:05 MEZ");
    expect(de.day("2026-05-12")).toBe("12. Mai 2026");
    expect(de.month("2026-11-29T18:05:00Z", "Europe/Berlin")).toBe("November 2026");
  });

  it("write percentages and numbers with a decimal comma, never rounding downtime up to 100", () => {
    expect(de.uptime(0.99675)).toBe("99,67\u00a0%");
    expect(de.uptime(0.99999)).toBe("99,99\u00a0%");
    expect(de.uptime(1)).toBe("100\u00a0%");
    expect(de.uptime(null)).toBe("keine Daten");
    expect(de.number(12345)).toBe("12.345");
  });

  it("write durations and plurals in German words", () => {
    expect(de.duration(125 * 60_000)).toBe("2 Std. 5 Min.");
    expect(de.duration(76 * 3_600_000)).toBe("3 Tg. 4 Std.");
    expect(de.t("day.incidents", { count: 1 })).toBe("1 Störung");
    expect(de.t("day.incidents", { count: 3 })).toBe("3 Störungen");
    expect(de.t("indicator.none")).toBe("Alle Systeme betriebsbereit");
  });

  it("keep English as it was", () => {
    const en = localeOf("en");
    expect(en.dateTime("2026-11-29T18:05:00Z", "Europe/Berlin")).toBe("29 Nov 2026, 19:05 CET");
    expect(en.uptime(0.99675)).toBe("99.67%");
    expect(en.duration(125 * 60_000)).toBe("2 h 5 min");
    expect(localeOf("xx").lang).toBe("en");
  });
});
