import Link from "next/link";
import { Card } from "@/components/ui/card";
import { reconciledShare, type AssetCounts } from "@/lib/queries/overview";

/** The register at a glance: the share of devices it accounts for, shadow and missing, each a link to its tab. */
export function AssetRegisterCard({ counts }: { counts: AssetCounts }) {
  const share = reconciledShare(counts);
  const link = "block rounded-md p-2 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700";
  if (counts.entries === 0) {
    return (
      <Card title="Asset register" className="mt-4">
        <p className="text-sm text-slate-600">
          No asset register yet: every device counts as a shadow asset. Import the CMMS export in{" "}
          <Link href="/settings/assets" className="text-brand-700 underline">Settings → Asset register</Link> to see which devices it accounts for.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Asset register" className="mt-4">
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3" data-testid="asset-register-card">
        <Link href="/assets?tab=reconciled" className={link}>
          <p className="text-sm text-slate-600">Devices in the register</p>
          <p className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="stat-reconciled-share">{share === null ? "—" : `${share}%`}</p>
          <p className="text-xs text-slate-500">{counts.reconciled.toLocaleString("en-US")} reconciled, {counts.mismatched.toLocaleString("en-US")} disagreeing</p>
        </Link>
        <Link href="/assets?tab=shadow" className={link}>
          <p className="text-sm text-slate-600">Shadow devices</p>
          <p className={`text-2xl font-semibold tabular-nums ${counts.shadow ? "text-amber-700" : "text-slate-900"}`} data-testid="stat-shadow">{counts.shadow.toLocaleString("en-US")}</p>
          <p className="text-xs text-slate-500">on the network, in no register</p>
        </Link>
        <Link href="/assets?tab=missing" className={link}>
          <p className="text-sm text-slate-600">Missing entries</p>
          <p className={`text-2xl font-semibold tabular-nums ${counts.missing ? "text-amber-700" : "text-slate-900"}`} data-testid="stat-missing">{counts.missing.toLocaleString("en-US")}</p>
          <p className="text-xs text-slate-500">registered, not seen on the network</p>
        </Link>
      </div>
    </Card>
  );
}
