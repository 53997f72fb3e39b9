import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { CAPTURE_FILTER, captureCollector, captureOptions, tcpdumpArgs } from "./capture";
import { pcapBytes, REAL_DHCP_DISCOVER, REAL_TCP_SYN } from "./capture-fixtures";

const dir = mkdtempSync(join(tmpdir(), "agent-capture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in tcpdump: a script that prints a pcap stream (or an error) and stays or exits. */
function fakeTcpdump(name: string, body: string) {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
};

describe("captureCollector", () => {
  it("hands over the latest per MAC since the last collect, from tcpdump's pcap stream", async () => {
    const pcap = join(dir, "two.pcap");
    writeFileSync(pcap, pcapBytes([{ timestampMs: 1_796_427_651_001, data: REAL_DHCP_DISCOVER }, { timestampMs: 1_796_427_654_970, data: REAL_TCP_SYN }], { littleEndian: false }));
    const tcpdumpPath = fakeTcpdump("tcpdump-ok", `cat ${pcap}\nexec sleep 30`);
    const collector = captureCollector(captureOptions.parse({ enabled: true, interface: "eth1", tcpdumpPath }));
    await collector.start!();
    let result = await collector.collect(new Date());
    await until(async () => {
      if (result.observations.length) return true;
      result = await collector.collect(new Date());
      return result.observations.length > 0;
    });
    await collector.stop!();
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([
      {
        observedAt: "2026-12-04T23:40:54.970Z",
        channel: "ethernet",
        claimed: { mac: "62:b3:cc:65:16:e2", hostname: "vm", ip: "10.250.13.2" },
        physical: { ethernet: { dhcpFingerprint: "1,28,2,3,15,6,119,12,44,47,26,121,42", ttl: 64, tcpSignature: "4:64+0:0:1460:mss*44,10:mss,sok,ts,nop,ws:df,id+:0" } },
      },
    ]);
    expect(observationSchema.safeParse(result.observations[0]).success).toBe(true);
    expect((await collector.collect(new Date())).observations).toEqual([]);
  });

  it("names a missing tcpdump and how to fix it, and tries again at the next collect", async () => {
    const collector = captureCollector(captureOptions.parse({ enabled: true, interface: "eth1", tcpdumpPath: join(dir, "no-such-tcpdump") }));
    await collector.start!();
    await new Promise((r) => setTimeout(r, 100));
    const first = await collector.collect(new Date());
    expect(first.problems).toEqual([{ where: "capture eth1", message: `${join(dir, "no-such-tcpdump")} not found: install tcpdump (Debian: apt-get install tcpdump) or set capture.tcpdumpPath` }]);
    await new Promise((r) => setTimeout(r, 100));
    expect((await collector.collect(new Date())).problems).toHaveLength(1);
    await collector.stop!();
  });

  it("explains a tcpdump refused the capture, with CAP_NET_RAW as the fix", async () => {
    const tcpdumpPath = fakeTcpdump("tcpdump-eperm", "echo 'tcpdump: eth1: You don'\\''t have permission to capture on that device' >&2\nexit 1");
    const collector = captureCollector(captureOptions.parse({ enabled: true, interface: "eth1", tcpdumpPath }));
    await collector.start!();
    await new Promise((r) => setTimeout(r, 300));
    const { problems } = await collector.collect(new Date());
    await collector.stop!();
    expect(problems[0].message).toBe(
      "tcpdump on eth1 exited with code 1: tcpdump: eth1: You don't have permission to capture on that device. Give the agent CAP_NET_RAW (systemd: AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN) or run tcpdump with setcap cap_net_raw,cap_net_admin+eip. Retrying at the next collect.",
    );
  });
});

describe("captureOptions", () => {
  it("fills defaults and needs an interface when enabled", () => {
    expect(captureOptions.parse({})).toEqual({ enabled: false, tcpdumpPath: "tcpdump", snaplen: 512 });
    expect(captureOptions.safeParse({ enabled: true }).error?.issues[0]).toMatchObject({ path: ["interface"], message: "capture needs an interface when enabled" });
    expect(captureOptions.safeParse({ interface: "-w/etc/passwd" }).success).toBe(false);
  });

  it("asks tcpdump for DHCP client messages and SYNs only, unbuffered, in pcap on stdout", () => {
    expect(tcpdumpArgs(captureOptions.parse({ enabled: true, interface: "eth1" }))).toEqual(["-i", "eth1", "-U", "--immediate-mode", "-n", "-s", "512", "-w", "-", CAPTURE_FILTER]);
  });
});
