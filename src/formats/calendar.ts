/**
 * The maintenance calendar (RFC 5545) that calendars subscribe to. ical-generator
 * writes CRLF line ends, folds lines at 75 octets and escapes text.
 */
import ical, { ICalEventStatus } from "ical-generator";
import type { MaintenanceRow } from "../db/incidents";
import { xmlText } from "./xml-text";

export function maintenanceCalendar(
  rows: readonly MaintenanceRow[],
  meta: { name: string; baseUrl: string; host: string },
): string {
  const calendar = ical({
    name: `${meta.name} maintenance`,
    prodId: { company: "Beacon", product: "status page", language: "EN" },
    url: `${meta.baseUrl}/maintenance.ics`,
  });
  for (const m of rows) {
    const cancelled = m.deletedAt !== null || (m.phaseName ?? "").trim().toLowerCase() === "cancelled";
    const lines = [
      m.latestUpdate?.trim() || null,
      m.components.length ? `Affected: ${m.components.join(", ")}` : null,
      `${meta.baseUrl}/incidents/${m.id}`,
    ].filter((l): l is string => Boolean(l));
    calendar.createEvent({
      id: `${m.id}@${meta.host}`,
      start: new Date(m.beganAt),
      // Open-ended maintenance ("until further notice") has a start and no end.
      ...(m.endedAt ? { end: new Date(m.endedAt) } : {}),
      summary: xmlText(m.displayName),
      description: xmlText(lines.join("\n\n")),
      url: `${meta.baseUrl}/incidents/${m.id}`,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: m.revision,
      stamp: new Date(m.updatedAt),
      lastModified: new Date(m.updatedAt),
    });
  }
  // RFC 5545 3.1: every content line ends with CRLF, the last one too.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
