// The hospital's network layout: which segments exist, how many devices each holds, which agent
// watches it, and how addresses, switch ports and hostnames are numbered on it.
import { SEGMENT_TEMPLATES, WARD_TEMPLATE, type SegmentTemplate } from "./catalog";
import { apportion } from "./prng";

export type Segment = {
  /** e.g. "ICU-VLAN-20", "WARD-4N-VLAN-24" */
  name: string;
  /** Lower-case stem of its switches' names: sw-<code>-<n>. */
  code: string;
  /** Department in hostnames: INFUSION-<dept>-017. */
  dept: string;
  vlan: number;
  /** Position in the layout; decides the address block 10.<index+1>.0.0/16. */
  index: number;
  agent: number;
  /** Network devices on it, its switches included. */
  size: number;
  switches: number;
  mix: Record<string, number>;
  /** Clinical segments get clinical USB peripherals (barcode scanners for medication). */
  clinical: boolean;
};

/** A realistic VLAN holds a few thousand devices; bigger hospitals get more segments. */
const SEGMENT_CAPACITY = 4000;
const MAX_SEGMENTS = 250;
const WARD_SIZE = 450;
/** Wired devices per access switch: ports 1–44; 45–47 stay free (spares), 48 is the uplink. */
export const PORTS_PER_SWITCH = 44;
const SPARE_PORTS = [45, 46, 47];
const WINGS = ["N", "S", "E", "W"];

/** Ward VLANs fill the gaps between the departments' round numbers: 24, 25, … 29, 31, … */
function vlanAllocator(): () => number {
  const used = new Set(SEGMENT_TEMPLATES.map((t) => t.vlan));
  let next = WARD_TEMPLATE.vlan;
  return () => {
    while (used.has(next) || next % 10 === 0) next += 1;
    used.add(next);
    return next;
  };
}

type Planned = { template: SegmentTemplate; size: number; dept: string; part: number };

/** Fixed departments split into parts ("ICU", "ICU-B2", …) when they outgrow one VLAN. */
function departmentParts(template: SegmentTemplate, size: number, capacity: number): Planned[] {
  const parts = Math.max(1, Math.ceil(size / capacity));
  return apportion(size, Array(parts).fill(1)).map((n, part) => ({ template, size: n, dept: part === 0 ? template.code : `${template.code}-B${part + 1}`, part }));
}

/** Wards are numbered from the 4th floor up, four wings a floor: 4N, 4S, 4E, 4W, 5N, … */
function wards(size: number, minimum: number, capacity: number): Planned[] {
  const count = Math.max(2, minimum, Math.ceil(size / Math.min(WARD_SIZE * 2, capacity)), Math.round(size / WARD_SIZE));
  return apportion(size, Array(count).fill(1)).map((n, k) => ({ template: WARD_TEMPLATE, size: n, dept: `${4 + Math.floor(k / WINGS.length)}${WINGS[k % WINGS.length]}`, part: k }));
}

function toSegment(p: Planned, index: number, agents: number, vlanFor: () => number): Segment {
  const isWard = p.template === WARD_TEMPLATE;
  const vlan = isWard || p.part > 0 ? vlanFor() : p.template.vlan;
  const code = isWard ? `WARD-${p.dept}` : p.dept;
  return {
    name: `${code}-VLAN-${vlan}`,
    code: code.toLowerCase(),
    dept: p.dept,
    vlan,
    index,
    agent: index % agents,
    size: p.size,
    switches: p.size > 0 ? Math.ceil(p.size / (PORTS_PER_SWITCH + 1)) : 0,
    mix: p.template.mix,
    clinical: !["IT", "PACS"].includes(p.template.code),
  };
}

/**
 * Splits the hospital's network devices over departments and wards by their usual shares, then
 * hands segments to agents round robin (each agent is the sensor on its segments' VLANs).
 */
export function layoutSegments(networkDevices: number, agents: number): Segment[] {
  const capacity = Math.max(SEGMENT_CAPACITY, Math.ceil(networkDevices / (MAX_SEGMENTS - 10)));
  const templates = [...SEGMENT_TEMPLATES, WARD_TEMPLATE];
  const sizes = apportion(networkDevices, templates.map((t) => t.share));
  const fixed = SEGMENT_TEMPLATES.flatMap((t, i) => departmentParts(t, sizes[i], capacity));
  const planned = [...fixed, ...wards(sizes[sizes.length - 1], agents - fixed.length, capacity)];
  const vlanFor = vlanAllocator();
  return planned.map((p, index) => toSegment(p, index, agents, vlanFor));
}

/** Host n of a segment (0-based): the first ten addresses are the gateway's and the switches'. */
export function ipFor(segment: Segment, n: number): string {
  const host = n + 10;
  return `10.${segment.index + 1}.${Math.floor(host / 250)}.${(host % 250) + 1}`;
}

export const switchName = (segment: Segment, k: number): string => `sw-${segment.code}-${k}`;

/** The n-th wired device of a segment (0-based) on its access switches. */
export function switchPortFor(segment: Segment, n: number): string {
  return `${switchName(segment, 1 + Math.floor(n / PORTS_PER_SWITCH))}/Gi1/0/${1 + (n % PORTS_PER_SWITCH)}`;
}

/** The k-th free port for something plugged in later (distinct for k < 3 × switches). */
export function sparePortFor(segment: Segment, k: number): string {
  const switches = Math.max(1, segment.switches);
  const port = SPARE_PORTS[Math.floor(k / switches) % SPARE_PORTS.length];
  return `${switchName(segment, 1 + (k % switches))}/Gi1/0/${port}`;
}

export const hostnameFor = (stem: string, segment: Segment, n: number): string => `${stem}-${segment.dept}-${String(n).padStart(3, "0")}`;
