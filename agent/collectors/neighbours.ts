// Network neighbours from the host's own tables: whom this sensor has talked to at layer 2
// (`ip -j neigh`, or /proc/net/arp where iproute2 is missing), and the sensor's own interfaces
// with the link speed and duplex the kernel negotiated. Nothing is sent on the wire. Entries on a
// wireless interface are reported on the "wifi" channel, the rest on "ethernet".
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { z } from "zod";
import { isPlaceholderMac, normalizeMac } from "../../lib/domain/identity/mac";
import type { AgentObservation, Collector, CollectorProblem, CollectorResult } from "./types";

export const neighbourOptions = z.object({
  enabled: z.boolean().default(true),
  /** "auto": `ip` when it is installed, else /proc/net/arp. */
  source: z.enum(["auto", "ip", "proc"]).default("auto"),
  arpPath: z.string().max(4096).default("/proc/net/arp"),
  ipCommand: z.string().max(4096).default("ip"),
  sysfsRoot: z.string().max(4096).default("/sys"),
  /** Also report this host's own Ethernet interfaces (MAC, address, speed, duplex). */
  ownInterfaces: z.boolean().default(true),
});
export type NeighbourOptions = z.output<typeof neighbourOptions>;

/** What the collector touches, injectable so tests run on fixtures. */
export type NeighbourDeps = {
  run: (file: string, args: string[]) => Promise<string>;
  readText: (path: string) => Promise<string>;
  listDir: (path: string) => Promise<string[]>;
  hostname: () => string;
};

const IP_TIMEOUT_MS = 5_000;

