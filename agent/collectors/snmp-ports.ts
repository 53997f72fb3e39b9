// What a switch says about each of its ports, from walked varbinds: name, speed, duplex, PoE and
// the LLDP neighbour. Pure functions over { oid, value } cells, so they are tested on literals.
import {
  COLUMNS,
  LLDP_CHASSIS_SUBTYPE_MAC,
  LLDP_CHASSIS_SUBTYPE_NETWORK,
  PSE_DELIVERING_POWER,
  type SnmpColumn,
} from "./snmp-oids";

/** One walked varbind: net-snmp gives OctetStrings as Buffers and integers as numbers. */
export type WalkedCell = { oid: string; value: unknown };
export type WalkedColumns = Partial<Record<SnmpColumn, WalkedCell[]>>;

/** The facts one bridge port contributes to every MAC learned on it. */
export type PortFacts = {
  ifName?: string;
  linkSpeedMbps?: number;
  duplex?: "full" | "half";
  poeClass?: number;
  poePowerMw?: number;
  lldpChassisId?: string;
  lldpSysName?: string;
};

/** The instance part of a column's OID as numbers ("…1.2.3" under column "…1" → [2, 3]). */
export function instanceOf(column: SnmpColumn, oid: string): number[] | null {
  const prefix = `${COLUMNS[column]}.`;
  if (!oid.startsWith(prefix)) return null;
  const parts = oid.slice(prefix.length).split(".").map(Number);
  return parts.every((n) => Number.isInteger(n) && n >= 0) ? parts : null;
}

export function toInt(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "bigint") return Number(value);
  return undefined;
}

export function toBytes(value: unknown): Buffer | undefined {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "string") return Buffer.from(value, "latin1");
  return undefined;
}

const isPrintable = (bytes: Buffer) => bytes.length > 0 && bytes.every((b) => b >= 0x20 && b < 0x7f);
const hexPairs = (bytes: Iterable<number>) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(":");

/** A DisplayString as text; binary octets as colon-separated hex, never mojibake. */
export function toText(value: unknown, max = 128): string | undefined {
  const bytes = toBytes(value);
  if (!bytes || bytes.length === 0) return undefined;
  const trimmed = bytes.at(-1) === 0 ? bytes.subarray(0, -1) : bytes; // some agents send a C string
  return (isPrintable(trimmed) ? trimmed.toString("latin1") : hexPairs(trimmed)).slice(0, max);
}

/** Six OID components (a MacAddress index, RFC 2579) as "aa:bb:cc:dd:ee:ff"; else null. */
export function macFromOctets(octets: number[]): string | null {
  if (octets.length !== 6 || octets.some((o) => o > 255)) return null;
  return hexPairs(octets);
}

/** Each cell of a column keyed by its instance, as a string ("3", "1.7"). */
function byInstance(columns: WalkedColumns, column: SnmpColumn): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const cell of columns[column] ?? []) {
    const instance = instanceOf(column, cell.oid);
    if (instance) map.set(instance.join("."), cell.value);
  }
  return map;
}

/** dot1dBasePort → ifIndex. Without BRIDGE-MIB's base port table, assume they are equal. */
function ifIndexOfPort(columns: WalkedColumns): (bridgePort: number) => number {
  const map = byInstance(columns, "dot1dBasePortIfIndex");
  return (bridgePort) => toInt(map.get(String(bridgePort))) ?? bridgePort;
}

/** ifHighSpeed is already Mbit/s; ifSpeed (bit/s) saturates at 4,294,967,295, so it is a fallback. */
function speedMbps(high: unknown, low: unknown): number | undefined {
  const mbps = toInt(high);
  if (mbps && mbps > 0) return mbps;
  const bps = toInt(low);
  if (!bps || bps <= 0 || bps >= 4_294_967_295) return undefined;
  return bps / 1_000_000;
}

const DUPLEX: Record<number, "half" | "full"> = { 2: "half", 3: "full" };

