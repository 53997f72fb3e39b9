import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { ApiError } from "@/lib/web/errors";
import { createUser, updateUser } from "@/lib/commands/user-accounts";
import { makeUser, TEST_PASSWORD } from "./helpers";

describe("users", () => {
  it("creates a user with a hashed password, normalised e-mail, and an audit entry", async () => {
    const user = await createUser(getDb(), { email: "  Alice@Example.ORG ", role: "engineer", password: TEST_PASSWORD }, { system: "test" });
    expect(user.email).toBe("alice@example.org");
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain(TEST_PASSWORD);
    const entry = await getDb().auditLog.findFirstOrThrow({ where: { action: "user.create", targetId: user.id } });
    expect(entry.actorLabel).toBe("test");
    expect(JSON.stringify(entry.after)).not.toContain(TEST_PASSWORD);
  });

  it("refuses a duplicate e-mail whatever its case, and changes nothing", async () => {
    await makeUser("viewer", "dup@test.local");
    const before = await getDb().user.count();
    await expect(createUser(getDb(), { email: "DUP@test.local", role: "viewer", password: TEST_PASSWORD }, { system: "test" })).rejects.toMatchObject({ status: 409 });
    expect(await getDb().user.count()).toBe(before);
  });

  it.each([
    [{ email: "not-an-email", role: "viewer", password: TEST_PASSWORD }, "email"],
    [{ email: "x@test.local", role: "root", password: TEST_PASSWORD }, "role"],
    [{ email: "x@test.local", role: "viewer", password: "short" }, "password"],
    [{ email: "x@test.local", role: "viewer", password: "p".repeat(257) }, "password"],
    [{ email: `${"a".repeat(250)}@t.io`, role: "viewer", password: TEST_PASSWORD }, "email"],
  ])("rejects %j naming the field", async (input, field) => {
    const error = await createUser(getDb(), input, { system: "test" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).issues?.map((i) => i.path)).toContain(field);
  });

  it("keeps at least one enabled administrator", async () => {
    const db = getDb();
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const admin = await makeUser("admin");
    await expect(updateUser(db, admin.id, { role: "viewer" }, { system: "test" })).rejects.toMatchObject({ code: "last_admin" });
    await expect(updateUser(db, admin.id, { role: "admin", disabled: true }, { system: "test" })).rejects.toMatchObject({ code: "last_admin" });
    const second = await makeUser("admin");
    const demoted = await updateUser(db, admin.id, { role: "analyst" }, { id: second.id, email: second.email });
    expect(demoted.role).toBe("analyst");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "user.update", targetId: admin.id } });
    expect(entry.before).toEqual({ role: "admin", disabled: false });
    expect(entry.after).toEqual({ role: "analyst", disabled: false });
    expect(entry.actorId).toBe(second.id);
  });
});
