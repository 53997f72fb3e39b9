// The IEEE OUI registry from the oui-data package, loaded once, on first use (the JSON is 4 MB;
// pages that never look a MAC up should not pay for it).
//
// createRequire rather than a static JSON import: oui-data exports only "." (so the
// "oui-data/index.json" subpath does not resolve under Node), a require works the same under
// tsx, Vitest and Next.js (next.config.mjs lists oui-data in serverExternalPackages), and it
// keeps the table out of any bundle that merely imports this module.
import { createRequire } from "node:module";
import { createOuiLookup, type OuiMatch, type OuiTable } from "../domain/identity/oui";

let lookup: ((mac: string) => OuiMatch | null) | undefined;

/** Maker of a MAC (any spelling) from the IEEE registry; null if unknown or software-set. */
export function lookupOuiVendor(mac: string): OuiMatch | null {
  if (!lookup) {
    const require = createRequire(import.meta.url);
    lookup = createOuiLookup(require("oui-data") as OuiTable);
  }
  return lookup(mac);
}
