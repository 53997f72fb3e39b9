import { describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { COLUMNS, type SnmpColumn } from "./snmp-oids";
import { chassisIdText, toText } from "./snmp-ports";
import { learnedMacs, switchObservations, vlanOfFdb } from "./snmp-fdb";
import { snmpOptions, skippedNote } from "./snmp";

const NOW = new Date("2026-11-28T15:00:00Z");
/** A literal varbind as net-snmp hands it over. */
const cell = (column: SnmpColumn, instance: string, value: unknown) => ({ oid: `${COLUMNS[column]}.${instance}`, value });
const settings = { host: "10.0.0.2", maxMacsPerPort: 2 };

describe("learnedMacs", () => {
  it("reads dot1dTpFdbTable when the switch has no Q-BRIDGE table, dropping self and invalid entries", () => {
    const columns = {
      dot1dTpFdbPort: [cell("dot1dTpFdbPort", "0.9.251.18.52.86", 3), cell("dot1dTpFdbPort", "0.17.34.51.68.0", 0), cell("dot1dTpFdbPort", "0.1.2.3.4.5", 4), cell("dot1dTpFdbPort", "0.1.2.3.4.6", 6)],
      dot1dTpFdbStatus: [cell("dot1dTpFdbStatus", "0.9.251.18.52.86", 3), cell("dot1dTpFdbStatus", "0.1.2.3.4.5", 2), cell("dot1dTpFdbStatus", "0.1.2.3.4.6", 4)],
    };
    expect(learnedMacs(columns)).toEqual([{ mac: "00:09:fb:12:34:56", bridgePort: 3 }]);
  });

  it("prefers dot1qTpFdbTable and maps filtering databases to VLANs", () => {
    const columns = {
      dot1dTpFdbPort: [cell("dot1dTpFdbPort", "0.9.251.18.52.86", 9)],
      dot1qTpFdbPort: [cell("dot1qTpFdbPort", "2.0.9.251.18.52.86", 3), cell("dot1qTpFdbPort", "5.0.9.251.18.52.87", 4)],
      dot1qVlanFdbId: [cell("dot1qVlanFdbId", "0.20", 2), cell("dot1qVlanFdbId", "0.30", 5), cell("dot1qVlanFdbId", "0.31", 5)],
    };
    // fdb 5 is shared by VLANs 30 and 31 (shared learning): the VLAN cannot be known.
    expect(learnedMacs(columns)).toEqual([
      { mac: "00:09:fb:12:34:56", bridgePort: 3, vlan: 20 },
      { mac: "00:09:fb:12:34:57", bridgePort: 4 },
    ]);
  });

  it("takes fdbId as the VLAN when the switch has no dot1qVlanCurrentTable", () => {
    expect(vlanOfFdb(undefined)(20)).toBe(20);
    expect(vlanOfFdb([])(0)).toBeUndefined();
  });
});

describe("switchObservations", () => {
  const columns = {
    dot1qTpFdbPort: [cell("dot1qTpFdbPort", "20.0.9.251.18.52.86", 1), ...[1, 2, 3].map((i) => cell("dot1qTpFdbPort", `20.2.0.0.0.0.${i}`, 2))],
    dot1dBasePortIfIndex: [cell("dot1dBasePortIfIndex", "1", 501), cell("dot1dBasePortIfIndex", "2", 502)],
    ifName: [cell("ifName", "501", Buffer.from("ge-0/0/1")), cell("ifName", "502", Buffer.from("ge-0/0/2"))],
    ifSpeed: [cell("ifSpeed", "501", 100_000_000)],
    dot3StatsDuplexStatus: [cell("dot3StatsDuplexStatus", "501", 3)],
    pethPsePortPowerClassifications: [cell("pethPsePortPowerClassifications", "1.1", 4)],
    lldpRemChassisIdSubtype: [cell("lldpRemChassisIdSubtype", "300.1.2", 5), cell("lldpRemChassisIdSubtype", "300.1.1", 7)],
    lldpRemChassisId: [cell("lldpRemChassisId", "300.1.2", Buffer.from([1, 10, 20, 4, 17])), cell("lldpRemChassisId", "300.1.1", Buffer.from("pump-17"))],
  };

  it("emits one partial ethernet observation per MAC on an access port, named by sysName and ifName", () => {
    const reading = switchObservations({ sysName: Buffer.from("sw-ward-7"), columns }, settings, NOW);
    expect(reading.observations).toEqual([
      {
        observedAt: "2026-11-28T15:00:00.000Z",
        channel: "ethernet",
        claimed: { mac: "00:09:fb:12:34:56" },
        physical: { ethernet: { switchPort: "sw-ward-7/ge-0/0/1", vlan: 20, linkSpeedMbps: 100, duplex: "full", poeClass: 3, lldpChassisId: "pump-17" } },
      },
    ]);
    expect(observationSchema.safeParse(reading.observations[0]).success).toBe(true);
    expect(reading.skipped).toEqual([{ port: "ge-0/0/2", macs: 3, reason: "too many MACs" }]);
    expect(skippedNote(reading.skipped)).toBe("1 uplink port left out (3 MACs not placed): ge-0/0/2 (3, too many MACs)");
  });

  it("leaves PoE out on a stack (several PSE groups), where the port mapping is vendor-specific", () => {
    const stacked = { ...columns, pethPsePortPowerClassifications: [cell("pethPsePortPowerClassifications", "1.1", 4), cell("pethPsePortPowerClassifications", "2.1", 2)] };
    const reading = switchObservations({ columns: stacked }, { ...settings, name: "stack" }, NOW);
    expect(reading.observations[0].physical?.ethernet).not.toHaveProperty("poeClass");
    expect(reading.observations[0].physical?.ethernet?.switchPort).toBe("stack/ge-0/0/1");
  });

  it("falls back to the host and port number when the switch names nothing", () => {
    const bare = { dot1dTpFdbPort: [cell("dot1dTpFdbPort", "0.9.251.18.52.86", 7)] };
    expect(switchObservations({ columns: bare }, settings, NOW).observations[0].physical?.ethernet).toEqual({ switchPort: "10.0.0.2/port7" });
  });
});

describe("value rendering", () => {
  it("renders chassis ids as a MAC, an IPv4 address or text", () => {
    expect(chassisIdText(4, Buffer.from([0, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]))).toBe("00:1a:2b:3c:4d:5e");
    expect(chassisIdText(5, Buffer.from([1, 192, 168, 1, 20]))).toBe("192.168.1.20");
    expect(chassisIdText(7, Buffer.from("core-sw-1"))).toBe("core-sw-1");
    expect(toText(Buffer.from([0xff, 0x01]))).toBe("ff:01");
    expect(toText(Buffer.from("sw1\0"))).toBe("sw1");
  });
});

describe("snmpOptions", () => {
  const v3 = { host: "sw1", version: "3", user: "sensor", authKeyFile: "/etc/a", privKeyFile: "/etc/p" };

  it("fills defaults", () => {
    expect(snmpOptions.parse({})).toEqual({ enabled: false, timeoutMs: 5000, retries: 1, switches: [] });
    expect(snmpOptions.parse({ switches: [v3] }).switches[0]).toMatchObject({ port: 161, authProtocol: "sha", privProtocol: "aes", maxMacsPerPort: 8 });
  });

  it("refuses v3 without privacy and v2c without a community file, saying why", () => {
    const noPriv = snmpOptions.safeParse({ switches: [{ ...v3, privKeyFile: undefined }] });
    expect(noPriv.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["switches.0.privKeyFile", "SNMP v3 needs privKeyFile: only authPriv is accepted, so the forwarding table never crosses the network in clear"],
    ]);
    const v2c = snmpOptions.safeParse({ switches: [{ host: "sw1", version: "2c" }] });
    expect(v2c.error?.issues[0].path.join(".")).toBe("switches.0.communityFile");
    expect(snmpOptions.safeParse({ switches: [{ ...v3, authProtocol: "md5" }] }).success).toBe(false);
  });
});
