export function epochMinute(ms: number): number {
  return Math.floor(ms / 60_000);
}
