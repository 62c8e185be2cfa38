/** A fetch-shaped function: the real one, or a test's fake upstream. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
