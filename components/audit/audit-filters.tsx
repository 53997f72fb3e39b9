import { FilterBar, filterLabelClass, Select } from "@/components/ui/filter-bar";
import { inputClass } from "@/components/ui/field";
import { AUDIT_OBJECTS, SYSTEM_ACTOR, type AuditParams } from "@/lib/queries/audit";

export const OBJECT_WORDS: Record<string, string> = {
  device: "Device", agent: "Agent", alert: "Alert", policy: "Policy", user: "User account", site: "Site", segment: "Segment", api_key: "API key",
  webhook: "Webhook", syslog_target: "Syslog target", feed: "Vulnerability feed", "sso-mapping": "Single sign-on mapping", outbound_message: "Outbound message",
};

/** Actions and their families ("device." = every device action), offered as the action box is typed in. */
const ACTION_HINTS = [
  "device.", "device.approve", "device.block", "device.retire", "device.edit", "device.clinical_context", "risk.", "risk.accept", "risk.accept_revoke", "risk.accept_expired",
  "match.", "policy.", "policy.create", "policy.update", "policy.delete", "alert.", "alert.acknowledge", "alert.resolve", "agent.", "agent.enrol", "agent.revoke",
  "agent.rotate_token", "user.", "user.create", "user.update", "apikey.", "segment.", "site.", "feed.", "export.", "webhook.", "syslog_target.", "sso.",
];

export function AuditFilters({ params, actors }: { params: AuditParams; actors: { id: string; email: string }[] }) {
  return (
    <FilterBar action="/settings/audit" label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6" buttonsClassName="lg:col-span-6">
      <label className={`${filterLabelClass} lg:col-span-2`}>
        Search
        <input name="q" type="search" defaultValue={params.q ?? ""} maxLength={100} placeholder="A name, e-mail, action or id" className={inputClass} />
      </label>
      <Select name="actor" label="Who" value={params.actor} options={[[SYSTEM_ACTOR, "No person (system, setup, jobs)"], ...actors.map((a): [string, string] => [a.id, a.email])]} />
      <label className={filterLabelClass}>
        Action
        <input name="action" list="audit-actions" defaultValue={params.action ?? ""} maxLength={80} placeholder="device.block, or device. for all" className={inputClass} />
        <datalist id="audit-actions">{ACTION_HINTS.map((a) => <option key={a} value={a} />)}</datalist>
      </label>
      <Select name="object" label="On what" value={params.object} options={AUDIT_OBJECTS.map((o) => [o, OBJECT_WORDS[o] ?? o])} />
      <div className="grid grid-cols-2 gap-2">
        <label className={filterLabelClass}>
          From (UTC)
          <input type="date" name="from" defaultValue={params.from ?? ""} className={inputClass} />
        </label>
        <label className={filterLabelClass}>
          To (UTC)
          <input type="date" name="to" defaultValue={params.to ?? ""} className={inputClass} />
        </label>
      </div>
      {/* One object's trail (from a link on its page) survives changing the other filters. */}
      {params.target && <input type="hidden" name="target" value={params.target} />}
    </FilterBar>
  );
}
