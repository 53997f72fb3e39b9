import type { Metadata } from "next";
import { MissingDaysForm } from "@/components/assets-register/missing-days-form";
import { RegisterUpload } from "@/components/assets-register/register-upload";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { canManageAssetRegister } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { missingAfterDays } from "@/lib/commands/asset-links";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listAssetSources, type AssetSourceRow } from "@/lib/queries/asset-sources";
import { setMissingAfterDaysAction } from "./actions";

export const metadata: Metadata = { title: "Asset register" };

const STATES = ["reconciled", "mismatched", "missing", "not_network", "retired"] as const;
const STATE_WORDS: Record<(typeof STATES)[number], string> = { reconciled: "reconciled", mismatched: "mismatched", missing: "missing", not_network: "not a network device", retired: "retired" };

function Sources({ sources }: { sources: AssetSourceRow[] }) {
  if (sources.length === 0) return <p className="text-sm text-slate-600">No register yet. Upload your CMMS or CMDB export below, or push entries through the API (<code>PUT /api/v1/assets/&#123;assetTag&#125;</code>, with an API key of scope assets:write).</p>;
  return (
    <Table columns={["Source", "Kind", "Last import", "Rows", "Entries by state"]} testId="register-sources">
      {sources.map((s) => (
        <tr key={s.id} className="border-b border-slate-100 align-top" data-testid={`register-source-${s.name}`}>
          <th scope="row" className="py-2 pr-4 font-medium">{s.name}</th>
          <td className="py-2 pr-4">{s.kind === "api" ? "API push" : "CSV upload"}</td>
          <td className="py-2 pr-4">
            {s.lastImportAt ? <p className="tabular-nums">{whenUtc(s.lastImportAt)}</p> : <p className="text-slate-500">never</p>}
            {s.lastImportBy && <p className="text-xs text-slate-500">by {s.lastImportBy}</p>}
          </td>
          <td className="py-2 pr-4 tabular-nums">{s.lastImportRows?.toLocaleString("en-US") ?? "—"}</td>
          <td className="py-2">
            <span className="flex flex-wrap gap-1">
              {STATES.filter((state) => s.states[state]).map((state) => (
                <Badge key={state} tone={state === "reconciled" ? "ok" : state === "retired" || state === "not_network" ? "neutral" : "warn"}>
                  {s.states[state].toLocaleString("en-US")} {STATE_WORDS[state]}
                </Badge>
              ))}
              {!STATES.some((state) => s.states[state]) && <span className="text-slate-500">no entries</span>}
            </span>
          </td>
        </tr>
      ))}
    </Table>
  );
}

export default async function AssetRegisterSettingsPage() {
  await requirePagePermission(canManageAssetRegister);
  const db = getDb();
  const [sources, days] = await Promise.all([listAssetSources(db), missingAfterDays(db)]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Asset register"
        description="What the hospital owns, from its CMMS or CMDB, reconciled with what the network sees: each register entry is linked to a device by its serial, MAC, asset tag, hostname or IP. Import a source again to update it in place; entries it no longer lists are retired, never deleted. The reconciliation is on the Assets page."
      />
      <Card title="Sources">
        <Sources sources={sources} />
      </Card>
      <Card title="Import a register file">
        <RegisterUpload sources={sources.map((s) => s.name)} />
      </Card>
      <Card title="Missing">
        <MissingDaysForm action={setMissingAfterDaysAction} days={days} />
      </Card>
    </div>
  );
}
