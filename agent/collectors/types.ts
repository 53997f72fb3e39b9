// What every collector gives the agent: observations in the protocol's own shape (the schema the
// server validates with, lib/domain/protocol/agent-report.ts) and the problems it met. A collector
// never throws for something it could not read: it names it, and the rest of the report goes out.
import type { z } from "zod";
import type { observationSchema } from "../../lib/domain/protocol/agent-report";

/** One observation as an agent writes it (the schema's input: `action` may be left out). */
export type AgentObservation = z.input<typeof observationSchema>;

/** Something a collector could not read: what (a path, a host, an interface) and why, in words. */
export type CollectorProblem = { where?: string; message: string };

/** `notes`: information worth a log line that is not a problem (e.g. uplink ports left out). */
export type CollectorResult = { observations: AgentObservation[]; problems: CollectorProblem[]; notes?: string[] };

export type CollectorName = "usb" | "typingRate" | "neighbours" | "snmp" | "capture";

/**
 * A collector. `collect` is called once per report cycle. A collector that listens continuously
 * (typing rate, packet capture) starts in `start` and hands over what it gathered since the last
 * `collect`; `stop` releases what it holds (files, child processes, sockets).
 */
export interface Collector {
  readonly name: CollectorName;
  start?(): Promise<void>;
  collect(now: Date): Promise<CollectorResult>;
  stop?(): Promise<void>;
}

/** A collector's health as the report carries it (agent.collectors, a protocol extension). */
export type CollectorHealth = { name: CollectorName; ok: boolean; observations: number; problems: CollectorProblem[] };
