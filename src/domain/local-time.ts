/**
 * Wall-clock times in a zone, as an HTML `datetime-local` field holds them
 * ("2026-11-29T19:05"), to and from UTC instants.
 */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    if (partsFormatters.size > 64) partsFormatters.clear();
    partsFormatters.set(tz, f);
  }
  return f;
}

/** The zone's wall clock at `ms`, as milliseconds of a UTC clock showing the same digits. */
function wallClock(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of partsIn(tz).formatToParts(new Date(ms))) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
}

/**
 * The UTC instant (ISO) of a wall-clock time in `tz`, or null when the text
 * is not a valid local time. A time skipped by a clock change resolves to the
 * moment after the gap; a repeated one to its first occurrence.
 */
export function localToIso(local: string, tz: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wanted = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== (mo ?? 1) - 1 || check.getUTCDate() !== d || (h ?? 0) > 23 || (mi ?? 0) > 59)
    return null;
  let guess = wanted - (wallClock(wanted, tz) - wanted);
  // A second pass settles times near a clock change.
  guess = wanted - (wallClock(guess, tz) - guess);
  return new Date(guess).toISOString();
}

/** The wall-clock time in `tz` of an instant, for a `datetime-local` field. */
export function isoToLocal(iso: string, tz: string): string {
  return new Date(wallClock(Date.parse(iso), tz)).toISOString().slice(0, 16);
}
