// A browser for next-auth's REAL session path, in-process: it keeps cookies from Set-Cookie, calls
// the route handler app/api/auth/[...nextauth]/route.ts (CSRF token, credentials sign-in,
// GET /api/auth/session, sign-out), and lends its cookies to next/headers so that
// getServerSession, server actions and route handlers see this browser's session.
//
// The test file mocks next/headers (vi.mock is hoisted, so it stays in the test file):
//   const request = vi.hoisted(() => ({ jar: new Map<string, string>(), headers: {} as Record<string, string> }));
//   vi.mock("next/headers", async (original) => (await import("./auth-browser")).nextHeadersFrom(request, await original()));
import { createRequire } from "node:module";
import { NextRequest } from "next/server";

export const ORIGIN = "http://localhost:3000";

type Request = { jar: Map<string, string>; headers: Record<string, string> };

/**
 * next/headers answering the active browser's cookies and the request's extra headers. next-auth
 * reads next/headers with require() (CommonJS, which vi.mock does not reach): the same fake goes
 * into Node's require cache, so both see one request.
 */
export function nextHeadersFrom<T extends object>(request: Request, original: T): T {
  const fake = fakeHeaders(request, original);
  const require = createRequire(import.meta.url);
  const file = require.resolve("next/headers");
  require.cache[file] = { id: file, filename: file, loaded: true, exports: fake } as unknown as NodeJS.Module;
  return fake;
}

function fakeHeaders<T extends object>(request: Request, original: T): T {
  return {
    ...original,
    headers: async () => new Headers({ host: "localhost:3000", origin: ORIGIN, ...request.headers }),
    cookies: async () => ({
      getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
      get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
      has: (name: string) => request.jar.has(name),
    }),
  };
}

type Handler = (req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

export class Browser {
  readonly jar = new Map<string, string>();
  /** Set-Cookie lines of the last answer, as sent. */
  lastSetCookie: string[] = [];

  constructor(private readonly request: Request, private readonly handlers: { GET: Handler; POST: Handler }) {}

  /** A second browser holding a copy of this one's cookies (a stolen cookie). */
  copy(): Browser {
    const other = new Browser(this.request, this.handlers);
    for (const [k, v] of this.jar) other.jar.set(k, v);
    return other;
  }

  /** Makes this browser the one next/headers answers for. */
  use(): this {
    this.request.jar = this.jar;
    return this;
  }

  private async call(method: "GET" | "POST", path: string[], form?: Record<string, string>): Promise<Response> {
    this.use();
    const headers: Record<string, string> = { host: "localhost:3000", origin: ORIGIN };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const req = new NextRequest(`${ORIGIN}/api/auth/${path.join("/")}`, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
    const response = await this.handlers[method](req, { params: Promise.resolve({ nextauth: path }) });
    this.lastSetCookie = response.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair, ...attributes] = line.split(";").map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
      const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) <= Date.now()));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return response;
  }

  private async csrf(): Promise<string> {
    return ((await (await this.call("GET", ["csrf"])).json()) as { csrfToken: string }).csrfToken;
  }

  /** Signs in with e-mail and password; true when next-auth set a session cookie. */
  async signIn(email: string, password: string): Promise<boolean> {
    const csrfToken = await this.csrf();
    await this.call("POST", ["callback", "credentials"], { csrfToken, email, password, json: "true", callbackUrl: `${ORIGIN}/` });
    return [...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }

  /** GET /api/auth/session: the session next-auth answers (renewing the cookie), {} when none. */
  async session(): Promise<{ user?: { id: string; email: string; role: string } }> {
    return (await this.call("GET", ["session"])).json();
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    await this.call("POST", ["signout"], { csrfToken, json: "true", callbackUrl: `${ORIGIN}/login` });
  }

  /** The session cookie's value (whichever name it has). */
  sessionCookie(): string | undefined {
    return [...this.jar].find(([k]) => k.endsWith("next-auth.session-token"))?.[1];
  }
}
