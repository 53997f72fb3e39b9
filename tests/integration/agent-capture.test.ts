// The capture collector in a pair of network namespaces joined by a veth: tcpdump listens in ns A,
// Debian's dhclient sends real DISCOVERs from ns B, and ns B opens a TCP connection to ns A.
// Traffic stays inside the namespaces (10.250.x.x). Skipped, with the reason, where namespaces
// cannot be created or tcpdump / dhclient are missing.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import { captureCollector, captureOptions } from "../../agent/collectors/capture";
import type { Collector, CollectorResult } from "../../agent/collectors/types";

const id = process.pid % 100_000;
const NS_A = `agcap${id}a`;
const NS_B = `agcap${id}b`;
const VETH_A = `agv${id}a`;
const VETH_B = `agv${id}b`;
const SUBNET = `10.250.${id % 250}`;

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 10_000 });
const inNs = (ns: string, args: string[]) => run("ip", ["netns", "exec", ns, ...args]);

function whyNot(): string | null {
  for (const tool of ["tcpdump", "dhclient"]) {
    try {
      run("sh", ["-c", `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed`;
    }
  }
  try {
    run("ip", ["netns", "add", NS_A]);
  } catch (error) {
    return `cannot create a network namespace (${String((error as { stderr?: string }).stderr ?? error).trim()}); run as root or with CAP_SYS_ADMIN`;
  }
  return null;
}

const skipReason = whyNot();
if (skipReason) console.warn(`agent-capture: skipped: ${skipReason}`);

let dir: string;
let collector: Collector | undefined;
let witness: ChildProcess | undefined;
let witnessText = "";
let macB = "";

function setUpNamespaces() {
  run("ip", ["netns", "add", NS_B]);
  run("ip", ["link", "add", VETH_A, "type", "veth", "peer", "name", VETH_B]);
  run("ip", ["link", "set", VETH_A, "netns", NS_A]);
  run("ip", ["link", "set", VETH_B, "netns", NS_B]);
  run("ip", ["-n", NS_A, "addr", "add", `${SUBNET}.1/24`, "dev", VETH_A]);
  run("ip", ["-n", NS_B, "addr", "add", `${SUBNET}.2/24`, "dev", VETH_B]);
  for (const [ns, dev] of [[NS_A, VETH_A], [NS_B, VETH_B]]) run("ip", ["-n", ns, "link", "set", dev, "up"]);
  macB = JSON.parse(run("ip", ["-n", NS_B, "-j", "link", "show", VETH_B]))[0].address;
}

beforeAll(async () => {
  if (skipReason) return;
  dir = mkdtempSync(join(tmpdir(), "agent-capture-"));
  setUpNamespaces();
  // An independent reading of the same DISCOVER: tcpdump's own decoding, as text.
  witness = spawn("ip", ["netns", "exec", NS_A, "tcpdump", "-i", VETH_A, "-l", "-n", "-vv", "-c", "1", "udp src port 68"], { stdio: ["ignore", "pipe", "ignore"] });
  witness.stdout!.on("data", (chunk: Buffer) => (witnessText += chunk.toString("utf8")));
  collector = captureCollector(captureOptions.parse({ enabled: true, interface: VETH_A }), { commandPrefix: ["ip", "netns", "exec", NS_A] });
  await collector.start!();
  await new Promise((r) => setTimeout(r, 2000)); // both tcpdumps open the interface
  try {
    inNs(NS_B, ["timeout", "4", "dhclient", "-1", "-d", "-v", "-sf", "/bin/true", "-pf", join(dir, "pid"), "-lf", join(dir, "leases"), VETH_B]);
  } catch {
    // timeout ends dhclient (nobody answers it) with status 124: expected
  }
  try {
    inNs(NS_B, ["bash", "-c", `exec 3<>/dev/tcp/${SUBNET}.1/9`]); // a SYN; refused is fine
  } catch {
    // connection refused: the SYN went out, which is all we need
  }
  await new Promise((r) => setTimeout(r, 500));
});

afterAll(async () => {
  await collector?.stop?.();
  if (witness && witness.exitCode === null) witness.kill();
  for (const ns of [NS_A, NS_B]) {
    try {
      run("ip", ["netns", "del", ns]); // deleting a namespace deletes its end of the veth, and so the pair
    } catch {
      // never created
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The option-55 codes tcpdump printed: "Subnet-Mask (1), BR (28), …" after "Parameter-Request (55)". */
function witnessedParameterList(text: string): string {
  const block = text.split("Parameter-Request (55)")[1]?.split(/\n\s*[A-Z][\w-]* \(\d+\), length/)[0] ?? "";
  return [...block.split("\n").slice(1).join(" ").matchAll(/\((\d+)\)/g)].map((m) => m[1]).join(",");
}

describe("capture collector in a namespace pair", () => {
  it.skipIf(!!skipReason)("reports ns B's DHCP option-55 list, hostname and SYN signature under its MAC", async () => {
    const result: CollectorResult = await collector!.collect(new Date());
    expect(result.problems).toEqual([]);
    const mine = result.observations.filter((o) => o.claimed?.mac === macB);
    expect(mine).toHaveLength(1);
    const ethernet = mine[0].physical!.ethernet!;
    const expectedList = witnessedParameterList(witnessText);
    expect(expectedList).toMatch(/^\d+(,\d+)+$/);
    expect(ethernet.dhcpFingerprint).toBe(expectedList);
    const vendorClass = /Vendor-Class \(60\), length \d+: "([^"]*)"/.exec(witnessText)?.[1];
    expect(ethernet.dhcpVendorClass).toBe(vendorClass);
    const hostname = /Hostname \(12\), length \d+: "([^"]*)"/.exec(witnessText)?.[1];
    expect(mine[0].claimed?.hostname).toBe(hostname);
    expect(ethernet.ttl).toBe(64);
    expect(ethernet.tcpSignature).toMatch(/^4:64\+0:0:\d+:/);
    expect(mine[0].claimed?.ip).toBe(`${SUBNET}.2`);
    expect(observationSchema.safeParse(mine[0]).success).toBe(true);
  });
});
