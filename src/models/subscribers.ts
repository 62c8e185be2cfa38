/** Counts of subscribers for operators: plain data, no I/O. */

/** What the counts and the export read of a subscriber. */
export type Subscriber = {
  email: string;
  components: readonly string[] | null;
  createdAt: string;
  confirmedAt: string | null;
  failures: number;
  quarantinedAt: string | null;
};

export type SubscriberSummary = {
  total: number;
  confirmed: number;
  pending: number;
  quarantined: number;
  /** Confirmed subscribers per component id; "all" counts those who chose none. */
  byComponent: Record<string, number>;
};

export function summarise(subscribers: readonly Subscriber[]): SubscriberSummary {
  const byComponent: Record<string, number> = {};
  let confirmed = 0;
  let quarantined = 0;
  for (const s of subscribers) {
    if (s.quarantinedAt) quarantined += 1;
    if (!s.confirmedAt) continue;
    confirmed += 1;
    for (const id of s.components ?? ["all"]) byComponent[id] = (byComponent[id] ?? 0) + 1;
  }
  return {
    total: subscribers.length,
    confirmed,
    pending: subscribers.length - confirmed,
    quarantined,
    byComponent,
  };
}

/** RFC 4180 CSV of the subscribers, for export. */
export function subscribersCsv(subscribers: readonly Subscriber[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [
    ["email", "components", "created_at", "confirmed_at", "failures", "quarantined_at"],
    ...subscribers.map((s) => [
      s.email,
      s.components?.join(" ") ?? "all",
      s.createdAt,
      s.confirmedAt,
      s.failures,
      s.quarantinedAt,
    ]),
  ];
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
