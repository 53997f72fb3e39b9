import Link from "next/link";
import { Table } from "@/components/ui/table";
import type { AuditRow } from "@/lib/queries/audit";
import { auditReason, type AuditNames } from "@/lib/queries/audit-names";
import { utcSecond } from "@/lib/domain/words/time-format";

/** Where an object of the log has a page of its own. */
const PAGES: Record<string, (id: string) => string> = { device: (id) => `/devices/${id}` };

function summary(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** An id kept visible beside a name, small, for matching against logs and the API. */
export const IdNote = ({ id }: { id: string }) => <span className="ml-1 font-mono text-xs text-slate-500">{id}</span>;

function Target({ type, id, name }: { type: string; id: string | null; name?: string }) {
  if (!id) return <span className="text-slate-500">{type}</span>;
  const page = PAGES[type]?.(id);
  return (
    <span className="text-slate-600">
      {type} {name ? page ? <Link href={page} className="text-brand-700 underline">{name}</Link> : <span className="font-medium text-slate-800">{name}</span> : null}
      <IdNote id={id} />
    </span>
  );
}

export function AuditTable({ entries, names }: { entries: AuditRow[]; names: AuditNames }) {
  return (
    <Table columns={["When (UTC)", "Who", "What", "Reason", "Before"]} last="After" caption="Audit log entries, newest first">
      {entries.map((e) => {
        const reason = auditReason(e.after);
        return (
          <tr key={e.id} className="border-b border-slate-100 align-top">
            <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{utcSecond(e.at)}</td>
            <td className="py-2 pr-4">
              {names.actor(e.actorId) ?? e.actorLabel}
              {e.actorId && <IdNote id={e.actorId} />}
            </td>
            <td className="py-2 pr-4">
              <span className="font-medium">{e.action}</span> <Target type={e.targetType} id={e.targetId} name={names.target(e.targetType, e.targetId)} />
            </td>
            <td className="max-w-xs py-2 pr-4">{reason ?? <span className="text-slate-400">—</span>}</td>
            <td className="max-w-xs break-all py-2 pr-4 font-mono text-xs">{summary(e.before)}</td>
            <td className="max-w-xs break-all py-2 font-mono text-xs">{summary(e.after)}</td>
          </tr>
        );
      })}
    </Table>
  );
}
