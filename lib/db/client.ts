// The one database client of the process (kept on globalThis so dev reloads do not open more).
// Both providers' clients are generated from the same model, so one type serves both.
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { postgresAdapter, sqliteAdapter } from "./adapters";
import { databaseConfig, type DatabaseConfig } from "./config";

export type Db = InstanceType<typeof SqliteClient>;
export type { Prisma } from "../generated/sqlite/client";

const providers = new WeakMap<object, DatabaseConfig["provider"]>();

export function createDb(config: DatabaseConfig = databaseConfig()): Db {
  const db =
    config.provider === "sqlite"
      ? new SqliteClient({ adapter: sqliteAdapter(config.file) })
      : (new PostgresClient({ adapter: postgresAdapter(config.url) }) as unknown as Db);
  providers.set(db, config.provider);
  return db;
}

/** Which database a client talks to, for the few writes that are SQL of their own. */
export function providerOf(db: Db): DatabaseConfig["provider"] {
  return providers.get(db) ?? databaseConfig().provider;
}

const holder = globalThis as unknown as { __iomtDb?: Db };

export function getDb(): Db {
  holder.__iomtDb ??= createDb();
  return holder.__iomtDb;
}

/** For tests and CLIs that point the process at another database. */
export async function setDb(db: Db | undefined) {
  if (holder.__iomtDb && holder.__iomtDb !== db) await holder.__iomtDb.$disconnect();
  holder.__iomtDb = db;
}

export function isPostgres(): boolean {
  return databaseConfig().provider === "postgresql";
}
