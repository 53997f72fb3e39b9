import Link from "next/link";
import { assetInventoryLines, type AssetInventory } from "@/lib/domain/risk/ciso-report-figures";

/** The asset inventory section: each figure with the sentence that says what it counts. */
export function AssetInventoryFigures({ assets }: { assets: AssetInventory | null | undefined }) {
  if (!assets || assets.entries === 0) {
    return (
      <p className="text-sm text-slate-600" data-testid="report-assets-empty">
        No asset register has been imported: the devices seen cannot yet be compared with what the hospital owns.{" "}
        <Link href="/settings/assets" className="no-print text-brand-700 underline">Import the register</Link>
      </p>
    );
  }
  return (
    <dl className="grid gap-3 md:grid-cols-3" data-testid="report-assets">
      {assetInventoryLines(assets).map((l) => (
        <div key={l.item} className="rounded-md border border-slate-200 p-3">
          <dt className="text-sm font-medium text-slate-700">{l.item}</dt>
          <dd className="text-2xl font-semibold tabular-nums text-slate-900">{Number.isNaN(Number(l.value)) ? l.value : Number(l.value).toLocaleString("en-US")}</dd>
          <dd className="mt-1 text-xs text-slate-600">{l.what}</dd>
        </div>
      ))}
    </dl>
  );
}
