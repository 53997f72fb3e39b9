import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/commands/user-accounts";

export const TEST_PASSWORD = "integration-test-password";

export async function makeUser(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`) {
  return createUser(getDb(), { email, role, password: TEST_PASSWORD }, { system: "test" });
}

type TestSession = { user: { id: string; email: string; role: string } };

/**
 * The session the mocked next-auth answers with (null: signed out). A test file mocks next-auth
 * (vi.mock must stay in the test file, where it is hoisted) with
 *   vi.mock("next-auth", async (original) => (await import("./helpers")).withTestSession(await original()));
 * and signs in or out by setting `testSession.current`.
 */
export const testSession: { current: TestSession | null } = { current: null };

/** next-auth with getServerSession answering `testSession.current`. */
export function withTestSession<T extends object>(nextAuth: T): T {
  return { ...nextAuth, getServerSession: async () => testSession.current };
}
