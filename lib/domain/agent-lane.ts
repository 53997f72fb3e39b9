// An agent's lane: the site it is enrolled for and, optionally, the segments (as it reports them)
// it may create or update devices on. And what it means when a second agent reports a device that
// another agent holds: the same network seen twice, a device that moved, or one that is duplicated.
// Pure: ingestion (lib/ingest) reads the rows, this decides.

/** The most segments one agent's lane may name, and the longest name (the protocol's network.segment). */
export const MAX_LANE_SEGMENTS = 64;
export const MAX_SEGMENT_NAME = 128;

/** null: every segment of the agent's site. */
export type LaneSegments = string[] | null;

/** The stored JSON column, read defensively: anything but a list of names means every segment. */
export function laneSegments(stored: unknown): LaneSegments {
  if (!Array.isArray(stored)) return null;
  const names = stored.filter((s): s is string => typeof s === "string" && s.length > 0);
  return names.length ? names : null;
}

/** Segment names as a person types them (commas or new lines), trimmed, without repeats. */
export function parseSegmentList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

/** Why an observation is outside the lane, or null when the agent may report it. */
export function outsideLane(segments: LaneSegments, segment: string | undefined): string | null {
  if (segments === null) return null;
  if (!segment) return `names no segment; this agent reports only on ${segments.join(", ")}`;
  return segments.includes(segment) ? null : `segment "${segment}" is outside this agent's lane (${segments.join(", ")})`;
}

export type LaneRefusal = { index: number; path: string; message: string };

/** Splits a report's observations (by their network.segment) into the indexes kept and the refusals. */
export function splitByLane(segments: LaneSegments, observationSegments: (string | undefined)[]): { kept: number[]; refused: LaneRefusal[] } {
  const kept: number[] = [];
  const refused: LaneRefusal[] = [];
  observationSegments.forEach((segment, index) => {
    const why = outsideLane(segments, segment);
    if (why) refused.push({ index, path: `observations.${index}.network.segment`, message: why });
    else kept.push(index);
  });
  return { kept, refused };
}

/** The agent a known device was last reported by, as far as its claim goes. */
export type DeviceHolder = { id: string; revokedAt: Date | null; lastSeenAt: Date | null; expectedInterval: number };

/**
 * What a report from `reporterId` may do to a known device:
 * - `update`: its own device, an unheld one, or the same segment seen by a second sensor;
 * - `moved`: the agent that held it is revoked, offline (two missed intervals) or its own snapshot
 *   said the device is gone, so the device follows the new agent;
 * - `duplicated`: another agent, online, still holds it on another segment. The device is not
 *   moved, renamed or taken over; people look (a clone, a spoof, or an agent outside its lane).
 */
export type Claim = "update" | "moved" | "duplicated";

export function classifyClaim(input: {
  reporterId: string;
  /** The segment this report places the device on; null when the observation names none. */
  reportedSegmentId: string | null;
  device: { segmentId: string | null; lastAgentId: string | null; notSeenAt: Date | null };
  holder: DeviceHolder | null;
  at: Date;
}): Claim {
  const { device, holder } = input;
  if (!device.lastAgentId || device.lastAgentId === input.reporterId) return "update";
  if (input.reportedSegmentId !== null && input.reportedSegmentId === device.segmentId) return "update";
  return holder && holdsStill(holder, device.notSeenAt, input.at) ? "duplicated" : "moved";
}

/** An agent still holds its device while it is enrolled, online, and has not reported the device gone. */
export function holdsStill(holder: DeviceHolder, notSeenAt: Date | null, at: Date): boolean {
  if (holder.revokedAt || !holder.lastSeenAt || notSeenAt) return false;
  return at.getTime() - holder.lastSeenAt.getTime() <= holder.expectedInterval * 2000;
}
