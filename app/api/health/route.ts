// Liveness: the process answers. (Readiness, with the database, is /api/ready.)
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
