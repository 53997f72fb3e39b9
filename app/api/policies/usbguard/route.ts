// GET /api/policies/usbguard?site=<id> | ?agent=<id> [&mode=block_listed|allow_listed] — the
// enforcement policy of a site or an agent as a USBGuard rules file, for hosts that run USBGuard
// instead of the agent's sysfs enforcement. Analysts and administrators (the policies page).
import { z } from "zod";
import { canManagePolicies } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ENFORCEMENT_MODES } from "@/lib/domain/enforcement/enforcement-policy";
import { usbguardRules } from "@/lib/domain/enforcement/usbguard-rules";
import { agentPolicyScope, enforcementPolicyFor, sitePolicyScope } from "@/lib/queries/agent-policy";
import { badRequest, notFound, zodIssues } from "@/lib/web/errors";
import { route } from "@/lib/web/json-gate";

export const dynamic = "force-dynamic";

const query = z
  .object({
    site: z.string().min(1).max(64).optional(),
    agent: z.string().min(1).max(64).optional(),
    /** Write the rules as if the site or agent were in this mode (e.g. to prepare a switch to allow_listed). */
    mode: z.enum(ENFORCEMENT_MODES).optional(),
  })
  .refine((q) => !!q.site !== !!q.agent, { message: "Name exactly one of site or agent.", path: ["site"] });

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "site";

export const GET = route(async (request) => {
  await requirePermission(canManagePolicies);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest("invalid_query", "Ask for one site (?site=<id>) or one agent (?agent=<id>).", zodIssues(parsed.error));
  const { site, agent, mode } = parsed.data;
  const db = getDb();
  const scope = agent ? (await agentPolicyScope(db, agent))?.scope : await sitePolicyScope(db, site!);
  if (!scope) throw notFound(agent ? "agent" : "site");
  const { policy } = await enforcementPolicyFor(db, mode ? { ...scope, mode } : scope);
  const name = `iomt-usbguard-${slug(scope.siteName ?? "no-site")}${agent ? `-${slug(scope.label)}` : ""}.rules`;
  return new Response(usbguardRules(policy, { generatedAt: new Date().toISOString() }), {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
