import { EnforcementModeForm } from "@/components/settings/integrations/enforcement-mode-form";
import type { FormAction } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { ENFORCEMENT_MODES } from "@/lib/domain/enforcement/enforcement-policy";
import { ALLOW_LISTED_WARNING, MODE_LABELS, MODE_WORDS, effectiveMode } from "@/lib/domain/enforcement/modes";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listEnforcementSettings } from "@/lib/queries/enforcement-views";

/** The server actions the forms call (passed by the page: components never import app/). */
export type EnforcementActions = { site: FormAction; agent: FormAction };

const SITE_OPTIONS: [string, string][] = ENFORCEMENT_MODES.map((m) => [m, MODE_LABELS[m]]);
const AGENT_OPTIONS: [string, string][] = [["", "Its site's mode"], ...SITE_OPTIONS];

function WhatModesDo() {
  return (
    <div className="mb-4 flex flex-col gap-2 text-sm text-slate-700">
      <p>
        Agents that can act on USB devices (the reference agent on Linux, through sysfs or a USBGuard rules file) fetch what to enforce from the
        dashboard and report back what they did; each device page then says where and when. A site&apos;s mode applies to its agents; an agent
        may have its own (a kiosk&apos;s sensor in allow-listed mode on a block-listed site).
      </p>
      <ul className="list-disc pl-5">
        {ENFORCEMENT_MODES.map((m) => (
          <li key={m}>
            <span className="font-medium">{MODE_LABELS[m]}</span>: {MODE_WORDS[m]}
          </li>
        ))}
      </ul>
      <p className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900" role="note">
        <span className="font-medium">Allow-listed mode:</span> {ALLOW_LISTED_WARNING}
      </p>
    </div>
  );
}

/** Settings → Integrations: each site's enforcement mode, each agent's override and the policy it last fetched. */
export async function EnforcementSection({ actions }: { actions: EnforcementActions }) {
  const { sites, agents } = await listEnforcementSettings();
  return (
    <Card title="Enforcement on hosts">
      <WhatModesDo />
      <h3 className="mb-2 text-sm font-semibold text-slate-700">Sites</h3>
      {sites.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">No site yet: sites appear when agents are enrolled.</p>
      ) : (
        <Table columns={["Site", "Agents"]} last="Mode" caption="Enforcement mode of each site" testId="enforcement-sites" className="mb-4">
          {sites.map((s) => (
            <tr key={s.id} className="border-b border-slate-100 align-top" data-testid={`enforcement-site-${s.name}`}>
              <td className="py-2 pr-4 font-medium">{s.name}</td>
              <td className="py-2 pr-4 tabular-nums">{countOf(s._count.agents, "agent")}</td>
              <td className="py-2">
                <EnforcementModeForm action={actions.site} id={s.id} subject={`site ${s.name}`} current={s.enforcementMode} options={SITE_OPTIONS} warning={ALLOW_LISTED_WARNING} />
              </td>
            </tr>
          ))}
        </Table>
      )}
      <h3 className="mb-2 text-sm font-semibold text-slate-700">Agents</h3>
      {agents.length === 0 ? (
        <p className="text-sm text-slate-600">No enrolled agent.</p>
      ) : (
        <Table columns={["Agent", "Site", "Applies now", "Policy last fetched"]} last="Own mode" caption="Enforcement mode of each agent" testId="enforcement-agents">
          {agents.map((a) => (
            <tr key={a.id} className="border-b border-slate-100 align-top" data-testid={`enforcement-agent-${a.name}`}>
              <td className="py-2 pr-4">
                <p className="font-medium">{a.name}</p>
                {a.hostname && <p className="text-xs text-slate-500">on {a.hostname}</p>}
              </td>
              <td className="py-2 pr-4">{a.site?.name ?? "—"}</td>
              <td className="py-2 pr-4">{MODE_LABELS[effectiveMode(a.enforcementMode, a.site?.enforcementMode)]}</td>
              <td className="py-2 pr-4">
                {a.policyVersion ? (
                  <>
                    <span className="font-mono text-xs">{a.policyVersion.slice(0, 8)}</span> <span className="text-xs text-slate-500">at {whenUtc(a.policyFetchedAt)}</span>
                  </>
                ) : (
                  <span className="text-slate-500">never</span>
                )}
              </td>
              <td className="py-2">
                <EnforcementModeForm action={actions.agent} id={a.id} subject={`agent ${a.name}`} current={a.enforcementMode ?? ""} options={AGENT_OPTIONS} warning={ALLOW_LISTED_WARNING} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
