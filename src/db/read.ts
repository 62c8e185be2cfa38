/**
 * A query and how to map its rows. Modules in db/ offer their reads in this
 * form as well, so a caller that needs many (the snapshot, a write's events)
 * gets them in one D1 round trip, and each read is still one consistent
 * batch: D1 runs a batch as one transaction.
 */
export type Read<T> = { statement: D1PreparedStatement; map: (rows: unknown[]) => T };

export function read<R, T>(statement: D1PreparedStatement, map: (rows: R[]) => T): Read<T> {
  return { statement, map: (rows) => map(rows as R[]) };
}

/** One read on its own. */
export async function run<T>(r: Read<T>): Promise<T> {
  const { results } = await r.statement.all();
  return r.map(results);
}

type Results<R extends readonly Read<unknown>[]> = {
  -readonly [K in keyof R]: R[K] extends Read<infer T> ? T : never;
};

/** Several reads in one D1 batch. */
export async function readAll<const R extends readonly Read<unknown>[]>(
  db: D1Database,
  reads: R,
): Promise<Results<R>> {
  if (reads.length === 0) return [] as Results<R>;
  const results = await db.batch(reads.map((r) => r.statement));
  return reads.map((r, i) => r.map(results[i]?.results ?? [])) as Results<R>;
}
