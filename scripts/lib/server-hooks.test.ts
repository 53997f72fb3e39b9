import { describe, expect, it } from "vitest";
import { heapGrowthPercent, serverEnv } from "./server-hooks";

type Env = Record<string, string | undefined>;

describe("the server's environment", () => {
  it("keeps the given environment and options, adds the preloads and two malloc arenas", () => {
    const env = serverEnv<Env>({ DATABASE_URL: "file:x.db", NODE_OPTIONS: "--max-old-space-size=2048" });
    expect(env.DATABASE_URL).toBe("file:x.db");
    expect(env.MALLOC_ARENA_MAX).toBe("2");
    expect(env.NODE_OPTIONS).toMatch(/^--max-old-space-size=2048 --import "file:.*peer-address\.mjs" --import "file:.*server-heap\.mjs"$/);
  });

  it("an operator's own arena count wins", () => {
    expect(serverEnv<Env>({ MALLOC_ARENA_MAX: "8" }).MALLOC_ARENA_MAX).toBe("8");
    expect(serverEnv<Env>({}).NODE_OPTIONS).toMatch(/^--import /);
  });

  it("passes the heap's growth on to the server: 20 unless an operator chose a whole number from 10 to 300", () => {
    expect(serverEnv<Env>({}).SERVER_HEAP_GROWTH_PERCENT).toBe("20");
    expect(serverEnv<Env>({ SERVER_HEAP_GROWTH_PERCENT: " 50 " }).SERVER_HEAP_GROWTH_PERCENT).toBe("50");
    expect(heapGrowthPercent({ SERVER_HEAP_GROWTH_PERCENT: "" })).toBe(20);
    for (const bad of ["5", "301", "2.5", "fifty", "-20"]) {
      expect(() => heapGrowthPercent({ SERVER_HEAP_GROWTH_PERCENT: bad })).toThrow(/SERVER_HEAP_GROWTH_PERCENT must be a whole number from 10 to 300/);
    }
  });
});
