// Import summaries in words, shared by the feeds page and the upload form (the feeds' own names
// are lib/domain/words/feed-names.ts).

/** "key: value, key: value": what an import did, in its own words. */
export function summaryText(summary: unknown): string {
  if (!summary || typeof summary !== "object") return "—";
  return Object.entries(summary).map(([k, v]) => `${k}: ${v !== null && typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(", ");
}
