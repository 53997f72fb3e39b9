import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canViewAuditLog } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { getAuditPage } from "@/lib/queries/audit";
import { utcSecond } from "@/lib/domain/words/time-format";

export const metadata: Metadata = { title: "Audit log" };

function summary(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  await requirePagePermission(canViewAuditLog);
  const { cursor } = await searchParams;
  const { entries, nextCursor } = await getAuditPage(typeof cursor === "string" ? cursor.slice(0, 64) : undefined);
  return (
    <>
      <PageHeader title="Audit log" description="Who approved, blocked, edited, accepted a risk, or changed a policy or a user — evidence for HIPAA and IEC 80001-1 reviews." />
      <Card>
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing has been changed yet.</p>
        ) : (
          <Table columns={["When (UTC)", "Who", "What", "Before"]} last="After">
            {entries.map((e) => (
              <tr key={e.id} className="border-b border-slate-100 align-top">
                <td className="whitespace-nowrap py-2 pr-4 tabular-nums">{utcSecond(e.at)}</td>
                <td className="py-2 pr-4">{e.actorLabel}</td>
                <td className="py-2 pr-4">
                  <span className="font-medium">{e.action}</span> <span className="text-slate-500">{e.targetType} {e.targetId ?? ""}</span>
                </td>
                <td className="max-w-xs break-all py-2 pr-4 font-mono text-xs">{summary(e.before)}</td>
                <td className="max-w-xs break-all py-2 font-mono text-xs">{summary(e.after)}</td>
              </tr>
            ))}
          </Table>
        )}
        {nextCursor && (
          <Link href={`/settings/audit?cursor=${encodeURIComponent(nextCursor)}`} className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
            Older entries
          </Link>
        )}
      </Card>
    </>
  );
}
