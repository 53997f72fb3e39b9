import { TabLink } from "@/components/ui/tab-link";
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
  const tab = (t: AssetTab, secondary: boolean) => (
    <TabLink key={t} href={href(t)} active={t === current} small={secondary} count={short(counts[t])} noun={nounOf(t, counts[t])}>
      {TAB_WORDS[t].name}
    </TabLink>
  );
  return (
    <nav aria-label="Asset states" className="mb-4 flex flex-wrap items-end gap-4">
      <ul className="flex flex-wrap gap-2">{MAIN.map((t) => tab(t, false))}</ul>
      <ul className="flex flex-wrap gap-2">{SECONDARY.map((t) => tab(t, true))}</ul>
    </nav>
  );
}
