import Link from "next/link";
import type { Total } from "@/components/ui/result-count";
import type { AssetTab } from "@/lib/queries/assets";

export const TAB_WORDS: Record<AssetTab, { name: string; what: string }> = {
  reconciled: { name: "Reconciled", what: "register entries linked to a device seen on the network, in agreement" },
  shadow: { name: "Shadow", what: "devices on the network that no register lists: who owns them, who patches them?" },
  missing: { name: "Missing", what: "register entries never seen on the network, or not seen for longer than the register's limit" },
  mismatched: { name: "Mismatched", what: "linked entries whose model, firmware, location or department disagree with the network" },
  not_network: { name: "Not network", what: "entries a person marked as not a network device: never missing" },
  retired: { name: "Retired", what: "entries their source no longer lists (kept, never deleted)" },
};
const MAIN: AssetTab[] = ["reconciled", "shadow", "missing", "mismatched"];
const SECONDARY: AssetTab[] = ["not_network", "retired"];

const nounOf = (tab: AssetTab, t: Total) => (tab === "shadow" ? (t.count === 1 && !t.more ? "device" : "devices") : t.count === 1 && !t.more ? "entry" : "entries");
const short = (t: Total) => (t.more ? `${t.count.toLocaleString("en-US")}+` : t.count.toLocaleString("en-US"));

/** The tabs, each with its count under the current filters (`href` keeps the filters, first page). */
export function AssetTabs({ current, counts, href }: { current: AssetTab; counts: Record<AssetTab, Total>; href: (tab: AssetTab) => string }) {
  const tab = (t: AssetTab, secondary: boolean) => {
    const active = t === current;
    const base = secondary ? "px-2 py-1 text-xs" : "px-3 py-2 text-sm";
    return (
      <li key={t}>
        {/* The name is the visible text (WCAG 2.5.3) plus the noun for screen readers: "Shadow 1,234 devices". */}
        <Link
          href={href(t)}
          prefetch={false}
          aria-current={active ? "page" : undefined}
          className={`inline-flex items-center gap-2 rounded-md font-medium ring-1 ring-inset ${base} ${active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
        >
          {TAB_WORDS[t].name}{" "}
          <span className={`rounded px-1.5 tabular-nums ${active ? "bg-white/20" : "bg-slate-100"}`}>{short(counts[t])}</span>
          <span className="sr-only">{` ${nounOf(t, counts[t])}`}</span>
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Asset states" className="mb-4 flex flex-wrap items-end gap-4">
      <ul className="flex flex-wrap gap-2">{MAIN.map((t) => tab(t, false))}</ul>
      <ul className="flex flex-wrap gap-2">{SECONDARY.map((t) => tab(t, true))}</ul>
    </nav>
  );
}
