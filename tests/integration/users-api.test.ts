// The real route handlers of /api/users, called with real Requests against the test database.
// Only the session lookup is replaced: next-auth's cookie decoding is covered by the e2e tests.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { makeUser } from "./helpers";

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string; email: string; role: string } } }));
vi.mock("next-auth", async (original) => ({ ...(await original<typeof import("next-auth")>()), getServerSession: async () => session.current }));

const { GET, POST } = await import("@/app/api/users/route");
const { PATCH } = await import("@/app/api/users/[id]/route");

const ORIGIN = "http://localhost:3000";
function post(body: unknown, init: { origin?: string | null; contentType?: string; raw?: string } = {}) {
  const headers: Record<string, string> = { host: "localhost:3000", "content-type": init.contentType ?? "application/json" };
  if (init.origin !== null) headers.origin = init.origin ?? ORIGIN;
  return POST(new Request(`${ORIGIN}/api/users`, { method: "POST", headers, body: init.raw ?? JSON.stringify(body) }), undefined as never);
}

async function signInAs(role: "admin" | "analyst" | "engineer" | "viewer") {
  const user = await makeUser(role);
  session.current = { user: { id: user.id, email: user.email, role } };
  return user;
}

const valid = () => ({ email: `new-${Math.random().toString(36).slice(2)}@test.local`, role: "viewer", password: "a-long-enough-password" });

describe("/api/users", () => {
  beforeEach(() => {
    session.current = null;
  });

  it("401 without a session", async () => {
    const res = await GET(new Request(`${ORIGIN}/api/users`), undefined as never);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it.each(["analyst", "engineer", "viewer"] as const)("403 for %s on list and create, and nothing is created", async (role) => {
    await signInAs(role);
    const count = await getDb().user.count();
    expect((await GET(new Request(`${ORIGIN}/api/users`), undefined as never)).status).toBe(403);
    const res = await post(valid());
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
    expect(await getDb().user.count()).toBe(count);
  });

  it("an administrator creates a user (201), never seeing a password hash", async () => {
    await signInAs("admin");
    const res = await post(valid());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user.role).toBe("viewer");
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|scrypt/);
    const list = await (await GET(new Request(`${ORIGIN}/api/users`), undefined as never)).json();
    expect(list.users.some((u: { email: string }) => u.email === body.user.email)).toBe(true);
  });

  it("refuses a cross-site request (CSRF) before anything else", async () => {
    await signInAs("admin");
    expect((await post(valid(), { origin: "https://evil.example" })).status).toBe(403);
    expect((await post(valid(), { origin: null })).status).toBe(403);
  });

  it("answers 415, 400 and 413 with the one error shape", async () => {
    await signInAs("admin");
    const wrongType = await post(valid(), { contentType: "text/plain" });
    expect(wrongType.status).toBe(415);
    expect((await wrongType.json()).error.code).toBe("unsupported_media_type");
    const malformed = await post(null, { raw: "{not json" });
    expect(malformed.status).toBe(400);
    const invalid = await post({ email: "nope", role: "wizard", password: "x" });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["email", "password", "role"]);
    const huge = await post(null, { raw: JSON.stringify({ ...valid(), name: "x".repeat(100_000) }) });
    expect(huge.status).toBe(413);
  });

  it("PATCH changes a role for an administrator only", async () => {
    const target = await makeUser("viewer");
    await signInAs("engineer");
    const patch = (body: unknown) =>
      PATCH(new Request(`${ORIGIN}/api/users/${target.id}`, { method: "PATCH", headers: { host: "localhost:3000", origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ id: target.id }),
      });
    expect((await patch({ role: "admin" })).status).toBe(403);
    await signInAs("admin");
    const res = await patch({ role: "engineer" });
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe("engineer");
  });
});
