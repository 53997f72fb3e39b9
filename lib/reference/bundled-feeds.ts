// The vulnerability feeds the project carries (lib/reference/README.md): a snapshot of CISA's
// KEV catalog and of CISA's medical advisories (CSAF 2.0). The tests, the large seeder and the
// benchmarks read them here; the product itself imports feeds only when a person uploads them or
// runs `npm run vuln:import`. Paths from the working directory, as for usb.ids.
import path from "node:path";

/** The folder that holds csaf/ and kev/ (the layout `npm run vuln:import` and the seeder take). */
export const BUNDLED_FEEDS_DIR = path.join(process.cwd(), "lib", "reference");

/** The folder of CISA ICSMA advisories, one CSAF 2.0 JSON file each. */
export const BUNDLED_CSAF_DIR = path.join(BUNDLED_FEEDS_DIR, "csaf");
/** CISA's Known Exploited Vulnerabilities catalog (catalogVersion 2025.08.25). */
export const BUNDLED_KEV_FILE = path.join(BUNDLED_FEEDS_DIR, "kev", "known_exploited_vulnerabilities.json");
