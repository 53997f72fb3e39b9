// The shapes of a simulated hospital, apart from the code that builds it (hospital.ts), plays
// its attackers (scenarios.ts) and makes its observations (simulated-observations.ts), so those
// three import the shapes and not each other.
import type { NetworkModel, UsbModel } from "./catalog-types";
import type { Segment } from "./layout";

export type Scenario = "keystroke-injector" | "printer-clone" | "unknown-icu-device" | "spoofed-mac-pump";

export type NetworkDevice = {
  kind: "network";
  id: string;
  agent: number;
  model: NetworkModel;
  mac: string;
  ip: string;
  hostname: string;
  serial: string;
  firmware: string;
  segment: string;
  vlan: number;
  /** Absent on Wi-Fi. */
  switchPort?: string;
  /** Round from which the unit runs model.upgradeTo (a firmware update seen in a delta). */
  upgradeAtRound?: number;
  /** Its part in a planned firmware update (planned-update.ts); replaces upgradeAtRound. */
  firmwareUpdate?: FirmwareUpdate;
  aeTitle?: string;
};

/**
 * From `round` on the unit runs `version`: the plan's target (updated), its old firmware (stuck:
 * the update did not take) or a version nobody planned (unplanned).
 */
export type FirmwareUpdate = { round: number; version: string; part: "updated" | "stuck" | "unplanned" };

export type UsbDevice = { kind: "usb"; id: string; agent: number; model: UsbModel; serial?: string; port: string; host: string; segment: string };

export type Hospital = {
  seed: number;
  agents: { index: number; hostname: string; segments: string[] }[];
  segments: Segment[];
  devices: (NetworkDevice | UsbDevice)[];
  rogues: Rogue[];
};

export type Rogue = {
  scenario: Scenario;
  /** 0-based over all rogues; rogue i plays ORDER[i % 4]. */
  index: number;
  agent: number;
  segment: string;
  vlan: number;
  description: string;
  /** The printer a clone imitates. */
  cloneOf?: NetworkDevice;
  /** The workstation an injector is plugged into. */
  host?: string;
  mac?: string;
  ip?: string;
  switchPort?: string;
};
