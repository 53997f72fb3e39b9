import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { neighbourOptions, neighboursCollector, parseIpLink, parseIpNeigh, parseProcArp, type NeighbourDeps } from "./neighbours";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const sysfsRoot = join(fixtures, "sysfs");
const fixture = (name: string) => readFile(join(fixtures, "neighbours", name), "utf8");
const NOW = new Date("2026-11-28T15:00:00Z");

/** The real file system for sysfs, and `ip` answered from fixture files (or refused). */
async function depsWith(answers: Record<string, string | Error>): Promise<NeighbourDeps & { calls: string[] }> {
  const calls: string[] = [];
  return {
    calls,
    run: async (file, args) => {
      calls.push(`${file} ${args.join(" ")}`);
      const answer = answers[args.join(" ")];
      if (answer instanceof Error) throw answer;
      if (answer === undefined) throw new Error(`unexpected ${args.join(" ")}`);
      return answer;
    },
    readText: (path) => readFile(path, "utf8"),
    listDir: (path) => readdir(path),
    hostname: () => "sensor-icu-01",
  };
}

const enoent = () => Object.assign(new Error("spawn ip ENOENT"), { code: "ENOENT" });

describe("parsing the kernel's tables", () => {
  it("keeps resolved neighbours only, with normalised MACs", async () => {
    const parsed = parseIpNeigh(await fixture("ip-neigh.json"));
    expect(parsed.map((n) => `${n.ip} ${n.mac}`)).toEqual([
      "10.20.4.1 00:1a:a1:7c:22:c1",
      "10.20.4.17 00:09:fb:12:34:56",
      "fe80::209:fbff:fe12:3456 00:09:fb:12:34:56",
      "fe80::21a:a1ff:fe7c:22c1 00:1a:a1:7c:22:c1",
      "10.20.4.23 00:40:9d:ab:cd:ef",
      "10.20.4.30 b8:27:eb:00:11:22",
    ]);
  });

  it("reads what this machine's ip printed (the committed copy)", async () => {
    expect(parseIpNeigh(await fixture("this-machine-neigh.json"))).toEqual([{ mac: "02:fc:00:00:00:05", ip: "192.0.2.1", dev: "eth0" }]);
    expect(parseIpLink(await fixture("this-machine-link.json"), await fixture("this-machine-addr.json"))).toEqual([
      { name: "eth0", mac: "02:fc:00:00:00:01", ips: ["192.0.2.2", "fd00::2"] },
    ]);
    expect(parseProcArp(await fixture("this-machine-arp"))).toEqual([{ mac: "02:fc:00:00:00:05", ip: "192.0.2.1", dev: "eth0" }]);
  });

  it("skips incomplete /proc/net/arp entries (flags without ATF_COM)", async () => {
    expect(parseProcArp(await fixture("proc-net-arp")).map((n) => n.ip)).toEqual(["10.20.4.1", "10.20.4.17", "10.20.4.30"]);
  });

  it("lists own interfaces that are Ethernet and up, with global addresses only", async () => {
    expect(parseIpLink(await fixture("ip-link.json"), await fixture("ip-addr.json"))).toEqual([
      { name: "eno1", mac: "3c:ec:ef:10:20:30", ips: ["fd00:20:4::5", "10.20.4.5"] },
      { name: "enp2s0", mac: "3c:ec:ef:10:20:31", ips: [] },
    ]);
  });
});

