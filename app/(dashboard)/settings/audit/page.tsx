import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters, OBJECT_WORDS } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ExportLink, filterChips, hrefWith } from "@/components/ui/filter-chips";
import { FilteredList } from "@/components/ui/filtered-list";
import { PageHeader } from "@/components/ui/page-header";
import { canViewAuditLog } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { auditActorChoices, listAuditEntries, parseAuditParams, SYSTEM_ACTOR, type AuditParams } from "@/lib/queries/audit";
import { auditNames } from "@/lib/queries/audit-names";
import { LAST_PAGE } from "@/lib/queries/page-params";

export const metadata: Metadata = { title: "Audit log" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const narrowed = (p: AuditParams) => !!(p.actor || p.action || p.object || p.target || p.from || p.to || p.q);

function Heading({ empty, params }: { empty: boolean; params: AuditParams }) {
  if (empty) return null;
  return (
    <div className="mb-3 flex justify-end">
      <ExportLink href={hrefWith("/api/exports/audit", params, ["cursor"])} what="these audit entries" />
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requirePagePermission(canViewAuditLog);
  const params = parseAuditParams(await searchParams);
  const [{ entries, total, next, previous, cursorIgnored }, actors] = await Promise.all([listAuditEntries(params), auditActorChoices()]);
  const names = await auditNames([...entries, ...(params.target && params.object ? [{ actorId: null, targetType: params.object, targetId: params.target }] : [])]);
  const actorName = (v: string) => (v === SYSTEM_ACTOR ? "no person" : (actors.find((a) => a.id === v)?.email ?? v));
  const chips = filterChips("/settings/audit", params, {
    q: ["Search"],
    actor: ["Who", actorName],
    action: ["Action", (v) => (v.endsWith(".") ? `${v}*` : v)],
    object: ["On what", (v) => OBJECT_WORDS[v] ?? v],
    target: ["Object", (v) => (params.object && names.target(params.object, v)) || v],
    from: ["From"],
    to: ["To"],
  }, "cursor");
  return (
    <>
      <PageHeader title="Audit log" description="Who approved, blocked, edited, accepted a risk, or changed a policy or a user, and why — evidence for HIPAA and IEC 80001-1 reviews." />
      <FilteredList
        filters={<AuditFilters params={params} actors={actors} />}
        chips={chips}
        heading={<Heading empty={total.count === 0} params={params} />}
        total={{ total, noun: "entry", plural: "entries", suffix: narrowed(params) ? " match these filters" : "" }}
        pages={{ later: !!params.cursor && !cursorIgnored, next, previous, last: LAST_PAGE, href: (cursor) => hrefWith("/settings/audit", { ...params, cursor }) }}
      >
        {cursorIgnored && <p role="status" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">That page link is not one this list made (it may be damaged or edited): showing the first page.</p>}
        {entries.length === 0 ? (
          narrowed(params) ? (
            <p className="text-sm text-slate-600">No entry matches these filters. Remove a filter above, or <Link href="/settings/audit" className="text-brand-700 underline">see the whole log</Link>.</p>
          ) : (
            <p className="text-sm text-slate-600">Nothing has been changed yet.</p>
          )
        ) : (
          <AuditTable entries={entries} names={names} />
        )}
      </FilteredList>
    </>
  );
}