const defaultDeps: NeighbourDeps = {
  // No shell: the command is one configured file name and fixed arguments.
  run: (file, args) =>
    new Promise((resolve, reject) => {
      execFile(file, args, { timeout: IP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
    }),
  readText: (path) => readFile(path, "utf8"),
  listDir: (path) => readdir(path),
  hostname,
};

type Neighbour = { mac: string; ip: string; dev: string };
type OwnInterface = { name: string; mac: string; ips: string[] };

/** States in which the kernel holds no usable link-layer address for the neighbour. */
const UNRESOLVED = new Set(["FAILED", "INCOMPLETE"]);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 300);
const isMissingCommand = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/** A MAC worth reporting: well-formed, not all-zero or broadcast, not a multicast group. */
function usableMac(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const mac = normalizeMac(raw);
  if (!mac || isPlaceholderMac(mac) || (parseInt(mac.slice(0, 2), 16) & 1) === 1) return null;
  return mac;
}

/** `ip -j neigh` → neighbours with a resolved link-layer address, loopback excluded. */
export function parseIpNeigh(json: string): Neighbour[] {
  const rows = JSON.parse(json) as Array<{ dst?: string; dev?: string; lladdr?: string; state?: string[] }>;
  const neighbours: Neighbour[] = [];
  for (const row of rows) {
    const mac = usableMac(row.lladdr);
    if (!mac || !row.dst || row.dev === "lo") continue;
    if ((row.state ?? []).some((state) => UNRESOLVED.has(state))) continue;
    neighbours.push({ mac, ip: row.dst, dev: row.dev ?? "" });
  }
  return neighbours;
}

/**
 * /proc/net/arp: "IP address  HW type  Flags  HW address  Mask  Device". Flags 0x2 (ATF_COM) means
 * the entry is complete; without it the kernel is still asking, or gave up.
 */
export function parseProcArp(text: string): Neighbour[] {
  const neighbours: Neighbour[] = [];
  for (const line of text.split("\n").slice(1)) {
    const [ip, , flags, hwAddress, , dev] = line.trim().split(/\s+/);
    const mac = usableMac(hwAddress);
    if (!mac || !ip || !dev || dev === "lo" || (parseInt(flags, 16) & 0x2) === 0) continue;
    neighbours.push({ mac, ip, dev });
  }
  return neighbours;
}

/** `ip -j link` (+ `ip -j addr` when given) → the host's own Ethernet interfaces that are up. */
export function parseIpLink(linkJson: string, addrJson?: string): OwnInterface[] {
  type Link = { ifname?: string; link_type?: string; address?: string; flags?: string[]; addr_info?: Array<{ local?: string; scope?: string }> };
  const addresses = new Map<string, string[]>();
  for (const link of addrJson ? (JSON.parse(addrJson) as Link[]) : []) {
    // Host-scope (loopback) and link-local addresses identify nothing beyond the segment.
    const ips = (link.addr_info ?? []).filter((a) => a.local && a.scope === "global").map((a) => a.local!);
    if (link.ifname) addresses.set(link.ifname, ips);
  }
  const own: OwnInterface[] = [];
  for (const link of JSON.parse(linkJson) as Link[]) {
    const mac = usableMac(link.address);
    if (!mac || !link.ifname || link.link_type !== "ether" || !(link.flags ?? []).includes("UP")) continue;
    own.push({ name: link.ifname, mac, ips: addresses.get(link.ifname) ?? [] });
  }
  return own;
}

/** One IP per MAC: the protocol carries one; an IPv4 address is what the inventory shows first. */
function byMac(neighbours: Neighbour[]): Map<string, Neighbour> {
  const chosen = new Map<string, Neighbour>();
  for (const n of neighbours) {
    const current = chosen.get(n.mac);
    if (!current || (!current.ip.includes(".") && n.ip.includes("."))) chosen.set(n.mac, n);
  }
  return chosen;
}

const firstIpv4First = (ips: string[]) => ips.find((ip) => ip.includes(".")) ?? ips[0];

export function neighboursCollector(options: NeighbourOptions, deps: NeighbourDeps = defaultDeps): Collector {
  // Each helper takes the cycle's own problem list: two overlapping collects never mix theirs.
  async function readNeighbours(problems: CollectorProblem[]): Promise<{ neighbours: Neighbour[]; viaIp: boolean }> {
    if (options.source !== "proc") {
      try {
        return { neighbours: parseIpNeigh(await deps.run(options.ipCommand, ["-j", "neigh"])), viaIp: true };
      } catch (error) {
        if (options.source === "ip") {
          problems.push({ where: `${options.ipCommand} -j neigh`, message: errorText(error) });
          return { neighbours: [], viaIp: true };
        }
        // "auto": a host without iproute2 is normal; any other failure is worth saying.
        if (!isMissingCommand(error)) problems.push({ where: `${options.ipCommand} -j neigh`, message: `${errorText(error)}; reading ${options.arpPath} instead` });
      }
    }
    try {
      return { neighbours: parseProcArp(await deps.readText(options.arpPath)), viaIp: false };
    } catch (error) {
      problems.push({ where: options.arpPath, message: errorText(error) });
      return { neighbours: [], viaIp: false };
    }
  }

  async function readOwnInterfaces(viaIp: boolean, problems: CollectorProblem[]): Promise<OwnInterface[]> {
    if (viaIp) {
      try {
        const link = await deps.run(options.ipCommand, ["-j", "link"]);
        const addr = await deps.run(options.ipCommand, ["-j", "addr"]).catch(() => undefined);
        return parseIpLink(link, addr);
      } catch (error) {
        problems.push({ where: `${options.ipCommand} -j link`, message: errorText(error) });
        return [];
      }
    }
    return readOwnInterfacesFromSysfs(problems);
  }

  /** Without `ip`: /sys/class/net/<if>/{type,address,flags}. type 1 is ARPHRD_ETHER; flags bit 0 is IFF_UP. */
  async function readOwnInterfacesFromSysfs(problems: CollectorProblem[]): Promise<OwnInterface[]> {
    const base = `${options.sysfsRoot}/class/net`;
    let names: string[];
    try {
      names = await deps.listDir(base);
    } catch (error) {
      problems.push({ where: base, message: errorText(error) });
      return [];
    }
    const own: OwnInterface[] = [];
    for (const name of names.sort()) {
      const read = (attr: string) => deps.readText(`${base}/${name}/${attr}`).then((s) => s.trim(), () => "");
      const [type, address, flags] = await Promise.all([read("type"), read("address"), read("flags")]);
      const mac = usableMac(address);
      if (mac && type === "1" && (parseInt(flags, 16) & 1) === 1) own.push({ name, mac, ips: [] });
    }
    return own;
  }

  /** Speed and duplex as the driver negotiated them; an interface with no link says -1 / "unknown", or refuses. */
  async function linkOf(name: string): Promise<{ linkSpeedMbps?: number; duplex?: "full" | "half" }> {
    const read = (attr: string) => deps.readText(`${options.sysfsRoot}/class/net/${name}/${attr}`).then((s) => s.trim(), () => "");
    const [speed, duplex] = await Promise.all([read("speed"), read("duplex")]);
    const mbps = Number(speed);
    return {
      ...(speed !== "" && Number.isFinite(mbps) && mbps > 0 ? { linkSpeedMbps: mbps } : {}),
      ...(duplex === "full" || duplex === "half" ? { duplex } : {}),
    };
  }

  /** Wi-Fi or wired, as the kernel types the interface: a wireless netdev's uevent says DEVTYPE=wlan. */
  async function channelOf(dev: string): Promise<"ethernet" | "wifi"> {
    const uevent = await deps.readText(`${options.sysfsRoot}/class/net/${dev}/uevent`).catch(() => "");
    return /^DEVTYPE=wlan$/m.test(uevent) ? "wifi" : "ethernet";
  }

  async function ownObservations(viaIp: boolean, observedAt: string, problems: CollectorProblem[]): Promise<AgentObservation[]> {
    const observations: AgentObservation[] = [];
    for (const own of await readOwnInterfaces(viaIp, problems)) {
      const ip = firstIpv4First(own.ips);
      const channel = await channelOf(own.name);
      // Speed and duplex are wired measurements; a Wi-Fi link's rate changes by the second.
      const ethernet = channel === "ethernet" ? await linkOf(own.name) : {};
      observations.push({
        observedAt,
        channel,
        claimed: { mac: own.mac, hostname: deps.hostname(), ...(ip ? { ip } : {}) },
        ...(Object.keys(ethernet).length > 0 ? { physical: { ethernet } } : {}),
      });
    }
    return observations;
  }

  return {
    name: "neighbours",
    // Re-read every cycle: the tables change under us (and the agent's outage test rewrites them).
    async collect(now: Date): Promise<CollectorResult> {
      const problems: CollectorProblem[] = [];
      const observedAt = now.toISOString();
      const { neighbours, viaIp } = await readNeighbours(problems);
      const own = options.ownInterfaces ? await ownObservations(viaIp, observedAt, problems) : [];
      const ownMacs = new Set(own.map((o) => o.claimed?.mac));
      const channels = new Map<string, "ethernet" | "wifi">();
      for (const dev of new Set(neighbours.map((n) => n.dev))) channels.set(dev, await channelOf(dev));
      const seen: AgentObservation[] = [...byMac(neighbours).values()]
        .filter((n) => !ownMacs.has(n.mac))
        .map((n) => ({ observedAt, channel: channels.get(n.dev) ?? "ethernet", claimed: { mac: n.mac, ip: n.ip } }));
      return { observations: [...own, ...seen], problems };
    },
  };
}