describe("neighboursCollector with ip", () => {
  const options = neighbourOptions.parse({ source: "ip", sysfsRoot });

  it("reports one observation per neighbour MAC, IPv4 preferred, and the host's own links", async () => {
    const deps = await depsWith({ "-j neigh": await fixture("ip-neigh.json"), "-j link": await fixture("ip-link.json"), "-j addr": await fixture("ip-addr.json") });
    const { observations, problems } = await neighboursCollector(options, deps).collect(NOW);
    expect(problems).toEqual([]);
    expect(observations).toEqual([
      {
        observedAt: "2026-11-28T15:00:00.000Z",
        channel: "ethernet",
        claimed: { mac: "3c:ec:ef:10:20:30", hostname: "sensor-icu-01", ip: "10.20.4.5" },
        physical: { ethernet: { linkSpeedMbps: 1000, duplex: "full" } },
      },
      // No carrier: the kernel says speed -1 and duplex "unknown", so nothing is claimed as measured.
      { observedAt: "2026-11-28T15:00:00.000Z", channel: "ethernet", claimed: { mac: "3c:ec:ef:10:20:31", hostname: "sensor-icu-01" } },
      { observedAt: "2026-11-28T15:00:00.000Z", channel: "ethernet", claimed: { mac: "00:1a:a1:7c:22:c1", ip: "10.20.4.1" } },
      { observedAt: "2026-11-28T15:00:00.000Z", channel: "ethernet", claimed: { mac: "00:09:fb:12:34:56", ip: "10.20.4.17" } },
      { observedAt: "2026-11-28T15:00:00.000Z", channel: "ethernet", claimed: { mac: "00:40:9d:ab:cd:ef", ip: "10.20.4.23" } },
      { observedAt: "2026-11-28T15:00:00.000Z", channel: "ethernet", claimed: { mac: "b8:27:eb:00:11:22", ip: "10.20.4.30" } },
    ]);
    for (const observation of observations) expect(observationSchema.safeParse(observation).success).toBe(true);
  });

  it("reports neighbours on a wireless interface on the wifi channel", async () => {
    const neigh = JSON.stringify([
      { dst: "10.30.0.8", dev: "wlp0s20f3", lladdr: "00:1b:63:84:45:e6", state: ["REACHABLE"] },
      { dst: "10.20.4.17", dev: "eno1", lladdr: "00:09:fb:12:34:56", state: ["STALE"] },
    ]);
    const deps = await depsWith({ "-j neigh": neigh });
    const collector = neighboursCollector(neighbourOptions.parse({ source: "ip", sysfsRoot, ownInterfaces: false }), deps);
    const { observations } = await collector.collect(NOW);
    expect(observations.map((o) => [o.channel, o.claimed?.mac])).toEqual([["wifi", "00:1b:63:84:45:e6"], ["ethernet", "00:09:fb:12:34:56"]]);
  });

  it("names a failing ip command instead of throwing", async () => {
    const deps = await depsWith({ "-j neigh": new Error("Command failed: ip -j neigh\nboom"), "-j link": new Error("Command timed out") });
    const { observations, problems } = await neighboursCollector(options, deps).collect(NOW);
    expect(observations).toEqual([]);
    expect(problems).toEqual([
      { where: "ip -j neigh", message: "Command failed: ip -j neigh" },
      { where: "ip -j link", message: "Command timed out" },
    ]);
  });

  it("leaves the host's own interfaces out when ownInterfaces is false", async () => {
    const deps = await depsWith({ "-j neigh": await fixture("ip-neigh.json") });
    const collector = neighboursCollector(neighbourOptions.parse({ source: "ip", ownInterfaces: false }), deps);
    const { observations } = await collector.collect(NOW);
    expect(observations.map((o) => o.claimed?.mac)).toEqual(["00:1a:a1:7c:22:c1", "00:09:fb:12:34:56", "00:40:9d:ab:cd:ef", "b8:27:eb:00:11:22"]);
    expect(deps.calls).toEqual(["ip -j neigh"]);
  });
});

describe("neighboursCollector from /proc/net/arp", () => {
  let dir = "";
  afterEach(async () => dir && rm(dir, { recursive: true, force: true }));

  it("falls back to arpPath when ip is not installed, and own links from sysfs", async () => {
    const deps = await depsWith({ "-j neigh": enoent() });
    const options = neighbourOptions.parse({ arpPath: join(fixtures, "neighbours", "proc-net-arp"), sysfsRoot });
    const { observations, problems } = await neighboursCollector(options, deps).collect(NOW);
    expect(problems).toEqual([]);
    expect(observations.map((o) => [o.channel, o.claimed?.mac, o.claimed?.ip ?? o.claimed?.hostname, o.physical?.ethernet?.linkSpeedMbps])).toEqual([
      ["ethernet", "3c:ec:ef:10:20:30", "sensor-icu-01", 1000],
      ["ethernet", "3c:ec:ef:10:20:31", "sensor-icu-01", undefined],
      ["wifi", "f4:26:79:aa:bb:cc", "sensor-icu-01", undefined],
      ["ethernet", "00:1a:a1:7c:22:c1", "10.20.4.1", undefined],
      ["ethernet", "00:09:fb:12:34:56", "10.20.4.17", undefined],
      ["ethernet", "b8:27:eb:00:11:22", "10.20.4.30", undefined],
    ]);
  });

  it("re-reads the file at every collect", async () => {
    dir = await mkdtemp(join(tmpdir(), "neighbours-"));
    const arpPath = join(dir, "arp");
    const header = "IP address       HW type     Flags       HW address            Mask     Device\n";
    await writeFile(arpPath, `${header}10.20.4.17       0x1         0x2         00:09:fb:12:34:56     *        eno1\n`);
    const collector = neighboursCollector(neighbourOptions.parse({ source: "proc", arpPath, ownInterfaces: false }), await depsWith({}));
    expect((await collector.collect(NOW)).observations.map((o) => o.claimed?.ip)).toEqual(["10.20.4.17"]);
    await writeFile(arpPath, `${header}10.20.4.18       0x1         0x2         00:09:fb:12:34:57     *        eno1\n`);
    expect((await collector.collect(NOW)).observations.map((o) => o.claimed?.ip)).toEqual(["10.20.4.18"]);
    await rm(arpPath);
    const gone = await collector.collect(NOW);
    expect(gone.observations).toEqual([]);
    expect(gone.problems).toEqual([{ where: arpPath, message: expect.stringContaining("ENOENT") }]);
  });
});
