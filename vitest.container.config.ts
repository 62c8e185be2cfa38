import { defineConfig } from "vitest/config";

/** The container image, built and run with podman (see test/container/). */
export default defineConfig({
  test: {
    name: "container",
    environment: "node",
    include: ["test/container/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
