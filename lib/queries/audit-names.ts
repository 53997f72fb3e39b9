import "server-only";
// Names beside the ids in audit entries ("agent cmx90l…" reads "agent ICU-Collector-2"): one
// batched read per kind of object on the page, never one per entry. An object deleted since keeps
// only its id.
import { getDb } from "../db/client";

type Entry = { actorId: string | null; targetType: string; targetId: string | null };
type NameRead = (ids: string[]) => Promise<[id: string, name: string][]>;

const pairs = <T extends { id: string }>(rows: T[], name: (row: T) => string) => rows.map((r): [string, string] => [r.id, name(r)]);

const READS: Record<string, NameRead> = {
  device: async (ids) => pairs(await getDb().device.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }), (r) => r.displayName),
  agent: async (ids) => pairs(await getDb().agent.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (r) => r.name),
  site: async (ids) => pairs(await getDb().site.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (r) => r.name),
  segment: async (ids) => pairs(await getDb().segment.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, label: true } }), (r) => r.label ?? r.name),
  policy: async (ids) => pairs(await getDb().policy.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (r) => r.name),
  user: async (ids) => pairs(await getDb().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }), (r) => r.email),
  api_key: async (ids) => pairs(await getDb().apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (r) => r.name),
  syslog_target: async (ids) => pairs(await getDb().syslogTarget.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }), (r) => r.name),
  alert: async (ids) => pairs(await getDb().alert.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }), (r) => r.title),
};

export type AuditNames = {
  /** The name of the object an entry is about, when it still exists. */
  target: (type: string, id: string | null) => string | undefined;
  /** The e-mail of the account that made an entry, when it still exists. */
  actor: (id: string | null) => string | undefined;
};

/** The names of every person and object the given entries mention, read in one query per kind. */
export async function auditNames(entries: Entry[]): Promise<AuditNames> {
  const byType = new Map<string, Set<string>>();
  const add = (type: string, id: string | null) => {
    if (!id || !READS[type]) return;
    if (!byType.has(type)) byType.set(type, new Set());
    byType.get(type)!.add(id);
  };
  for (const e of entries) {
    add(e.targetType, e.targetId);
    add("user", e.actorId);
  }
  const found = await Promise.all([...byType].map(async ([type, ids]) => [type, new Map(await READS[type]([...ids]))] as const));
  const names = new Map(found);
  return {
    target: (type, id) => (id ? names.get(type)?.get(id) : undefined),
    actor: (id) => (id ? names.get("user")?.get(id) : undefined),
  };
}

/** Why a person did it, as the command kept it in the entry (a reason, or a note). */
export function auditReason(after: unknown): string | undefined {
  if (!after || typeof after !== "object" || Array.isArray(after)) return undefined;
  const kept = after as Record<string, unknown>;
  for (const key of ["reason", "note", "resolvedReason"]) {
    const value = kept[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return undefined;
}
