import { ManagePage } from "@/components/ui/manage-page";
import { countOf } from "@/lib/domain/words/count";
import type { Metadata } from "next";
import { EnrolAgentForm } from "@/components/agents/enrol-agent-form";
import { Badge, type Tone } from "@/components/ui/badge";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { canManageAgents } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getAgentHealth, type AgentHealth } from "@/lib/queries/agents";
import { listSites } from "@/lib/queries/ciso-report";
import { AgentLaneForm } from "@/components/agents/agent-lane-form";
import { AgentHealthCell } from "@/components/agents/agent-health-cell";
import { enrolAgentAction, revokeAgentAction, setAgentLaneAction } from "./actions";
import { whenUtc } from "@/lib/domain/words/time-format";

export const metadata: Metadata = { title: "Agents" };

const STATE: Record<AgentHealth["state"], { label: string; tone: Tone }> = {
  online: { label: "online", tone: "ok" },
  offline: { label: "offline", tone: "danger" },
  never: { label: "never reported", tone: "warn" },
  revoked: { label: "revoked", tone: "neutral" },
};

export default async function AgentsPage() {
  const user = await requirePageUser();
  const [agents, sites] = await Promise.all([getAgentHealth(), listSites()]);
  const canManage = canManageAgents(user);
  return (
    <ManagePage
      title="Agents"
      description="Sensors on network segments and hosts that report what they observe. An agent is offline when it misses two reporting intervals."
      createTitle="Enrol an agent"
      createForm={canManage && <EnrolAgentForm action={enrolAgentAction} sites={sites.map((s) => s.name)} />}
      listTitle={countOf(agents.length, "agent")}
    >
      {agents.length === 0 ? (
        <p className="text-sm text-slate-600">
          No agent is enrolled yet. {canManage ? "Enrol one above" : "Ask an administrator to enrol one"} (or run <code>npm run agent:enrol -- --name sensor-icu-01 --site &quot;Main Campus&quot;</code>), then
          give the token to the sensor; devices appear as soon as it reports.
        </p>
      ) : (
        <Table
          columns={["Agent", "Lane", "State", "Last seen", "Version", "Collectors", { label: "Reports / h", className: "text-right" }, { label: "Observations", className: "text-right" }, "Errors"]}
          last={canManage ? ACTIONS_COLUMN : undefined}
        >
          {agents.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top" data-testid={`agent-${a.name}`}>
              <td className="py-2 pr-4">
                <p className="font-medium">{a.name}</p>
                <p className="text-xs text-slate-500">{[a.hostname, `token ${a.tokenPrefix}…`].filter(Boolean).join(" · ")}</p>
              </td>
              <td className="max-w-xs py-2 pr-4 text-xs" data-testid="agent-lane">
                <Lane site={a.site} segments={a.segments} />
              </td>
              <td className="py-2 pr-4"><Badge tone={STATE[a.state].tone}>{STATE[a.state].label}</Badge></td>
              <td className="py-2 pr-4 tabular-nums">{whenUtc(a.lastSeenAt)}</td>
              <td className="py-2 pr-4">{a.version ?? "—"}</td>
              <td className="max-w-xs py-2 pr-4 text-xs"><AgentHealthCell health={a.health} at={a.healthAt} /></td>
              <td className="py-2 pr-4 text-right tabular-nums">{a.reportsLastHour.toLocaleString("en-US")}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{a.observationCount.toLocaleString("en-US")}</td>
              <td className="max-w-xs py-2 pr-4 text-xs">{a.errorCount ? `${a.errorCount} — last: ${a.lastError ?? ""}` : "none"}</td>
              {canManage && (
                <td className="py-2">
                  {!a.revokedAt && (
                    <div className="flex flex-col items-start gap-2">
                      <ConfirmRevokeButton action={revokeAgentAction} id={a.id} name={a.name} question={`Revoke ${a.name}? Its token will be refused from now on.`} />
                      <AgentLaneForm action={setAgentLaneAction} id={a.id} name={a.name} site={a.site ?? "default"} segments={a.segments} />
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
    </ManagePage>
  );
}

/** Where the agent may report. One enrolled before lanes (no site) is confined to the default site. */
function Lane({ site, segments }: { site: string | null; segments: string[] | null }) {
  return (
    <>
      {site ?? <Badge tone="warn">default site: no site chosen at enrolment</Badge>}
      <p className="text-slate-500">{segments ? `segments: ${segments.join(", ")}` : "every segment"}</p>
    </>
  );
}
