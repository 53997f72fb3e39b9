// The demo hospital `npm run demo` simulates, and its asset register: one definition, so the
// register (scripts/demo-register.ts writes it) describes the devices the demo reports.
import path from "node:path";

export const DEMO_HOSPITAL = { devices: 2000, agents: 4, rogues: 6, seed: 7 } as const;
export const DEMO_REGISTER_FILE = path.join(process.cwd(), "scripts", "demo-asset-register.csv");
export const DEMO_REGISTER_SOURCE = "Demo CMMS";
/** The register's columns for each field (the mapping a person would choose in Settings → Asset register). */
export const DEMO_REGISTER_MAPPING = {
  assetTag: "Asset #", serial: "Serial Number", mac: "MAC Address", hostname: "Host Name", manufacturer: "Manufacturer", model: "Model",
  deviceType: "Equipment Type", department: "Department", location: "Location", owner: "Owner", purchasedOn: "Purchase Date",
} as const;
