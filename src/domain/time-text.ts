/** Dates, times and durations as visitors read them, in the page's time zone. */
const formatters = new Map<string, { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();

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

function formattersFor(tz: string) {
  let f = formatters.get(tz);
  if (!f) {
    f = {
      dateTime: new Intl.DateTimeFormat("en-GB", {
        timeZone: tz,
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      }),
      date: new Intl.DateTimeFormat("en-GB", {
        timeZone: tz,
        day: "numeric",
        month: "long",
        year: "numeric",
      }),
    };
    if (formatters.size > 64) formatters.clear();
    formatters.set(tz, f);
  }
  return f;
}

export function formatDateTime(iso: string, tz: string): string {
  return formattersFor(tz).dateTime.format(new Date(iso));
}

export function formatMonth(iso: string, tz: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: tz, month: "long", year: "numeric" }).format(
    new Date(iso),
  );
}

/** "12 May 2026" for a UTC day key. */
export function formatDay(day: string): string {
  return formattersFor("UTC").date.format(new Date(`${day}T00:00:00Z`));
}

const monthName = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long" });

/**
 * Two UTC dates as one range, sharing what they share: "1 – 8 September
 * 2026", "24 September – 28 November 2026". (Not Intl's formatRange: the
 * Workers runtime does not merge the shared parts.)
 */
export function formatDayRange(from: string, to: string): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${formatDay(from)} – ${formatDay(to)}`;
  const end = formatDay(to);
  if (a.getUTCMonth() === b.getUTCMonth()) return `${a.getUTCDate()} – ${end}`;
  return `${a.getUTCDate()} ${monthName.format(a)} – ${end}`;
}

/** "2 h 5 min", "45 min", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
