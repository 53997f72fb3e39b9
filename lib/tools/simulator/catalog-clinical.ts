// Clinical device models: infusion pumps, patient monitors, ventilators, imaging, PACS and lab
// analyzers. OUIs are the vendors' own IEEE MA-L prefixes (a test checks each against oui-data);
// firmware versions are the ones published in CISA's medical advisories where one exists, so
// the vulnerability matcher has both affected and fixed units to tell apart.
import type { NetworkModel } from "./catalog-types";
import { LINKS, STACKS } from "./stacks";

export const INFUSION_PUMPS: NetworkModel[] = [
  {
    key: "bd-alaris-8015",
    category: "infusion_pump",
    vendor: "BD",
    model: "Alaris PCU Model 8015",
    ouis: [
      { prefix: "00D075", org: "ALARIS MEDICAL SYSTEMS" },
      { prefix: "F8C678", org: "Carefusion" },
      { prefix: "9CC8AE", org: "Becton, Dickinson" },
    ],
    // ICSMA-23-194-01: <= 12.1.3 affected, 12.1.4 fixed.
    firmware: [
      { version: "12.1.3", weight: 6 },
      { version: "12.1.4", weight: 4 },
    ],
    upgradeTo: "12.1.4",
    serial: "########",
    hostname: "INFUSION",
    channel: "wifi",
    stack: STACKS.pumpWifi,
    openPorts: [443],
    protocols: ["HTTPS"],
    powerMw: 12_000,
    signalRiseTimeNs: 4.1,
  },
  {
    key: "baxter-sigma-spectrum",
    category: "infusion_pump",
    vendor: "Baxter",
    model: "Sigma Spectrum",
    ouis: [
      { prefix: "5842E4", org: "Baxter International" },
      { prefix: "5846E1", org: "Baxter International" },
    ],
    // ICSMA-20-170-04 / ICSMA-22-251-01: 8.x (model 35700BAX2) affected.
    firmware: [{ version: "8.00.01", weight: 1 }],
    serial: "SS#######",
    hostname: "INFUSION",
    channel: "wifi",
    stack: STACKS.vxworks,
    openPorts: [80, 443],
    protocols: ["HTTP", "HTTPS"],
    powerMw: 8_500,
    signalRiseTimeNs: 3.6,
  },
  {
    key: "bbraun-spacestation",
    category: "infusion_pump",
    vendor: "B. Braun",
    model: "SpaceStation with SpaceCom 2",
    ouis: [{ prefix: "001221", org: "B.Braun Melsungen" }],
    // ICSMA-21-294-01: SpaceCom 2 <= 012U000061 affected.
    firmware: [
      { version: "012U000061", weight: 5 },
      { version: "012U000062", weight: 5 },
    ],
    serial: "#######",
    hostname: "INFUSION",
    channel: "ethernet",
    stack: STACKS.embeddedLinux,
    link: LINKS.fastForced,
    openPorts: [80, 443],
    protocols: ["HTTP", "HTTPS", "HL7"],
    powerMw: 24_000,
    signalRiseTimeNs: 3.9,
  },
];

export const PATIENT_MONITORS: NetworkModel[] = [
  {
    key: "philips-intellivue-mx450",
    category: "patient_monitor",
    vendor: "Philips",
    model: "IntelliVue MX450",
    // 00:09:FB is Philips' Böblingen monitoring division (registry: "Philips Patient Monitoring").
    ouis: [{ prefix: "0009FB", org: "Philips Patient Monitoring" }],
    // ICSMA-20-254-01: MX400-MX850 <= N affected.
    firmware: [
      { version: "M.00.03", weight: 4 },
      { version: "N.00.05", weight: 6 },
    ],
    serial: "DE########",
    hostname: "MONITOR",
    channel: "ethernet",
    stack: STACKS.intellivue,
    link: LINKS.fastForced,
    openPorts: [24105],
    protocols: ["IntelliVue Data Export", "HL7"],
    powerMw: 45_000,
    signalRiseTimeNs: 3.4,
  },
  {
    key: "ge-carescape-b450",
    category: "patient_monitor",
    vendor: "GE Healthcare",
    model: "CARESCAPE B450",
    // The B450 is made in Helsinki, the former Datex-Ohmeda site.
    ouis: [
      { prefix: "444B5D", org: "GE Healthcare" },
      { prefix: "004097", org: "DATEX DIVISION OF" },
    ],
    // ICSMA-20-023-01: B450 2.x affected.
    firmware: [
      { version: "2.0.1", weight: 5 },
      { version: "2.1.3", weight: 5 },
    ],
    serial: "SJ@########@@",
    hostname: "MONITOR",
    channel: "ethernet",
    stack: STACKS.embeddedLinux,
    link: LINKS.fast,
    openPorts: [80, 443, 7000],
    protocols: ["GE Unity Network", "HL7"],
    powerMw: 60_000,
    signalRiseTimeNs: 3.1,
  },
];

export const VENTILATORS: NetworkModel[] = [
  {
    key: "hamilton-c6",
    category: "ventilator",
    vendor: "Hamilton Medical",
    model: "HAMILTON-C6",
    ouis: [{ prefix: "001E9A", org: "HAMILTON Bonaduz" }],
    firmware: [
      { version: "1.1.4", weight: 6 },
      { version: "2.0.2", weight: 4 },
    ],
    serial: "#####",
    hostname: "VENT",
    channel: "ethernet",
    stack: STACKS.vxworks,
    link: LINKS.fast,
    openPorts: [],
    protocols: ["HL7"],
    powerMw: 80_000,
    signalRiseTimeNs: 3.8,
  },
  {
    key: "medtronic-pb980",
    category: "ventilator",
    vendor: "Medtronic",
    model: "Puritan Bennett 980",
    ouis: [{ prefix: "00A061", org: "PURITAN BENNETT" }],
    firmware: [{ version: "5.1.0", weight: 1 }],
    serial: "35B##########",
    hostname: "VENT",
    channel: "ethernet",
    stack: STACKS.embeddedLinux,
    link: LINKS.fast,
    openPorts: [],
    protocols: ["HL7"],
    powerMw: 100_000,
    signalRiseTimeNs: 3.5,
  },
  {
    key: "draeger-evita-v500",
    category: "ventilator",
    vendor: "Dräger",
    model: "Evita V500",
    ouis: [
      { prefix: "00105D", org: "Draeger Medical" },
      { prefix: "F0E5C3", org: "Drägerwerk" },
    ],
    firmware: [
      { version: "2.51", weight: 7 },
      { version: "2.61", weight: 3 },
    ],
    serial: "ASAK-####",
    hostname: "VENT",
    channel: "ethernet",
    stack: STACKS.windowsCe,
    link: LINKS.fastForced,
    openPorts: [],
    protocols: ["MEDIBUS.X"],
    powerMw: 120_000,
    signalRiseTimeNs: 4.4,
  },
];