/**
 * PoE per bridge port. RFC 3621 leaves the mapping of pethPsePortIndex to an interface to the
 * implementation; on a single switch (one PSE group) vendors number PSE ports like bridge ports,
 * which is what we assume. With several groups (a stack) the mapping is vendor-specific, so we
 * leave PoE out rather than guess.
 */
function poeByPort(columns: WalkedColumns): Map<number, Pick<PortFacts, "poeClass" | "poePowerMw">> {
  const classes = byInstance(columns, "pethPsePortPowerClassifications");
  const status = byInstance(columns, "pethPsePortDetectionStatus");
  const power = byInstance(columns, "cpeExtPsePortPwrConsumption");
  const groups = new Set([...classes.keys()].map((key) => key.split(".")[0]));
  const result = new Map<number, Pick<PortFacts, "poeClass" | "poePowerMw">>();
  if (groups.size !== 1) return result;
  for (const [key, value] of classes) {
    const detection = toInt(status.get(key));
    if (detection !== undefined && detection !== PSE_DELIVERING_POWER) continue;
    const classification = toInt(value);
    if (classification === undefined || classification < 1 || classification > 5) continue;
    const milliwatts = toInt(power.get(key));
    const port = Number(key.split(".")[1]);
    result.set(port, { poeClass: classification - 1, ...(milliwatts ? { poePowerMw: milliwatts } : {}) });
  }
  return result;
}

/** An LLDP chassis id as people read it: a MAC, an IPv4 address, or the text the neighbour sent. */
export function chassisIdText(subtype: number | undefined, value: unknown): string | undefined {
  const bytes = toBytes(value);
  if (!bytes || bytes.length === 0) return undefined;
  if (subtype === LLDP_CHASSIS_SUBTYPE_MAC && bytes.length === 6) return hexPairs(bytes);
  if (subtype === LLDP_CHASSIS_SUBTYPE_NETWORK && bytes[0] === 1 && bytes.length === 5) return [...bytes.subarray(1)].join(".");
  return toText(bytes);
}

/**
 * The LLDP neighbour per local port. lldpRemLocalPortNum is an LldpPortNumber, which 802.1AB
 * leaves to the agent; in practice it equals dot1dBasePort, which is what we assume. With several
 * neighbours on one port (a phone and the PC behind it), the lowest lldpRemIndex wins.
 */
function lldpByPort(columns: WalkedColumns): Map<number, Pick<PortFacts, "lldpChassisId" | "lldpSysName">> {
  const subtypes = byInstance(columns, "lldpRemChassisIdSubtype");
  const names = byInstance(columns, "lldpRemSysName");
  const result = new Map<number, Pick<PortFacts, "lldpChassisId" | "lldpSysName">>();
  const cells = [...byInstance(columns, "lldpRemChassisId")].sort(([a], [b]) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
  for (const [key, value] of cells) {
    const port = Number(key.split(".")[1]);
    if (result.has(port)) continue;
    const lldpChassisId = chassisIdText(toInt(subtypes.get(key)), value);
    const lldpSysName = toText(names.get(key));
    if (lldpChassisId) result.set(port, { lldpChassisId, ...(lldpSysName ? { lldpSysName } : {}) });
  }
  return result;
}

/** A function from bridge port number to what the switch says about that port. */
export function portFacts(columns: WalkedColumns): (bridgePort: number) => PortFacts {
  const ifIndexOf = ifIndexOfPort(columns);
  const names = byInstance(columns, "ifName");
  const high = byInstance(columns, "ifHighSpeed");
  const low = byInstance(columns, "ifSpeed");
  const duplex = byInstance(columns, "dot3StatsDuplexStatus");
  const poe = poeByPort(columns);
  const lldp = lldpByPort(columns);
  return (bridgePort) => {
    const ifIndex = String(ifIndexOf(bridgePort));
    const facts: PortFacts = {
      ifName: toText(names.get(ifIndex), 64),
      linkSpeedMbps: speedMbps(high.get(ifIndex), low.get(ifIndex)),
      duplex: DUPLEX[toInt(duplex.get(ifIndex)) ?? 0],
      ...poe.get(bridgePort),
      ...lldp.get(bridgePort),
    };
    return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as PortFacts;
  };
}
