// Vendor of a MAC from the IEEE registry. Pure: the table is passed in (lib/reference/oui-registry.ts
// loads the oui-data package, whose keys are upper-case hex prefixes of 6, 7 or 9 digits and
// whose values are the organisation name followed by its postal address, one line each).
import { isLocallyAdministered, isMulticast, normalizeMac, ouiPrefix } from "./mac";

export type OuiTable = Record<string, string>;
export type OuiMatch = { vendor: string; prefix: string };

/** The registry stores name and postal address; the name is the first line. */
const organisation = (entry: string) => entry.split("\n")[0].trim();

// Entries that name no maker: "Private" hides the buyer; the Registration Authority owns the
// MA-L blocks it resells as MA-M / MA-S, so a miss in those blocks is an unknown maker.
const NOT_A_MAKER = new Set(["private", "ieee registration authority"]);

// Longest assignment first: MA-S (36 bits) and MA-M (28 bits) blocks sit inside MA-L ones.
const PREFIX_LENGTHS = [9, 7, 6];

/**
 * A lookup over the given table. Accepts any MAC spelling. Locally administered and group
 * addresses get null: their first bits are set by software, so they name no maker.
 */
export function createOuiLookup(table: OuiTable) {
  return (input: string): OuiMatch | null => {
    const mac = normalizeMac(input);
    if (!mac || isLocallyAdministered(mac) || isMulticast(mac)) return null;
    for (const length of PREFIX_LENGTHS) {
      const prefix = ouiPrefix(mac, length);
      const entry = table[prefix];
      if (entry === undefined) continue;
      const vendor = organisation(entry);
      if (vendor && !NOT_A_MAKER.has(vendor.toLowerCase())) return { vendor, prefix };
    }
    return null;
  };
}
