import { type Read, read, run } from "./read";
export type PhaseList = { generation: number; phases: string[] };

export async function latestGeneration(db: D1Database): Promise<number> {
  const row = await db.prepare("SELECT MAX(generation) AS g FROM phases").first<{ g: number | null }>();
  return row?.g ?? 0;
}

export function phaseListRead(db: D1Database, generation?: number): Read<PhaseList | null> {
  return read(
    db
      .prepare(
        `SELECT generation, position, name FROM phases
         WHERE generation = COALESCE(?1, (SELECT MAX(generation) FROM phases)) ORDER BY position`,
      )
      .bind(generation ?? null),
    (rows: { generation: number; position: number; name: string }[]) => {
      const first = rows[0];
      return first ? { generation: first.generation, phases: rows.map((r) => r.name) } : null;
    },
  );
}

export function getPhaseList(db: D1Database, generation?: number): Promise<PhaseList | null> {
  return run(phaseListRead(db, generation));
}

export async function phaseName(db: D1Database, generation: number, order: number): Promise<string | null> {
  const row = await db
    .prepare("SELECT name FROM phases WHERE generation = ?1 AND position = ?2")
    .bind(generation, order)
    .first<{ name: string }>();
  return row?.name ?? null;
}

/**
 * Appends a new generation. Every statement computes the generation inside the
 * batch's transaction, so two concurrent lists cannot share a number.
 */
export function insertPhaseList(db: D1Database, phases: readonly string[]): D1PreparedStatement[] {
  return phases.map((name, position) =>
    position === 0
      ? db
          .prepare(
            `INSERT INTO phases (generation, position, name)
             SELECT COALESCE(MAX(generation), 0) + 1, 0, ?1 FROM phases RETURNING generation`,
          )
          .bind(name)
      : db
          .prepare(
            "INSERT INTO phases (generation, position, name) SELECT MAX(generation), ?1, ?2 FROM phases",
          )
          .bind(position, name),
  );
}

/** Every phase's name by "generation:order", and the length of each generation's list. */
export type AllPhases = {
  /** Names by "generation:order". */
  names: Map<string, string>;
  /** Each generation's list length. */
  counts: Map<number, number>;
  /** Each generation's names, in order. */
  lists: Map<number, string[]>;
};

export function allPhasesRead(db: D1Database): Read<AllPhases> {
  return read(db.prepare("SELECT generation, position, name FROM phases"), phasesOf);
}

export function allPhases(db: D1Database): Promise<AllPhases> {
  return run(allPhasesRead(db));
}

function phasesOf(results: { generation: number; position: number; name: string }[]): AllPhases {
  const names = new Map<string, string>();
  const counts = new Map<number, number>();
  const lists = new Map<number, string[]>();
  for (const r of results) {
    names.set(`${r.generation}:${r.position}`, r.name);
    counts.set(r.generation, Math.max(counts.get(r.generation) ?? 0, r.position + 1));
    const list = lists.get(r.generation) ?? [];
    list[r.position] = r.name;
    lists.set(r.generation, list);
  }
  return { names, counts, lists };
}
