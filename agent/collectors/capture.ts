// Passive DHCP and TCP fingerprints: listens with tcpdump on one interface for DHCP client
// messages and TCP SYNs, and reports per sender MAC the option-55 list, vendor class, hostname
// and the SYN's p0f style signature. It never sends a packet and keeps no payload.
import { spawn, type ChildProcess } from "node:child_process";
import { z } from "zod";
import { observationSchema } from "../../lib/domain/protocol/agent-report";
import type { AgentObservation, Collector, CollectorProblem } from "./types";
import { PcapStreamReader } from "./capture-pcap";
import { parseFrame, type FrameFacts } from "./capture-packets";

export const captureOptions = z
  .object({
    enabled: z.boolean().default(false),
    /** The interface to listen on (a SPAN port, or the sensor's own segment). */
    interface: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$/, "must be an interface name, e.g. eth1").optional(),
    tcpdumpPath: z.string().min(1).max(4096).default("tcpdump"),
    /** Bytes kept per packet: enough for DHCP options and TCP headers, never a whole payload. */
    snaplen: z.int().min(256).max(65535).default(512),
  })
  .refine((o) => !o.enabled || !!o.interface, { path: ["interface"], message: "capture needs an interface when enabled" });

export type CaptureOptions = z.output<typeof captureOptions>;

/** For tests and wrappers: words put before tcpdump (e.g. `ip netns exec ns1`). */
export type CaptureDeps = { commandPrefix?: string[] };

/** DHCP client messages (BOOTP client → server port) and SYNs without ACK, tagged or not. */
const FILTER_CORE = "(udp src port 68 and udp dst port 67) or (tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn)";
export const CAPTURE_FILTER = `(${FILTER_CORE}) or (vlan and (${FILTER_CORE}))`;

/** Senders kept between two collects; far above a segment's devices, well below a report's 5000. */
const MAX_SENDERS = 4096;
const STDERR_TAIL = 600;

type Sender = { observedAt: number; dhcp?: Extract<FrameFacts, { kind: "dhcp" }>["dhcp"]; syn?: Extract<FrameFacts, { kind: "syn" }> };

export function tcpdumpArgs(options: CaptureOptions): string[] {
  return ["-i", options.interface!, "-U", "--immediate-mode", "-n", "-s", String(options.snaplen), "-w", "-", CAPTURE_FILTER];
}

/** The observation for one sender: what its DHCP and SYN packets measured, keyed by its MAC. */
export function senderObservation(mac: string, sender: Sender): AgentObservation {
  const { dhcp, syn } = sender;
  const ethernet = {
    ...(dhcp?.parameterList ? { dhcpFingerprint: dhcp.parameterList.join(",") } : {}),
    ...(dhcp?.vendorClass ? { dhcpVendorClass: dhcp.vendorClass } : {}),
    ...(syn ? { ttl: syn.syn.ttl, tcpSignature: syn.syn.signature } : {}),
  };
  return {
    observedAt: new Date(sender.observedAt).toISOString(),
    channel: "ethernet",
    claimed: { mac, ...(dhcp?.hostname ? { hostname: dhcp.hostname } : {}), ...(syn ? { ip: syn.sourceIp } : {}) },
    physical: { ethernet },
  };
}

/**
 * Adds what one frame says to its sender's entry. A SYN is attributed only when it comes from
 * the local segment (0 hops from its guessed initial TTL): a routed SYN carries the router's MAC.
 */
export function recordFrame(senders: Map<string, Sender>, facts: FrameFacts, timestampMs: number): boolean {
  if (facts.kind === "syn" && facts.syn.hops !== 0) return true;
  const existing = senders.get(facts.sourceMac);
  if (!existing && senders.size >= MAX_SENDERS) return false;
  const sender: Sender = existing ?? { observedAt: timestampMs };
  sender.observedAt = Math.max(sender.observedAt, timestampMs);
  if (facts.kind === "dhcp") sender.dhcp = { ...sender.dhcp, ...facts.dhcp };
  else sender.syn = facts;
  senders.set(facts.sourceMac, sender);
  return true;
}

function explainExit(options: CaptureOptions, code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const why = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  const said = stderr.trim() ? `: ${stderr.trim().split("\n").slice(-2).join(" / ")}` : "";
  const hint = /permission|not permitted|capabilit/i.test(stderr)
    ? " Give the agent CAP_NET_RAW (systemd: AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN) or run tcpdump with setcap cap_net_raw,cap_net_admin+eip."
    : "";
  return `tcpdump on ${options.interface} ${why}${said}.${hint} Retrying at the next collect.`;
}

export function captureCollector(options: CaptureOptions, deps: CaptureDeps = {}): Collector {
  let child: ChildProcess | null = null;
  let senders = new Map<string, Sender>();
  let problems: CollectorProblem[] = [];
  let dropped = 0;
  const where = `capture ${options.interface ?? ""}`.trim();

  function launch() {
    const [command, ...prefixArgs] = [...(deps.commandPrefix ?? []), options.tcpdumpPath];
    const proc = spawn(command, [...prefixArgs, ...tcpdumpArgs(options)], { stdio: ["ignore", "pipe", "pipe"] });
    const reader = new PcapStreamReader();
    let stderr = "";
    child = proc;
    proc.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL)));
    proc.stdout!.on("data", (chunk: Buffer) => {
      try {
        for (const packet of reader.push(chunk)) {
          const facts = parseFrame(packet.data, packet.linkType);
          if (facts && !recordFrame(senders, facts, packet.timestampMs)) dropped++;
        }
      } catch (error) {
        problems.push({ where, message: `unreadable output from tcpdump (${(error as Error).message}); restarting it` });
        proc.kill();
      }
    });
    proc.on("error", (error: NodeJS.ErrnoException) => {
      const message =
        error.code === "ENOENT"
          ? `${options.tcpdumpPath} not found: install tcpdump (Debian: apt-get install tcpdump) or set capture.tcpdumpPath`
          : `cannot start ${options.tcpdumpPath}: ${error.message}`;
      problems.push({ where, message });
      if (child === proc) child = null;
    });
    // "close", not "exit": only then has all of tcpdump's stderr been read (on "exit" the reason it
    // gave, e.g. no permission to capture, may still be in the pipe).
    proc.on("close", (code, signal) => {
      if (child !== proc) return; // stopped on purpose
      child = null;
      problems.push({ where, message: explainExit(options, code, signal, stderr) });
    });
  }

  return {
    name: "capture",
    async start() {
      if (options.enabled && !child) launch();
    },
    async collect() {
      if (!options.enabled) return { observations: [], problems: [] };
      const taken = senders;
      senders = new Map();
      const result = { observations: [] as AgentObservation[], problems };
      problems = [];
      for (const [mac, sender] of taken) {
        const observation = senderObservation(mac, sender);
        if (observationSchema.safeParse(observation).success) result.observations.push(observation);
      }
      if (dropped) result.problems.push({ where, message: `${dropped} packets from senders beyond the first ${MAX_SENDERS} were not kept` });
      dropped = 0;
      if (!child) launch(); // a tcpdump that died (or never started) is retried at every collect
      return result;
    },
    async stop() {
      const proc = child;
      child = null;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => proc.kill("SIGKILL"), 2000);
        const done = () => (clearTimeout(timer), resolve());
        proc.once("exit", done);
        proc.once("error", done); // it never started (ENOENT): there is nothing to wait for
        if (proc.pid === undefined) setImmediate(done);
        else proc.kill("SIGTERM");
      });
    },
  };
}
