// The reviewed part of the vendor table: companies named more than one way (mergers, legal
// names, the advisories' own misspellings) and the makers of clinical devices that the table
// carries even before an advisory names them. scripts/derive-vendor-table.ts adds what the
// bundled advisories, the IEEE registry and usb.ids attest, and writes vendor-table.json.

export type VendorAlias = { key: string; names: string[]; note?: string };

/**
 * Companies named more than one way, from the 134 CISA advisories (vendor branches) and from
 * how devices name their makers. Names are matched as whole words on the cleaned text
 * (lower case, no accents, no dots).
 */
export const VENDOR_ALIASES: VendorAlias[] = [
  { key: "abbott", names: ["abbott laboratories", "abbott", "st jude medical", "st jude"], note: "St. Jude Medical: Abbott since 2017; Abbott's advisories cover St. Jude implants" },
  { key: "b braun", names: ["b braun melsungen", "b braun medical", "b braun", "bbraun"], note: "three spellings in the advisories; the IEEE registry writes B.Braun" },
  { key: "baxter", names: ["baxter international", "baxter healthcare", "baxter", "hillrom", "hill rom", "welch allyn", "mortara"], note: "Hillrom (with Welch Allyn and Mortara's ELI line): Baxter since 2021" },
  { key: "bd", names: ["becton dickinson and company", "becton dickinson", "bd", "carefusion", "alaris medical systems"], note: "CareFusion (Alaris, Pyxis): BD since 2015; Alaris Medical Systems holds Alaris pumps' IEEE block" },
  { key: "capsule", names: ["capsule technologies", "capsule tech", "qualcomm life"], note: "Qualcomm Life: Capsule since 2019" },
  { key: "contec health", names: ["contec health", "contec medical systems", "contec medical", "contec"], note: "Contec Medical Systems sells as Contec Health" },
  { key: "drager", names: ["dragerwerk", "drager", "draeger", "draegerwerk"] },
  { key: "fresenius kabi", names: ["fresenius kabi", "fresenius vial"], note: "not Fresenius Medical Care, a different company; Fresenius Vial: Kabi since 2012" },
  { key: "ge healthcare", names: ["ge healthcare", "ge medical systems", "general electric", "ge", "datex ohmeda", "ohmeda", "datex"], note: "Datex-Ohmeda: GE since 2003" },
  { key: "hamilton medical", names: ["hamilton medical", "hamilton bonaduz"] },
  { key: "icu medical", names: ["icu medical", "smiths medical", "hospira"], note: "Hospira infusion: ICU Medical 2017; Smiths Medical: 2022" },
  { key: "innokas", names: ["innokas yhtyma", "innokas"] },
  { key: "johnson and johnson", names: ["johnson and johnson", "ethicon"], note: "Ethicon is J&J's surgical company" },
  { key: "medtronic", names: ["medtronic", "covidien"], note: "Covidien (Valleylab, Puritan Bennett): Medtronic since 2015" },
  { key: "natus", names: ["natus medical", "natus"] },
  { key: "philips", names: ["koninklijke philips", "philips healthcare", "philips medical systems", "philips", "phillips", "respironics"], note: "'Phillips' is the advisories' own misspelling (two files)" },
  { key: "roche diagnostics", names: ["roche diagnostics", "roche"] },
  { key: "siemens", names: ["siemens healthineers", "siemens healthcare", "siemens medical", "siemens"] },
  { key: "sooil", names: ["sooil developments", "sooil"] },
  { key: "spacelabs", names: ["spacelabs", "spacelabs healthcare", "spacelabs medical", "space labs"], note: "Spacelabs Healthcare (OSI Systems); the IEEE registry and usb.ids write Spacelabs Medical" },
  { key: "swisslog healthcare", names: ["swisslog healthcare", "swisslog"] },
  { key: "zoll", names: ["zoll medical", "zoll"] },
];

/**
 * Makers of clinical devices no bundled advisory names yet, so that a device naming one resolves
 * to one key however it spells the legal name. Bounded on purpose: medical and laboratory makers only.
 */
export const CLINICAL_MAKERS: VendorAlias[] = [
  { key: "mindray", names: ["mindray"] },
  { key: "nihon kohden", names: ["nihon kohden"] },
  { key: "masimo", names: ["masimo"] },
  { key: "nonin", names: ["nonin medical", "nonin"] },
  { key: "getinge", names: ["getinge", "maquet", "datascope"], note: "Maquet and Datascope: Getinge" },
  { key: "fisher and paykel", names: ["fisher and paykel healthcare", "fisher and paykel", "fisher paykel"] },
  { key: "edwards lifesciences", names: ["edwards lifesciences"] },
  { key: "karl storz", names: ["karl storz"] },
  { key: "olympus", names: ["olympus medical", "olympus"] },
  { key: "canon medical", names: ["canon medical systems", "canon medical", "toshiba medical systems", "toshiba medical"], note: "Toshiba Medical: Canon since 2016" },
  { key: "agfa", names: ["agfa healthcare", "agfa gevaert", "agfa"] },
  { key: "elekta", names: ["elekta"] },
  { key: "varian", names: ["varian medical systems", "varian"] },
  { key: "intuitive surgical", names: ["intuitive surgical"] },
  { key: "omnicell", names: ["omnicell"] },
  { key: "schiller", names: ["schiller"] },
  { key: "sysmex", names: ["sysmex"] },
  { key: "beckman coulter", names: ["beckman coulter"] },
  { key: "terumo", names: ["terumo"] },
  { key: "nipro", names: ["nipro"] },
  { key: "ivenix", names: ["ivenix"] },
  { key: "moog", names: ["moog medical"] },
  { key: "carestream", names: ["carestream health", "carestream"] },
  { key: "radiometer", names: ["radiometer medical", "radiometer"] },
  { key: "arjo", names: ["arjohuntleigh", "arjo"] },
  { key: "vyaire medical", names: ["vyaire medical", "vyaire", "carefusion respiratory"] },
  { key: "physio control", names: ["physio control"], note: "Stryker since 2016, but its own name on devices" },
  { key: "cardinal health", names: ["cardinal health"] },
  { key: "hologic", names: ["hologic"] },
  { key: "bio rad", names: ["bio rad laboratories", "bio rad"] },
];
