// The vulnerability feeds the product imports, as stored in FeedImport.feed, and their names in
// words. Pure: shared by the importer (lib/vulns/import.ts), the feeds query and the Feeds page.

export const FEEDS = ["kev", "epss", "csaf", "cyclonedx", "vex"] as const;
export type Feed = (typeof FEEDS)[number];

/** Indexed by a stored feed name too (a string), hence not Record<Feed, …>; every feed has one. */
export const FEED_NAMES: Record<string, string> = { kev: "CISA KEV catalog", epss: "EPSS scores", csaf: "CSAF advisory", cyclonedx: "CycloneDX SBOM", vex: "Manufacturer VEX" } satisfies Record<Feed, string>;

/** The feeds whose every release replaces the previous one whole, and can therefore be rolled back. */
export const ROLLBACK_FEEDS: ReadonlySet<Feed> = new Set(["kev", "epss"]);
/** How many releases of each such feed keep their document for a rollback (EPSS is megabytes a day). */
export const ROLLBACK_KEPT = 5;
