// A real SNMP agent (net-snmp's agent mode) on 127.0.0.1 that answers like a 48-port access
// switch: ports 1–46 access, 47–48 uplinks full of MACs. It speaks v2c (a community) and v3
// authPriv (SHA + AES), so the collector is tested over UDP against real BER and USM, not a stub.
import dgram from "node:dgram";
import snmp from "net-snmp";

export const SWITCH = {
  sysName: "sw-icu-2",
  community: "icu-read-only",
  user: { name: "sensor", authKey: "auth-key-for-tests", privKey: "priv-key-for-tests" },
} as const;

/** ifIndex differs from the bridge port on purpose (as on Cisco), so the mapping is exercised. */
export const ifIndexOf = (port: number) => 10100 + port;
export const ifNameOf = (port: number) => (port <= 46 ? `Gi1/0/${port}` : `Te1/1/${port - 46}`);

/** fdbId → VLAN differs too (1 → 10, 2 → 20, 3 → 30), as RFC 4363 allows. */
const VLAN_FDB: [vlan: number, fdbId: number][] = [[10, 1], [20, 2], [30, 3]];
const fdbOf = (vlan: number) => VLAN_FDB.find(([v]) => v === vlan)![1];

type Learned = { mac: string; port: number; vlan: number; status?: number };

/** Devices on access ports; every other access port is empty. */
export const DEVICES: Learned[] = [
  { mac: "00:09:fb:12:34:56", port: 3, vlan: 20 }, // infusion pump
  { mac: "00:40:9d:aa:bb:01", port: 5, vlan: 10 }, // old 10 Mbit/s half-duplex device
  { mac: "00:1a:2b:3c:4d:5e", port: 7, vlan: 20 }, // patient monitor, PoE class 2, LLDP
  { mac: "00:1b:78:00:00:12", port: 12, vlan: 30 }, // a phone…
  { mac: "00:1b:78:00:00:13", port: 12, vlan: 30 }, // …and the workstation behind it
];

const uplinkMacs = (port: number, count: number, vlan: number): Learned[] =>
  Array.from({ length: count }, (_, i) => ({ mac: `02:00:00:00:${port}:${i.toString(16).padStart(2, "0")}`, port, vlan }));

const FDB: Learned[] = [
  ...DEVICES,
  ...uplinkMacs(47, 20, 10),
  ...uplinkMacs(48, 12, 20),
  { mac: "00:11:22:33:44:00", port: 0, vlan: 10, status: 4 }, // the switch's own address (self)
];

const macBytes = (mac: string) => Buffer.from(mac.replace(/:/g, ""), "hex");
const { ObjectType: T, MaxAccess: A, MibProviderType: P } = snmp;
const ro = A["read-only"];
const na = A["not-accessible"];
const col = (number: number, name: string, type: number, maxAccess = ro) => ({ number, name, type, maxAccess });
const table = (name: string, oid: string, tableColumns: object[], tableIndex: object[]) => ({ name, type: P.Table, oid, maxAccess: na, tableColumns, tableIndex });

const PROVIDERS = [
  { name: "sysName", type: P.Scalar, oid: "1.3.6.1.2.1.1.5", scalarType: T.OctetString, maxAccess: ro },
  table("ifEntry", "1.3.6.1.2.1.2.2.1", [col(1, "ifIndex", T.Integer), col(5, "ifSpeed", T.Gauge)], [{ columnName: "ifIndex" }]),
  { ...table("ifXEntry", "1.3.6.1.2.1.31.1.1.1", [col(1, "ifName", T.OctetString), col(15, "ifHighSpeed", T.Gauge)], []), tableIndex: undefined, tableAugments: "ifEntry" },
  table("dot1dBasePortEntry", "1.3.6.1.2.1.17.1.4.1", [col(1, "dot1dBasePort", T.Integer), col(2, "dot1dBasePortIfIndex", T.Integer)], [{ columnName: "dot1dBasePort" }]),
  table("dot1qFdbEntry", "1.3.6.1.2.1.17.7.1.2.1.1", [col(1, "dot1qFdbId", T.Gauge, na), col(2, "dot1qFdbDynamicCount", T.Counter)], [{ columnName: "dot1qFdbId" }]),
  table(
    "dot1qTpFdbEntry",
    "1.3.6.1.2.1.17.7.1.2.2.1",
    [col(1, "dot1qTpFdbAddress", T.OctetString, na), col(2, "dot1qTpFdbPort", T.Integer), col(3, "dot1qTpFdbStatus", T.Integer)],
    [{ columnName: "dot1qFdbId", foreign: "dot1qFdbEntry" }, { columnName: "dot1qTpFdbAddress", length: 6 }],
  ),
  table(
    "dot1qVlanCurrentEntry",
    "1.3.6.1.2.1.17.7.1.4.2.1",
    [col(1, "dot1qVlanTimeMark", T.TimeTicks, na), col(2, "dot1qVlanIndex", T.Gauge, na), col(3, "dot1qVlanFdbId", T.Gauge)],
    [{ columnName: "dot1qVlanTimeMark" }, { columnName: "dot1qVlanIndex" }],
  ),
  table("dot3StatsEntry", "1.3.6.1.2.1.10.7.2.1", [col(1, "dot3StatsIndex", T.Integer), col(19, "dot3StatsDuplexStatus", T.Integer)], [{ columnName: "dot3StatsIndex" }]),
  table(
    "pethPsePortEntry",
    "1.3.6.1.2.1.105.1.1.1",
    [col(1, "pethPsePortGroupIndex", T.Integer, na), col(2, "pethPsePortIndex", T.Integer, na), col(6, "pethPsePortDetectionStatus", T.Integer), col(10, "pethPsePortPowerClassifications", T.Integer)],
    [{ columnName: "pethPsePortGroupIndex" }, { columnName: "pethPsePortIndex" }],
  ),
  { ...table("cpeExtPsePortEntry", "1.3.6.1.4.1.9.9.402.1.2.1", [col(9, "cpeExtPsePortPwrConsumption", T.Gauge)], []), tableIndex: undefined, tableAugments: "pethPsePortEntry" },
  table(
    "lldpRemEntry",
    "1.0.8802.1.1.2.1.4.1.1",
    [
      col(1, "lldpRemTimeMark", T.TimeTicks, na),
      col(2, "lldpRemLocalPortNum", T.Integer, na),
      col(3, "lldpRemIndex", T.Integer, na),
      col(4, "lldpRemChassisIdSubtype", T.Integer),
      col(5, "lldpRemChassisId", T.OctetString),
      col(9, "lldpRemSysName", T.OctetString),
    ],
    [{ columnName: "lldpRemTimeMark" }, { columnName: "lldpRemLocalPortNum" }, { columnName: "lldpRemIndex" }],
  ),
];

