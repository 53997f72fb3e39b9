import { SyslogTargetButton } from "@/components/settings/integrations/syslog-target-buttons";
import { NEW_SYSLOG_TARGET, SyslogTargetForm, type SyslogTargetFields } from "@/components/settings/integrations/syslog-target-form";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { readSyslogEventChoice } from "@/lib/domain/integrations/syslog-filter";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listSyslogTargets, type SyslogTargetView } from "@/lib/queries/syslog-views";

/** The server actions the forms call (passed by the page: components never import app/). */
export type SyslogActions = { save: FormAction; setEnabled: FormAction; remove: FormAction; testSend: FormAction };

function formFields(t: SyslogTargetView): SyslogTargetFields {
  const events = readSyslogEventChoice(t.events);
  return { id: t.id, name: t.name, host: t.host, port: t.port, transport: t.transport, format: t.format, alerts: events.alerts, audit: events.audit, minSeverity: t.minSeverity, caPem: t.caPem ?? "" };
}

function whatItSends(t: SyslogTargetView): string {
  const events = readSyslogEventChoice(t.events);
  const parts = [events.alerts ? `alerts from ${t.minSeverity}` : null, events.audit ? "audit events and block/allow decisions" : null].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing but test events";
}

function Tries({ target }: { target: SyslogTargetView }) {
  if (target.tries.length === 0) return <p className="text-sm text-slate-600">No try yet.</p>;
  return (
    <Table columns={["When", "Event", "Took"]} last="Result" caption={`Newest tries to ${target.name}`} testId={`syslog-tries-${target.name}`}>
      {target.tries.map((a) => (
        <tr key={a.id} className="border-b border-slate-100 align-top">
          <td className="py-1 pr-4 whitespace-nowrap">{whenUtc(a.at, "second")}</td>
          <td className="py-1 pr-4"><span className="font-mono text-xs">{a.message.eventKind}</span></td>
          <td className="py-1 pr-4 tabular-nums">{a.durationMs} ms</td>
          <td className="py-1">
            {a.ok ? <Badge tone="ok">sent</Badge> : <Badge tone="danger">failed</Badge>} <span className="text-xs text-slate-600">{a.ok ? a.answer : a.error}</span>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Target({ target: t, actions }: { target: SyslogTargetView; actions: SyslogActions }) {
  const everQueued = t.counts.delivered + t.counts.pending + t.counts.dead > 0;
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid={`syslog-target-${t.name}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-medium">{t.name}</h3>
        {t.enabled ? <Badge tone="ok">enabled</Badge> : <Badge tone="neutral">disabled</Badge>}
        <span className="font-mono text-xs text-slate-600">{t.transport}://{t.host}:{t.port}</span>
        <Badge tone="info">{t.format.toUpperCase()}</Badge>
      </div>
      <p className="mb-1 text-sm text-slate-700">Sends {whatItSends(t)}.</p>
      <p className="mb-2 text-sm text-slate-700" data-testid={`syslog-counts-${t.name}`}>
        {countOf(t.counts.delivered, "message")} delivered · {t.counts.pending.toLocaleString("en-US")} waiting · {t.counts.dead.toLocaleString("en-US")} dead
      </p>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SyslogTargetButton action={actions.testSend} id={t.id} name={t.name} label="Test send" />
        <SyslogTargetButton action={actions.setEnabled} id={t.id} name={t.name} label={t.enabled ? "Disable" : "Enable"} fields={{ enabled: t.enabled ? "false" : "true" }} />
        {!everQueued && <SyslogTargetButton action={actions.remove} id={t.id} name={t.name} label="Delete" variant="danger" />}
      </div>
      <Tries target={t} />
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Edit settings</summary>
        <div className="mt-2">
          <SyslogTargetForm action={actions.save} initial={formFields(t)} />
        </div>
      </details>
    </li>
  );
}

/** Settings → Integrations: the SIEM receivers alerts and audit events are sent to over syslog. */
export async function SyslogSection({ actions }: { actions: SyslogActions }) {
  const targets = await listSyslogTargets();
  return (
    <Card title="Syslog to a SIEM">
      <p className="mb-3 text-sm text-slate-700">
        Each event goes as one RFC 5424 message, in CEF or JSON, over UDP, TCP or TLS. Syslog has no acknowledgement: &quot;sent&quot; means written to
        the network, not that the SIEM kept it. UDP may lose messages silently and is capped at 8 KiB; prefer TLS.
      </p>
      {targets.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">No syslog target yet.</p>
      ) : (
        <ul className="mb-4 flex flex-col gap-3">
          {targets.map((t) => <Target key={t.id} target={t} actions={actions} />)}
        </ul>
      )}
      <h3 className="mb-2 text-sm font-semibold text-slate-700">Add a syslog target</h3>
      <SyslogTargetForm action={actions.save} initial={NEW_SYSLOG_TARGET} />
    </Card>
  );
}
