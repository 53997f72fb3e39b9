// The command-line tools' migration step (lib/db/migrate-if-needed.ts): the engine is opened only
// when something is pending, and never under a serving dashboard.
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { shippedMigrations } from "@/lib/db/migration-status";
import { scratchPostgres, scratchSqlite } from "@/lib/db/scratch";
import { beat, servingNow } from "@/lib/db/server-heartbeat";

const engine = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/db/migrations", async (original) => {
  const real = await original<typeof import("@/lib/db/migrations")>();
  return {
    ...real,
    applyMigrations: async (...args: Parameters<typeof real.applyMigrations>) => {
      engine.calls += 1;
      return real.applyMigrations(...args);
    },
  };
});
const { migrateIfNeeded, MigrationsPending } = await import("@/lib/db/migrate-if-needed");

const newest = () => shippedMigrations(databaseConfig().provider).at(-1)!;
const HIDDEN = "hidden_";

/** Makes the newest migration look unapplied (its row renamed), as a new version's would be. */
async function hideNewest() {
  await getDb().$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = '${HIDDEN}' || "migration_name" WHERE "migration_name" = '${newest()}'`);
}
async function unhide() {
  await getDb().$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${newest()}' AND EXISTS (SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = '${HIDDEN}${newest()}')`);
  await getDb().$executeRawUnsafe(`UPDATE "_prisma_migrations" SET "migration_name" = substr("migration_name", ${HIDDEN.length + 1}) WHERE "migration_name" LIKE '${HIDDEN}%'`);
}
const appliedNames = async () => (await getDb().$queryRawUnsafe<{ migration_name: string }[]>(`SELECT "migration_name" FROM "_prisma_migrations" ORDER BY 1`)).map((r) => r.migration_name);

afterEach(async () => {
  engine.calls = 0;
  await unhide();
  await getDb().setting.deleteMany({ where: { key: "server.heartbeat" } });
});

describe("migrateIfNeeded", () => {
  it("with nothing pending, reads the applied list and never opens the migration engine", async () => {
    await beat(getDb());
    expect(await migrateIfNeeded(databaseConfig())).toEqual([]);
    expect(engine.calls).toBe(0);
  });

  it("with a migration pending and a dashboard serving, stops with one line saying what to do, and changes nothing", async () => {
    await hideNewest();
    await beat(getDb());
    const before = await appliedNames();
    const error = await migrateIfNeeded(databaseConfig()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationsPending);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toContain(`1 database migration is pending (${newest()})`);
    expect(message).toContain("a dashboard is serving this database");
    expect(message).toContain('run "npm run db:migrate"');
    expect(engine.calls).toBe(0);
    expect(await appliedNames()).toEqual(before);
  });

  it("with no dashboard serving, applies what is pending, as before (a new database gets every migration)", async () => {
    const config = databaseConfig();
    const fresh = config.provider === "postgresql" ? await scratchPostgres(config.url, "iomt_test_fresh") : scratchSqlite();
    try {
      expect(await migrateIfNeeded(fresh.config)).toEqual(shippedMigrations(config.provider));
      expect(engine.calls).toBe(1);
      expect(await migrateIfNeeded(fresh.config)).toEqual([]);
      expect(engine.calls).toBe(1);
    } finally {
      await fresh.drop();
    }
  });

  it("when the engine cannot apply a pending migration, says so in one line instead of the engine's words", async () => {
    // The hidden migration's SQL already ran here, so applying it again fails on its first statement.
    await hideNewest();
    const error = await migrateIfNeeded(databaseConfig()).catch((e: unknown) => e);
    expect(engine.calls).toBe(1);
    expect(error).toBeInstanceOf(MigrationsPending);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).toMatch(/^1 database migration is pending \(.+\) and they could not be applied now \(.+\): stop the dashboard, run "npm run db:migrate"/);
  });

  it("a server starting (npm start) applies pending migrations even while another instance serves, as an upgrade does", async () => {
    await hideNewest();
    await beat(getDb());
    // The hidden migration's SQL already ran here, so the engine's attempt fails: what matters is
    // that it was made, where a tool would have refused.
    await migrateIfNeeded(databaseConfig(), { starting: true }).catch(() => undefined);
    expect(engine.calls).toBe(1);
  });

  it("treats a heartbeat older than 90 seconds as a stopped dashboard", async () => {
    const now = new Date();
    await beat(getDb(), new Date(now.getTime() - 91_000));
    expect(await servingNow(getDb(), now)).toBeNull();
    await beat(getDb(), new Date(now.getTime() - 30_000));
    expect((await servingNow(getDb(), now))?.pid).toBe(process.pid);
    await getDb().setting.update({ where: { key: "server.heartbeat" }, data: { value: "not json" } });
    expect(await servingNow(getDb(), now)).toBeNull();
  });
});
