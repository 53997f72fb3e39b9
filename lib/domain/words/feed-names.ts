// The vulnerability feeds the product imports, as stored in FeedImport.feed, and their names in
// words. Pure: shared by the importer (lib/vulns/import.ts), the feeds query and the Feeds page.

export const FEEDS = ["kev", "epss", "csaf", "cyclonedx"] as const;
export type Feed = (typeof FEEDS)[number];

/** Indexed by a stored feed name too (a string), hence not Record<Feed, …>; every feed has one. */
export const FEED_NAMES: Record<string, string> = { kev: "CISA KEV catalog", epss: "EPSS scores", csaf: "CSAF advisory", cyclonedx: "CycloneDX SBOM" } satisfies Record<Feed, string>;
