/**
 * One language's words and formats: a visitor's page, an operator's console,
 * a subscriber's mail each get the `Locale` of their language.
 */
import {
  type DurationUnits,
  formatDateTime,
  formatDay,
  formatDayRange,
  formatDuration,
  formatMonth,
} from "../domain/time-text";
import { formatUptime } from "../domain/uptime";
import type { Catalogue, Key, Message, ParamsArg, Translate } from "./catalogue";
import { LANGUAGES } from "./languages";

export type Locale = {
  /** The catalogue's code: "en", "de". */
  lang: string;
  /** The Intl tag: "en-GB", "de-DE". */
  tag: string;
  t: Translate;
  /** A message's text before its placeholders are filled (the plural form for `count`), for views that put markup in them. */
  raw(key: Key, count?: number): string;
  /** "29. Nov. 2026, 19:05 MEZ". */
  dateTime(iso: string, tz: string): string;
  /** "29 November 2026" for a UTC day key; "29. November 2026". */
  day(day: string): string;
  /** A day as the bars write it, short where the language writes days as numbers: "29.11.2026". */
  barDay(day: string): string;
  /** Two days as the bars write them: "1 – 8 September 2026", "1. – 08.09.2026". */
  dayRange(from: string, to: string): string;
  /** "November 2026" in the zone. */
  month(iso: string, tz: string): string;
  /** "2 Std. 5 Min.". */
  duration(ms: number): string;
  /** "99,67 %", or the words for no data. */
  uptime(ratio: number | null): string;
  /** "1.234". */
  number(n: number): string;
  /** A whole percentage: "85 %" ("85%" in English). */
  percent(fraction: number): string;
  /** Names joined as a list: "A, B und C". */
  list(items: readonly string[]): string;
  /** The language operators write in (incident titles, updates), when it is not this one: it marks their text with `lang`. */
  written?: string;
};

/** The code every catalogue is checked against, and the last resort. */
export const REFERENCE_LANGUAGE = "en";

export function languageCodes(): string[] {
  return Object.keys(LANGUAGES).sort();
}

export function isLanguage(code: string): boolean {
  return Object.hasOwn(LANGUAGES, code);
}

/**
 * A function of one string or number argument, remembered: a page of 50
 * bars formats the same few days, ratios and counts over and over, and each
 * Intl call costs microseconds a render does not have to spend.
 */
function remembered<A extends string | number>(f: (a: A) => string, max = 512): (a: A) => string {
  const seen = new Map<A, string>();
  return (a) => {
    let out = seen.get(a);
    if (out === undefined) {
      if (seen.size >= max) seen.clear();
      out = f(a);
      seen.set(a, out);
    }
    return out;
  };
}

/** Templates split once at their placeholders: text, name, text, name, …, text. */
const split = new Map<string, string[]>();

function fill(
  text: string,
  params: Record<string, string | number> | undefined,
  number: (n: number) => string,
): string {
  if (!params) return text;
  let parts = split.get(text);
  if (!parts) {
    parts = text.split(/\{(\w+)\}/);
    split.set(text, parts);
  }
  if (parts.length === 1) return text;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const value = params[name];
    out += value === undefined ? `{${name}}` : typeof value === "number" ? number(value) : value;
    out += parts[i + 1] as string;
  }
  return out;
}

function makeLocale(lang: string, catalogue: Catalogue): Locale {
  const tag = catalogue.locale;
  const plurals = new Intl.PluralRules(tag);
  const category = remembered((n: number) => plurals.select(n));
  const numbers = new Intl.NumberFormat(tag);
  const number = remembered((n: number) => numbers.format(n));
  const percents = new Intl.NumberFormat(tag, { style: "percent" });
  const lists = new Intl.ListFormat(tag, { type: "conjunction" });
  const pick = (message: Message, count: unknown): string => {
    if (typeof message === "string") return message;
    const n = typeof count === "number" ? count : Number(count);
    return message[category(n) as keyof typeof message] ?? message.other;
  };
  const t = (<K extends Key>(key: K, ...params: ParamsArg<K>): string => {
    const p = params[0] as Record<string, string | number> | undefined;
    return fill(pick(catalogue.messages[key], p?.count), p, number);
  }) as Translate;
  const noData = t("uptime.noData");
  const uptime = remembered((ratio: number) => formatUptime(ratio, tag, noData));
  const units: DurationUnits = { day: t("unit.day"), hour: t("unit.hour"), minute: t("unit.minute") };
  return {
    lang,
    tag,
    t,
    raw: (key, count) => pick(catalogue.messages[key], count),
    dateTime: (iso, tz) => formatDateTime(iso, tz, tag),
    day: remembered((day: string) => formatDay(day, tag)),
    barDay: remembered((day: string) => formatDay(day, tag, catalogue.days)),
    dayRange: (from, to) => formatDayRange(from, to, tag, catalogue.days),
    month: (iso, tz) => formatMonth(iso, tz, tag),
    duration: (ms) => formatDuration(ms, units),
    uptime: (ratio) => (ratio === null ? noData : uptime(Math.floor(ratio * 10_000) / 10_000)),
    number,
    percent: (fraction) => percents.format(fraction),
    list: (items) => lists.format(items),
  };
}

const locales = new Map<string, Locale>();

/** The locale of a catalogue code; an unknown code gets the reference language. */
export function localeOf(lang: string): Locale {
  const code = isLanguage(lang) ? lang : REFERENCE_LANGUAGE;
  let hit = locales.get(code);
  if (!hit) {
    hit = makeLocale(code, LANGUAGES[code] as Catalogue);
    locales.set(code, hit);
  }
  return hit;
}

let names: { code: string; name: string }[] | null = null;

/** Each language's own name, for the language switch. */
export function languageNames(): readonly { code: string; name: string }[] {
  names ??= languageCodes().map((code) => ({ code, name: (LANGUAGES[code] as Catalogue).name }));
  return names;
}

/** A locale for a page whose operator text is written in `written` (the page's default language). */
export function pageLocale(lang: string, written: string): Locale {
  const l = localeOf(lang);
  return l.lang === written ? l : { ...l, written };
}
