/** The choices console forms offer, read in one D1 round trip. */
import { componentsRead } from "../../db/components";
import { listImpactTypes } from "../../db/impact-types";
import { phaseListRead } from "../../db/phases";
import { readAll } from "../../db/read";
import { severitiesRead } from "../../db/severities";
import { listTemplates } from "../../db/templates";
import { SEEDED_IMPACT_TYPES } from "../../domain/impact-types";
import { phaseStatuses } from "../../domain/phase-status";
import { type Catalogue, impactLevels } from "../../models/console";

export async function loadCatalogue(db: D1Database): Promise<Catalogue> {
  const [[components, severities, phases], types, templates] = await Promise.all([
    readAll(db, [componentsRead(db), severitiesRead(db), phaseListRead(db)] as const),
    listImpactTypes(db),
    listTemplates(db),
  ]);
  const live = types.filter((t) => !t.deletedAt);
  const maintenance =
    live.find((t) => t.id === SEEDED_IMPACT_TYPES.maintenance) ??
    live.find((t) => /maint/i.test(t.displayName));
  const list = phases?.phases ?? [];
  const statuses = phaseStatuses(list);
  return {
    components: components
      .filter((c) => !c.deletedAt)
      .map((c) => ({ id: c.id, name: c.displayName, group: c.group })),
    kinds: live.filter((t) => t !== maintenance).map((t) => ({ id: t.id, name: t.displayName })),
    maintenanceType: maintenance?.id ?? null,
    levels: impactLevels(severities),
    generation: phases?.generation ?? 1,
    phases: list.map((name, order) => ({ order, name, status: statuses[order] ?? null })),
    templates,
  };
}

/** The kind an incident starts with when the operator does not choose: "Unknown", if it exists. */
export function defaultKind(catalogue: Catalogue): string {
  return (
    catalogue.kinds.find((k) => k.id === SEEDED_IMPACT_TYPES.unknown)?.id ?? catalogue.kinds[0]?.id ?? ""
  );
}
