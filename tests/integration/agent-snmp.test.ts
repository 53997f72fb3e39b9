// The SNMP collector against a real SNMP agent on 127.0.0.1 (tests/support/snmp-switch.ts):
// v2c, v3 authPriv, a wrong v3 key and a switch that does not answer.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { snmpCollector, snmpOptions } from "../../agent/collectors/snmp";
import { startSnmpSwitch, SWITCH, type SnmpSwitch } from "../support/snmp-switch";

let agent: SnmpSwitch;
let dir: string;
const NOW = new Date("2026-11-28T15:00:00Z");

function secret(name: string, value: string) {
  const file = join(dir, name);
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "agent-snmp-"));
  agent = await startSnmpSwitch();
});

afterAll(async () => {
  await agent?.close();
  rmSync(dir, { recursive: true, force: true });
});

const v3 = (privKey: string = SWITCH.user.privKey) => ({
  host: "127.0.0.1",
  port: agent.port,
  version: "3",
  user: SWITCH.user.name,
  authProtocol: "sha",
  authKeyFile: secret("auth.key", SWITCH.user.authKey),
  privProtocol: "aes",
  privKeyFile: secret(`priv-${privKey}.key`, privKey),
});

async function collect(switches: unknown[], extra: object = {}) {
  const collector = snmpCollector(snmpOptions.parse({ enabled: true, timeoutMs: 1000, retries: 0, switches, ...extra }));
  await collector.start?.();
  return { ...(await collector.collect(NOW)), notes: collector.notes };
}

const EXPECTED = [
  { mac: "00:09:fb:12:34:56", ethernet: { switchPort: "sw-icu-2/Gi1/0/3", vlan: 20, linkSpeedMbps: 100, duplex: "full" } },
  { mac: "00:40:9d:aa:bb:01", ethernet: { switchPort: "sw-icu-2/Gi1/0/5", vlan: 10, linkSpeedMbps: 10, duplex: "half" } },
  {
    mac: "00:1a:2b:3c:4d:5e",
    ethernet: {
      switchPort: "sw-icu-2/Gi1/0/7",
      vlan: 20,
      linkSpeedMbps: 1000,
      duplex: "full",
      poeClass: 2,
      poePowerMw: 5200,
      lldpChassisId: "00:1a:2b:3c:4d:5e",
      lldpSysName: "PM-ICU-07",
    },
  },
  { mac: "00:1b:78:00:00:12", ethernet: { switchPort: "sw-icu-2/Gi1/0/12", vlan: 30, linkSpeedMbps: 1000, duplex: "full" } },
  { mac: "00:1b:78:00:00:13", ethernet: { switchPort: "sw-icu-2/Gi1/0/12", vlan: 30, linkSpeedMbps: 1000, duplex: "full" } },
];

describe("SNMP collector against a 48-port access switch", () => {
  it("places every device on an access port over v2c, and skips the uplinks' MACs with a counted note", async () => {
    const result = await collect([{ host: "127.0.0.1", port: agent.port, version: "2c", communityFile: secret("community", SWITCH.community) }]);
    expect(result.problems).toEqual([]);
    expect(result.observations.map((o) => o.claimed?.mac)).toEqual(EXPECTED.map((e) => e.mac));
    expect(result.observations.map((o) => o.physical?.ethernet)).toEqual(EXPECTED.map((e) => e.ethernet));
    for (const observation of result.observations) {
      expect(observation.observedAt).toBe("2026-11-28T15:00:00.000Z");
      expect(observationSchema.safeParse(observation).success).toBe(true);
    }
    expect(result.notes).toEqual([
      `snmp 127.0.0.1:${agent.port}: 2 uplink ports left out (32 MACs not placed): Te1/1/1 (20, too many MACs), Te1/1/2 (12, too many MACs)`,
    ]);
  });

  it("reads the same over v3 authPriv (SHA + AES), and honours configured uplinks and names", async () => {
    const result = await collect([{ ...v3(), name: "ICU-2", uplinkPorts: ["Gi1/0/12"], maxMacsPerPort: 16 }]);
    expect(result.problems).toEqual([]);
    expect([...new Set(result.observations.map((o) => o.physical?.ethernet?.switchPort))]).toEqual(["ICU-2/Gi1/0/3", "ICU-2/Gi1/0/5", "ICU-2/Gi1/0/7", "ICU-2/Te1/1/2"]);
    expect(result.observations.filter((o) => o.physical?.ethernet?.switchPort === "ICU-2/Te1/1/2")).toHaveLength(12);
    expect(result.observations[2].physical?.ethernet).toMatchObject({ poeClass: 2, lldpChassisId: "00:1a:2b:3c:4d:5e" });
    expect(result.notes[0]).toContain("Gi1/0/12 (2, configured uplink), Te1/1/1 (20, too many MACs)");
  });

  it("turns a wrong v3 privacy key into a clear problem naming the switch, with no observations", async () => {
    const result = await collect([v3("not-the-right-privacy-key")]);
    expect(result.observations).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].where).toBe(`snmp 127.0.0.1:${agent.port}`);
    expect(result.problems[0].message).toBe(
      `switch 127.0.0.1 did not answer: no answer after 1 try of 1000 ms: check the address, that SNMP v3 (and this user and its keys) is enabled and that UDP ${agent.port} is allowed from this sensor`,
    );
    expect(result.problems[0].message).not.toContain("not-the-right-privacy-key");
  });

  it("names a switch that does not answer and still reads the others", async () => {
    const silent = { host: "127.0.0.1", port: 9, version: "2c", communityFile: secret("community", SWITCH.community) };
    const result = await collect([silent, { ...silent, port: agent.port }]);
    expect(result.problems).toEqual([
      {
        where: "snmp 127.0.0.1:9",
        message:
          "switch 127.0.0.1 did not answer: no answer after 1 try of 1000 ms: check the address, that SNMP v2c (and this community) is enabled and that UDP 9 is allowed from this sensor",
      },
    ]);
    expect(result.observations).toHaveLength(5);
  });

  it("names an unreadable secret file without reading further", async () => {
    const result = await collect([{ host: "127.0.0.1", port: agent.port, version: "2c", communityFile: join(dir, "missing") }]);
    expect(result).toMatchObject({ observations: [], problems: [{ where: `snmp 127.0.0.1:${agent.port}`, message: `cannot read the community file ${join(dir, "missing")} (ENOENT)` }] });
  });
});
