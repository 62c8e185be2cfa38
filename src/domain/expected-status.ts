/** Expected HTTP statuses: codes and ranges such as ["200-299", 301]. */

export type StatusRange = [number, number];

export const DEFAULT_EXPECTED: StatusRange[] = [[200, 299]];

/** Parses one entry, or returns null when it is not a code or a range of codes from 100 to 599. */
export function parseStatusEntry(entry: string | number): StatusRange | null {
  if (typeof entry === "number")
    return Number.isInteger(entry) && entry >= 100 && entry <= 599 ? [entry, entry] : null;
  const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(entry);
  if (!m) return null;
  const low = Number(m[1]);
  const high = Number(m[2] ?? m[1]);
  return low >= 100 && high <= 599 && low <= high ? [low, high] : null;
}

export function statusExpected(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some(([low, high]) => status >= low && status <= high);
}
