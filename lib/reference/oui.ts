// The IEEE OUI registry from the oui-data package, loaded once, on first use.
import { createRequire } from "node:module";
import { createOuiLookup, type OuiMatch, type OuiTable } from "../domain/oui";

let lookup: ((mac: string) => OuiMatch | null) | undefined;

export function lookupOuiVendor(mac: string): OuiMatch | null {
  if (!lookup) {
    const require = createRequire(import.meta.url);
    lookup = createOuiLookup(require("oui-data") as OuiTable);
  }
  return lookup(mac);
}
