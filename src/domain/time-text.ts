/**
 * Dates, times and durations as people read them, in a time zone and a
 * language (a BCP 47 tag for Intl, "en-GB" unless told).
 */
type Formatters = {
  dateTime: Intl.DateTimeFormat;
  date: Intl.DateTimeFormat;
  numericDate: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
};

/** How a day is written: "12 May 2026" (long), or "12.5.2026" (numeric, as German pages do). */
export type DayStyle = "long" | "numeric";
const formatters = new Map<string, Formatters>();

/** True for an IANA zone the runtime knows, such as "Europe/Berlin". */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function formattersFor(tz: string, tag: string): Formatters {
  const key = `${tag} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat(tag, {
        timeZone: tz,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      }),
      date: new Intl.DateTimeFormat(tag, { timeZone: tz, day: "numeric", month: "long", year: "numeric" }),
      numericDate: new Intl.DateTimeFormat(tag, {
        timeZone: tz,
        day: "numeric",
        month: "2-digit",
        year: "numeric",
      }),
      month: new Intl.DateTimeFormat(tag, { timeZone: tz, month: "long", year: "numeric" }),
    };
    if (formatters.size > 64) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** "29 Nov 2026, 19:05 CET"; "29. Nov. 2026, 19:05 MEZ". */
export function formatDateTime(iso: string, tz: string, tag = "en-GB"): string {
  return formattersFor(tz, tag).dateTime.format(new Date(iso));
}

/** "November 2026". */
export function formatMonth(iso: string, tz: string, tag = "en-GB"): string {
  return formattersFor(tz, tag).month.format(new Date(iso));
}

/** "12 May 2026" for a UTC day key; "12. Mai 2026", or "12.05.2026" numeric. */
export function formatDay(day: string, tag = "en-GB", style: DayStyle = "long"): string {
  const f = formattersFor("UTC", tag);
  return (style === "numeric" ? f.numericDate : f.date).format(new Date(`${day}T00:00:00Z`));
}

/** The start of a date up to its day ("1.") or its month ("24. September"), in the date's own order. */
function leading(date: Date, tag: string, upTo: "day" | "month", style: DayStyle): string {
  const f = formattersFor("UTC", tag);
  const parts = (style === "numeric" ? f.numericDate : f.date).formatToParts(date);
  const end = parts.findIndex((p) => p.type === upTo);
  const next = parts[end + 1];
  // A literal that belongs to the number ("1." in German) is kept; spaces are not.
  const suffix = next?.type === "literal" ? next.value.trimEnd() : "";
  return `${parts
    .slice(0, end + 1)
    .map((p) => p.value)
    .join("")}${suffix}`;
}

/**
 * Two UTC dates as one range, sharing what they share: "1 – 8 September
 * 2026", "24 September – 28 November 2026" ("1. – 8. September 2026").
 * (Not Intl's formatRange: the Workers runtime does not merge the shared parts.)
 */
export function formatDayRange(from: string, to: string, tag = "en-GB", style: DayStyle = "long"): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  const end = formatDay(to, tag, style);
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${formatDay(from, tag, style)} – ${end}`;
  return `${leading(a, tag, a.getUTCMonth() !== b.getUTCMonth() ? "month" : "day", style)} – ${end}`;
}

/** The abbreviations a duration is written with. */
export type DurationUnits = { day: string; hour: string; minute: string };
const EN_UNITS: DurationUnits = { day: "d", hour: "h", minute: "min" };

/** "2 h 5 min", "45 min", "3 d 4 h" (or in the units given: "2 Std. 5 Min."). */
export function formatDuration(ms: number, units: DurationUnits = EN_UNITS): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} ${units.minute}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 ? `${hours} ${units.hour} ${minutes % 60} ${units.minute}` : `${hours} ${units.hour}`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} ${units.day} ${hours % 24} ${units.hour}` : `${days} ${units.day}`;
}
