/** Time helpers shared by the API, the pages and the cron run. All times are UTC. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** RFC 3339 date-time: a date, a time with optional fraction, and a zone. */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp to epoch ms, or null when it is not one (or not a real date). */
export function parseTimestamp(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (y === undefined || mo === undefined || d === undefined) return null;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || (h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 60) return null;
  const ms = Date.parse(text.replace(" ", "T"));
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2026-02-31 over to March; a real date keeps its day.
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null;
  return ms;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** UTC midnight of the day containing `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** "YYYY-MM-DD" of the UTC day containing `ms`. */
export function dayKey(ms: number): string {
  return iso(ms).slice(0, 10);
}
