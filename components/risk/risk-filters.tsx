import { FilterBar, Select } from "@/components/ui/filter-bar";
import { CATEGORY_LABELS, CRITICALITIES, CRITICALITY_LABELS, RISK_TIERS } from "@/lib/domain/words/vocabulary";
import { SSVC_LABELS, type RiskParams } from "@/lib/queries/risk-priority";

const SSVC_WORDS: Record<(typeof SSVC_LABELS)[number], string> = {
  Act: "Act (now)",
  Attend: "Attend (soon)",
  "Track*": "Track* (watch closely)",
  Track: "Track",
};

export function RiskFilters({ params, sites }: { params: RiskParams; sites: { id: string; name: string }[] }) {
  return (
    <FilterBar action="/risk" label="Filter the risk ranking" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" buttonsClassName="sm:col-span-3 lg:col-span-6">
      <Select name="tier" label="Risk tier" value={params.tier} options={RISK_TIERS.map((t) => [t, t])} />
      <Select name="ssvc" label="SSVC decision" value={params.ssvc} options={SSVC_LABELS.map((s) => [s, SSVC_WORDS[s]])} />
      <Select name="criticality" label="Criticality" value={params.criticality} options={CRITICALITIES.map((c) => [c, CRITICALITY_LABELS[c]])} />
      <Select name="category" label="Category" value={params.category} options={Object.entries(CATEGORY_LABELS)} />
      <Select name="site" label="Site" value={params.site} options={sites.map((s) => [s.id, s.name])} />
      <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
        <input type="checkbox" name="kev" value="1" defaultChecked={params.kev === "1"} className="h-4 w-4 rounded border-slate-300" />
        Known exploited (KEV) only
      </label>
      {/* The page size chosen by a link survives Apply. */}
      {params.size && <input type="hidden" name="size" value={params.size} />}
    </FilterBar>
  );
}
