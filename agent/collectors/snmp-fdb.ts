// A switch's MAC forwarding table, turned into one partial ethernet observation per device on an
// access port. Q-BRIDGE-MIB (VLAN-aware) is preferred; plain BRIDGE-MIB is the fallback.
import type { AgentObservation } from "./types";
import { FDB_STATUS_INVALID, FDB_STATUS_SELF } from "./snmp-oids";
import { instanceOf, macFromOctets, portFacts, toInt, toText, type WalkedCell, type WalkedColumns } from "./snmp-ports";

/** Everything walked from one switch. */
export type SwitchWalk = { sysName?: unknown; columns: WalkedColumns };

export type SwitchSettings = { host: string; name?: string; uplinkPorts?: string[]; maxMacsPerPort: number };

/** A learned MAC: where (bridge port) and in which VLAN, when the switch says. */
export type LearnedMac = { mac: string; bridgePort: number; vlan?: number };

export type SwitchReading = {
  observations: AgentObservation[];
  /** Ports left out as uplinks (configured, or more learned MACs than maxMacsPerPort), and their MACs. */
  skipped: { port: string; macs: number; reason: "configured uplink" | "too many MACs" }[];
};

/**
 * dot1qFdbId → VLAN id. RFC 4363 keeps filtering databases apart from VLANs: most switches use
 * one database per VLAN with the same number (fdbId = VLAN id, assumed when dot1qVlanCurrentTable
 * is absent), but some number them apart. A database shared by several VLANs (shared learning)
 * cannot name the VLAN of a MAC, so it maps to nothing.
 */
export function vlanOfFdb(cells: WalkedCell[] | undefined): (fdbId: number) => number | undefined {
  const vlans = new Map<number, number[]>();
  for (const cell of cells ?? []) {
    const instance = instanceOf("dot1qVlanFdbId", cell.oid);
    const fdbId = toInt(cell.value);
    if (!instance || instance.length !== 2 || fdbId === undefined) continue;
    vlans.set(fdbId, [...(vlans.get(fdbId) ?? []), instance[1]]);
  }
  return (fdbId) => {
    if (vlans.size === 0) return fdbId >= 1 && fdbId <= 4094 ? fdbId : undefined;
    const list = [...new Set(vlans.get(fdbId) ?? [])];
    return list.length === 1 ? list[0] : undefined;
  };
}

/** Status cells keyed by instance; entries the switch marks invalid or as its own address are dropped. */
function statusFilter(cells: WalkedCell[] | undefined, column: "dot1qTpFdbStatus" | "dot1dTpFdbStatus") {
  const statuses = new Map<string, number | undefined>();
  for (const cell of cells ?? []) statuses.set(instanceOf(column, cell.oid)?.join(".") ?? "", toInt(cell.value));
  return (instance: number[]) => {
    const status = statuses.get(instance.join("."));
    return status !== FDB_STATUS_INVALID && status !== FDB_STATUS_SELF;
  };
}

/** Learned MACs, from dot1qTpFdbTable when the switch has one, else dot1dTpFdbTable. */
export function learnedMacs(columns: WalkedColumns): LearnedMac[] {
  const learned: LearnedMac[] = [];
  if (columns.dot1qTpFdbPort?.length) {
    const vlanOf = vlanOfFdb(columns.dot1qVlanFdbId);
    const keep = statusFilter(columns.dot1qTpFdbStatus, "dot1qTpFdbStatus");
    for (const cell of columns.dot1qTpFdbPort) {
      const instance = instanceOf("dot1qTpFdbPort", cell.oid);
      const mac = instance && macFromOctets(instance.slice(1));
      const bridgePort = toInt(cell.value);
      if (!mac || !bridgePort || !keep(instance)) continue;
      const vlan = vlanOf(instance[0]);
      learned.push({ mac, bridgePort, ...(vlan !== undefined ? { vlan } : {}) });
    }
    return learned;
  }
  const keep = statusFilter(columns.dot1dTpFdbStatus, "dot1dTpFdbStatus");
  for (const cell of columns.dot1dTpFdbPort ?? []) {
    const instance = instanceOf("dot1dTpFdbPort", cell.oid);
    const mac = instance && macFromOctets(instance);
    const bridgePort = toInt(cell.value);
    if (mac && bridgePort && keep(instance)) learned.push({ mac, bridgePort });
  }
  return learned;
}

function groupByPort(learned: LearnedMac[]): Map<number, LearnedMac[]> {
  const ports = new Map<number, LearnedMac[]>();
  for (const entry of learned) ports.set(entry.bridgePort, [...(ports.get(entry.bridgePort) ?? []), entry]);
  return ports;
}

/**
 * One partial observation per MAC on an access port, keyed by claimed.mac so the core merges it
 * with what other collectors saw of the same device. A port with more MACs than maxMacsPerPort is
 * an uplink or an unmanaged switch: its MACs are not where those devices are plugged in.
 */
export function switchObservations(walk: SwitchWalk, settings: SwitchSettings, now: Date): SwitchReading {
  const switchName = settings.name ?? toText(walk.sysName, 64) ?? settings.host;
  const factsOf = portFacts(walk.columns);
  const uplinks = new Set(settings.uplinkPorts ?? []);
  const reading: SwitchReading = { observations: [], skipped: [] };
  for (const [bridgePort, macs] of [...groupByPort(learnedMacs(walk.columns))].sort(([a], [b]) => a - b)) {
    const { ifName, ...measured } = factsOf(bridgePort);
    const portName = ifName ?? `port${bridgePort}`;
    if (uplinks.has(portName)) reading.skipped.push({ port: portName, macs: macs.length, reason: "configured uplink" });
    else if (macs.length > settings.maxMacsPerPort) reading.skipped.push({ port: portName, macs: macs.length, reason: "too many MACs" });
    else {
      for (const { mac, vlan } of macs) {
        const ethernet = { switchPort: `${switchName}/${portName}`, ...(vlan !== undefined ? { vlan } : {}), ...measured };
        reading.observations.push({ observedAt: now.toISOString(), channel: "ethernet", claimed: { mac }, physical: { ethernet } });
      }
    }
  }
  return reading;
}
