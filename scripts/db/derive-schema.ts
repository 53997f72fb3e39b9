// npm run db:derive — writes prisma/postgres/schema.prisma from prisma/schema.prisma.
import { readFileSync, writeFileSync } from "node:fs";
import { derivePostgresSchema } from "../../lib/db/schema-derivation";

const source = readFileSync("prisma/schema.prisma", "utf8");
writeFileSync("prisma/postgres/schema.prisma", derivePostgresSchema(source));
console.log("wrote prisma/postgres/schema.prisma");
