// Import summaries in words, shared by the feeds page and the upload form (the feeds' own names
// are lib/domain/words/feed-names.ts).

/** "key: value, key: value": what an import did, in its own words. */
export function summaryText(summary: unknown): string {
  if (!summary || typeof summary !== "object") return "—";
  return Object.entries(summary).map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(", ");
}

/** The feeds feeds:update fetches, by what they are. */
export const SOURCE_NAMES: Record<"kev" | "epss" | "csaf", string> = {
  kev: "CISA KEV catalog",
  epss: "EPSS scores",
  csaf: "CISA medical advisories (CSAF)",
};

export const ORIGIN_WORDS = { setting: "set on this page", environment: "from the server's environment", default: "official default" } as const;

/** What one update run did, in a line: "updated — cves: 25, added: 3". */
export function runSummaryText(summary: unknown): string {
  if (!summary || typeof summary !== "object") return "";
  if ((summary as { notModified?: boolean }).notModified) return "not modified since the last download";
  return summaryText(summary);
}
