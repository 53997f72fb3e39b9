import { describe, expect, it } from "vitest";
import { isUniqueViolation, isWriteConflict } from "./conflicts";

describe("write conflicts", () => {
  it("knows a taken unique key in the ORM's words and in each database's own", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation({ code: "P2010", meta: { code: "23505" } })).toBe(true);
    expect(isUniqueViolation({ code: "P2010", message: 'Raw query failed. Code: `23505`. Message: `duplicate key value violates unique constraint "DeviceIdentifier_pkey"`' })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBe(true);
  });

  it("takes no other failure for one", () => {
    expect(isUniqueViolation({ code: "P2010", meta: { code: "23503" }, message: "Raw query failed. Code: `23503`. foreign key" })).toBe(false);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_FOREIGNKEY" })).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it("knows a lost race for a lock", () => {
    expect(isWriteConflict({ code: "P2034" })).toBe(true);
    expect(isWriteConflict({ message: "deadlock detected" })).toBe(true);
    expect(isWriteConflict({ code: "P2002" })).toBe(false);
  });
});
