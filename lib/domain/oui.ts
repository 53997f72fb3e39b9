// Vendor of a MAC from the IEEE registry. Pure: the table is passed in (lib/reference/oui.ts
// loads the oui-data package).
import { ouiPrefix } from "./mac";

export type OuiTable = Record<string, string>;
export type OuiMatch = { vendor: string; prefix: string };

/** The registry stores name and postal address; the name is the first line. */
const organisation = (entry: string) => entry.split("\n")[0].trim();

export function createOuiLookup(table: OuiTable) {
  return (mac: string): OuiMatch | null => {
    // Longest assignment first: MA-S (36 bits) and MA-M (28 bits) blocks sit inside MA-L ones.
    for (const length of [9, 7, 6]) {
      const prefix = ouiPrefix(mac, length);
      const entry = table[prefix];
      if (entry && organisation(entry).toLowerCase() !== "private") return { vendor: organisation(entry), prefix };
    }
    return null;
  };
}
