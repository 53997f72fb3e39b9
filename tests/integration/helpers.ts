import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/commands/user-accounts";

export const TEST_PASSWORD = "integration-test-password";

export async function makeUser(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`) {
  return createUser(getDb(), { email, role, password: TEST_PASSWORD }, { system: "test" });
}
