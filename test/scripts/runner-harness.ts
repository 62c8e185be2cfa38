import { startRunner as start } from "../../scripts/lib/runner-process.mjs";

export type Runner = Awaited<ReturnType<typeof start>>;

/** Starts `npm start`'s script on a free port and waits until it listens. */
export const startRunner: (env: Record<string, string>) => Promise<Runner> = start;