const speedOf = (port: number) => (port >= 47 ? 10_000 : port === 5 ? 10 : port === 3 ? 100 : 1000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- net-snmp's agent API is untyped
function fillSwitch(mib: any) {
  mib.setScalarValue("sysName", SWITCH.sysName);
  for (let port = 1; port <= 48; port++) {
    const ifIndex = ifIndexOf(port);
    const used = FDB.some((entry) => entry.port === port);
    mib.addTableRow("ifEntry", [ifIndex, Math.min(speedOf(port) * 1_000_000, 4_294_967_295)]);
    mib.addTableRow("ifXEntry", [ifIndex, ifNameOf(port), speedOf(port)]);
    mib.addTableRow("dot1dBasePortEntry", [port, ifIndex]);
    mib.addTableRow("dot3StatsEntry", [ifIndex, !used ? 1 : port === 5 ? 2 : 3]);
    if (port > 46) continue;
    const powered = port === 7;
    mib.addTableRow("pethPsePortEntry", [1, port, powered ? 3 : 2, powered ? 3 : 1]); // class2(3) / searching, class0(1)
    mib.addTableRow("cpeExtPsePortEntry", [1, port, powered ? 5200 : 0]);
  }
  for (const [vlan, fdbId] of VLAN_FDB) {
    mib.addTableRow("dot1qFdbEntry", [fdbId, 0]);
    mib.addTableRow("dot1qVlanCurrentEntry", [0, vlan, fdbId]);
  }
  for (const entry of FDB) mib.addTableRow("dot1qTpFdbEntry", [fdbOf(entry.vlan), macBytes(entry.mac), entry.port, entry.status ?? 3]);
  mib.addTableRow("lldpRemEntry", [0, 7, 1, 4, macBytes("00:1a:2b:3c:4d:5e"), "PM-ICU-07"]);
  mib.addTableRow("lldpRemEntry", [0, 48, 1, 7, "core-sw-1", "core-sw-1"]);
}

/**
 * net-snmp's agent treats port 0 as "use 161", so an ephemeral port needs a socket whose bind
 * ignores the requested port; the real one is read back once it listens.
 */
function ephemeralDgram(sockets: dgram.Socket[]) {
  return {
    createSocket(type: dgram.SocketType) {
      const socket = dgram.createSocket(type);
      const bind = socket.bind.bind(socket) as (port: number, address: string) => dgram.Socket;
      (socket as unknown as { bind: (port: number, address: string) => dgram.Socket }).bind = (_port, address) => bind(0, address);
      sockets.push(socket);
      return socket;
    },
  };
}

export type SnmpSwitch = { port: number; close(): Promise<void> };

export async function startSnmpSwitch(): Promise<SnmpSwitch> {
  const sockets: dgram.Socket[] = [];
  const agent = snmp.createAgent({ address: "127.0.0.1", port: 1, dgramModule: ephemeralDgram(sockets) }, () => undefined);
  const authorizer = agent.getAuthorizer();
  authorizer.addCommunity(SWITCH.community);
  authorizer.addUser({
    name: SWITCH.user.name,
    level: snmp.SecurityLevel.authPriv,
    authProtocol: snmp.AuthProtocols.sha,
    authKey: SWITCH.user.authKey,
    privProtocol: snmp.PrivProtocols.aes,
    privKey: SWITCH.user.privKey,
  });
  const mib = agent.getMib();
  mib.registerProviders(PROVIDERS);
  fillSwitch(mib);
  const socket = sockets[0];
  await new Promise<void>((resolve) => {
    try {
      if (socket.address().port) return resolve();
    } catch {
      // not bound yet
    }
    socket.once("listening", () => resolve());
  });
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => agent.close(() => resolve())),
  };
}
