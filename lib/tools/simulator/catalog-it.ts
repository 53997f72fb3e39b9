// IT models found beside the clinical ones: workstations, printers, switches and access points.
import type { NetworkModel } from "./catalog-types";
import { LINKS, STACKS } from "./stacks";

const WINDOWS_PORTS = [135, 139, 445, 3389];
const WINDOWS_PROTOCOLS = ["SMB", "RDP"];

export const WORKSTATIONS: NetworkModel[] = [
  {
    key: "dell-optiplex-7090",
    category: "workstation",
    vendor: "Dell",
    model: "OptiPlex 7090",
    ouis: [
      { prefix: "D89EF3", org: "Dell" },
      { prefix: "A4BB6D", org: "Dell" },
      { prefix: "E4434B", org: "Dell" },
    ],
    firmware: [
      { version: "1.21.0", weight: 6 },
      { version: "1.24.0", weight: 4 },
    ],
    serial: "#@@@###",
    hostname: "WKS",
    channel: "ethernet",
    stack: STACKS.windows10,
    link: LINKS.gigabit,
    openPorts: WINDOWS_PORTS,
    protocols: WINDOWS_PROTOCOLS,
    software: { os: "Windows 10 Enterprise" },
    powerMw: 45_000,
    signalRiseTimeNs: 2.2,
  },
  {
    key: "hp-elitedesk-800-g5",
    category: "workstation",
    vendor: "HP",
    model: "EliteDesk 800 G5",
    ouis: [
      { prefix: "7C4D8F", org: "HP Inc." },
      { prefix: "3822E2", org: "HP Inc." },
    ],
    firmware: [{ version: "02.17.00", weight: 1 }],
    serial: "CZC#######",
    hostname: "WKS",
    channel: "ethernet",
    stack: STACKS.windows10,
    link: LINKS.gigabit,
    openPorts: WINDOWS_PORTS,
    protocols: WINDOWS_PROTOCOLS,
    software: { os: "Windows 10 Enterprise" },
    powerMw: 42_000,
    signalRiseTimeNs: 2.3,
  },
  {
    // The legacy nurse-station / modality PC that every hospital still has.
    key: "dell-optiplex-7010-win7e",
    category: "workstation",
    vendor: "Dell",
    model: "OptiPlex 7010",
    ouis: [
      { prefix: "BC305B", org: "Dell" },
      { prefix: "F8BC12", org: "Dell" },
    ],
    firmware: [{ version: "A29", weight: 1 }],
    serial: "#@@@###",
    hostname: "WKS",
    channel: "ethernet",
    stack: STACKS.windows7,
    link: LINKS.gigabit,
    openPorts: WINDOWS_PORTS,
    protocols: WINDOWS_PROTOCOLS,
    software: { os: "Windows 7 Embedded" },
    powerMw: 55_000,
    signalRiseTimeNs: 2.4,
  },
];

export const PRINTERS: NetworkModel[] = [
  {
    key: "hp-laserjet-m507",
    category: "printer",
    vendor: "HP",
    model: "LaserJet Enterprise M507",
    ouis: [
      { prefix: "6C02E0", org: "HP Inc." },
      { prefix: "A0D3C1", org: "Hewlett Packard" },
    ],
    firmware: [
      { version: "2409048_052603", weight: 5 },
      { version: "2506116_029717", weight: 5 },
    ],
    serial: "PHB@@#####",
    hostname: "PRN",
    channel: "ethernet",
    stack: STACKS.hpJetdirect,
    link: LINKS.gigabit,
    openPorts: [80, 443, 515, 631, 9100],
    protocols: ["IPP", "LPD", "JetDirect", "HTTPS"],
    powerMw: 12_000,
    signalRiseTimeNs: 3.0,
  },
  {
    key: "zebra-zd621",
    category: "printer",
    vendor: "Zebra",
    model: "ZD621",
    ouis: [{ prefix: "00074D", org: "Zebra Technologies" }],
    firmware: [{ version: "V93.21.21Z", weight: 1 }],
    serial: "D4J#########",
    hostname: "PRN",
    channel: "ethernet",
    stack: STACKS.zebraLinkOs,
    link: LINKS.fast,
    openPorts: [80, 515, 631, 9100],
    protocols: ["ZPL", "LPD", "IPP"],
    powerMw: 5_000,
    signalRiseTimeNs: 3.3,
  },
];

/** The access switch named in every switch port; one per 46 wired devices of a segment. */
export const SWITCH: NetworkModel = {
  key: "cisco-catalyst-9200l",
  category: "network_gear",
  vendor: "Cisco",
  model: "Catalyst 9200L-48P-4G",
  ouis: [
    { prefix: "5C5015", org: "Cisco Systems" },
    { prefix: "00D0BC", org: "Cisco Systems" },
  ],
  firmware: [
    { version: "17.9.4", weight: 7 },
    { version: "17.6.5", weight: 3 },
  ],
  serial: "JAE####@@@@",
  hostname: "sw",
  channel: "ethernet",
  stack: STACKS.ciscoIosXe,
  link: LINKS.gigabit,
  openPorts: [22, 443],
  protocols: ["SSH", "HTTPS", "SNMP"],
  powerMw: 95_000,
  signalRiseTimeNs: 1.9,
};

export const ACCESS_POINTS: NetworkModel[] = [
  {
    key: "cisco-catalyst-9120axi",
    category: "network_gear",
    vendor: "Cisco",
    model: "Catalyst 9120AXI",
    ouis: [{ prefix: "00000C", org: "Cisco Systems" }],
    firmware: [{ version: "17.9.4", weight: 1 }],
    serial: "FJC####@@@@",
    hostname: "AP",
    channel: "ethernet",
    stack: STACKS.ciscoAp,
    link: LINKS.poeAp,
    openPorts: [22],
    protocols: ["CAPWAP", "SSH"],
    powerMw: 20_500,
    signalRiseTimeNs: 2.0,
  },
];
