// The feeds that feeds:update fetches, their official sources and the environment variables that
// override them, and which source wins: the URL an admin set on the feed page, else
// FEEDS_<FEED>_URL, else the official source (a hospital points them at an internal mirror).
export const UPDATABLE_FEEDS = ["kev", "epss", "csaf"] as const;
export type UpdatableFeed = (typeof UPDATABLE_FEEDS)[number];

/** The official sources. CSAF: the directory that holds CISA's changes.csv and index.txt (ICS/OT, TLP:WHITE). */
export const DEFAULT_FEED_URLS: Record<UpdatableFeed, string> = {
  kev: "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
  epss: "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz",
  csaf: "https://www.cisa.gov/sites/default/files/csaf/csaf_files/OT/white/",
};

export const FEED_URL_ENV: Record<UpdatableFeed, string> = { kev: "FEEDS_KEV_URL", epss: "FEEDS_EPSS_URL", csaf: "FEEDS_CSAF_URL" };

export type SourceOrigin = "setting" | "environment" | "default";
export type EffectiveSource = { url: string; origin: SourceOrigin; setBy: string | null };

export function effectiveSource(feed: UpdatableFeed, stored: { url: string | null; urlSetBy: string | null } | null, env: Record<string, string | undefined>): EffectiveSource {
  if (stored?.url) return { url: stored.url, origin: "setting", setBy: stored.urlSetBy };
  const fromEnv = env[FEED_URL_ENV[feed]]?.trim();
  if (fromEnv) return { url: fromEnv, origin: "environment", setBy: null };
  return { url: DEFAULT_FEED_URLS[feed], origin: "default", setBy: null };
}
