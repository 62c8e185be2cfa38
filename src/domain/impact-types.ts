/** The impact types migration 0002 seeds; monitors and receivers fall back to them. */
export const SEEDED_IMPACT_TYPES = {
  performance: "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a01",
  connectivity: "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a02",
  maintenance: "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a03",
  unknown: "7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a04",
} as const;
