/** Every KV key Beacon uses. The version prefix lets a new shape coexist with the old during a deploy. */
export const KV_KEYS = {
  snapshot: "v1:snapshot",
  healthProbe: "v1:health",
} as const;
