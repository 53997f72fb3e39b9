import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "./schema-derivation";

describe("schema derivation", () => {
  it("the committed PostgreSQL schema is exactly the one derived from the source", () => {
    const source = readFileSync("prisma/schema.prisma", "utf8");
    const committed = readFileSync("prisma/postgres/schema.prisma", "utf8");
    // On failure: run `npm run db:derive` and create a migration for both providers.
    expect(committed).toBe(derivePostgresSchema(source));
  });

  it("changes only the provider and the client output path", () => {
    const derived = derivePostgresSchema('generator client {\n  output       = "../lib/generated/sqlite"\n}\ndatasource db {\n  provider = "sqlite"\n}\nmodel A { id String @id }\n');
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain("../../lib/generated/postgres");
    expect(derived).toContain("model A { id String @id }");
  });

  it("refuses a source whose provider line it does not recognise", () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/expected provider/);
  });
});
