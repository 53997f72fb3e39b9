// First gate: a request without a session cookie is sent to the sign-in page. Every page, route
// handler and server action still checks the user and role itself on the server.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  // Everything but sign-in, the auth and agent/integration APIs (they authenticate themselves),
  // health checks and static files.
  matcher: ["/((?!login|api/|_next/static|_next/image|favicon.ico).*)"],
};
