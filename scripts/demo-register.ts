// Writes the demo hospital's asset register (scripts/demo-asset-register.csv), a CMMS-style export
// of the simulated hospital `npm run demo` reports (same size and seed): most network devices are
// registered, about 5 % with a model that disagrees with the network, about 8 % of the entries are
// registered but never seen (missing), and about 10 % of the devices are left out (shadow). Run it
// again only when the simulator's hospital changes: npx tsx scripts/demo-register.ts
import { writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { buildHospital } from "../lib/tools/simulator/hospital";
import type { NetworkDevice, UsbDevice } from "../lib/tools/simulator/hospital-types";
import { DEMO_HOSPITAL, DEMO_REGISTER_FILE } from "./demo-hospital";

const HEADERS = ["Asset #", "Serial Number", "MAC Address", "Host Name", "Manufacturer", "Model", "Equipment Type", "Department", "Location", "Owner", "Purchase Date", "Cost Center"];
const DEPARTMENTS: Record<string, string> = { IT: "Information Technology", ICU: "Intensive Care", RAD: "Radiology", LAB: "Laboratory", PACS: "Radiology", ED: "Emergency", OR: "Surgery" };
const TYPES: Record<string, string> = { infusion_pump: "Infusion Pump", patient_monitor: "Patient Monitor", ventilator: "Ventilator", imaging: "Imaging", pacs: "PACS", lab_analyzer: "Lab Analyzer", workstation: "Workstation", printer: "Printer", network_gear: "Network Equipment" };

const departmentOf = (d: NetworkDevice) => DEPARTMENTS[d.segment.split("-")[0]] ?? `Ward ${d.segment.split("-")[1] ?? ""}`.trim();
const ownerOf = (category: string) => (["workstation", "printer", "network_gear"].includes(category) ? "IT Service Desk" : "Clinical Engineering");
const purchased = (i: number) => `${2016 + (i % 8)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`;

function main() {
  const hospital = buildHospital(DEMO_HOSPITAL);
  const network = hospital.devices.filter((d): d is NetworkDevice => d.kind === "network");
  const rows: string[][] = [];
  let tag = 100_000;
  network.forEach((d, i) => {
    if (i % 10 === 3) return; // shadow: on the network, in no register
    tag += 1;
    // One in twenty: the register still lists the model the unit had before it was swapped.
    const model = i % 20 === 7 ? `${d.model.model} (previous model)` : d.model.model;
    rows.push([
      `DGH-${tag}`, d.serial, d.mac.toUpperCase().replace(/:/g, "-"), d.hostname, d.model.vendor, model, TYPES[d.model.category] ?? d.model.category,
      departmentOf(d), `${d.segment} rack ${(i % 9) + 1}`, ownerOf(d.model.category), purchased(i), `CC-${4000 + (i % 40)}`,
    ]);
  });
  // USB peripherals with a serial number are IT assets too (scanners, readers, keyboards).
  const usb = hospital.devices.filter((d): d is UsbDevice & { serial: string } => d.kind === "usb" && !!d.serial);
  usb.forEach((d, i) => {
    if (i % 10 === 3) return;
    tag += 1;
    rows.push([`DGH-${tag}`, d.serial, "", "", d.model.usbIds.vendor, d.model.usbIds.product, "USB Peripheral", "Information Technology", `on ${d.host}`, "IT Service Desk", purchased(i), `CC-${4000 + (i % 40)}`]);
  });
  // Registered but never on the network: stored, lost, or on a network no agent watches.
  const missing = Math.round(rows.length * 0.087);
  for (let k = 0; k < missing; k++) {
    const d = network[k % network.length];
    tag += 1;
    rows.push([`DGH-${tag}`, `MS${String(k).padStart(5, "0")}X`, "", "", d.model.vendor, d.model.model, TYPES[d.model.category] ?? d.model.category, departmentOf(d), "Equipment store B2", ownerOf(d.model.category), purchased(k), `CC-${4000 + (k % 40)}`]);
  }
  writeFileSync(DEMO_REGISTER_FILE, stringify([HEADERS, ...rows]));
  const registered = rows.length - missing;
  console.log(`wrote ${rows.length} register entries (${missing} never seen) for ${registered} of ${hospital.devices.length} devices (${network.length} on the network) to ${DEMO_REGISTER_FILE}`);
}

main();
