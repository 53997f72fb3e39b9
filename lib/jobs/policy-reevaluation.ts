// A changed policy acts at once: the devices it covers are re-evaluated from what is stored (no
// new report needed), with the very decision ingestion makes (lib/domain/identity/policy-verdict),
// in batches in the background. Each batch writes its status changes, raises or closes the
// "unauthorized" alerts as ingestion would, and moves the job's cursor in one transaction, so a
// crash leaves a job that continues where it stopped. A lease on the job row keeps two server
// instances from working the same job; a dead holder's lease expires.
import { randomUUID } from "node:crypto";
import { raiseAlerts, resolveCleared } from "../db/alert-writes";
import { bulkTarget, type Target } from "../db/bulk";
import type { Db, Prisma } from "../db/client";
import { unauthorizedEvidenceKey } from "../domain/identity/alert-evidence";
import { emptyTally, storedStatusChanges, tallyChanges, type ChangeTally, type PlacedPolicy, type StoredForPolicy, type StoredStatusChange } from "../domain/identity/policy-verdict";
import type { AlertInput } from "../domain/words/alert-kinds";
import { log } from "../ops/log";

export const REEVALUATION_BATCH = 500;
const LEASE_MS = 60_000;

/** Which devices a change covers: the ids of their sites, or null for every device. */
export type PolicyScope = string[] | null;
type Tx = Pick<Db, "device" | "fingerprint" | "policy" | "alert" | "policyEvaluation">;

/** The sites a policy applies in (a segment's site for a segment policy), or null for a policy of every site. */
export async function policyScope(db: Pick<Db, "segment">, policy: { siteId: string | null; segmentId: string | null }): Promise<PolicyScope> {
  if (policy.segmentId) {
    const segment = await db.segment.findUnique({ where: { id: policy.segmentId }, select: { siteId: true } });
    return segment ? [segment.siteId] : [];
  }
  return policy.siteId ? [policy.siteId] : null;
}

/** Both scopes of a change (before and after): every device either covers. */
export function unionScope(...scopes: PolicyScope[]): PolicyScope {
  if (scopes.some((s) => s === null)) return null;
  return [...new Set(scopes.flatMap((s) => s ?? []))];
}

function scopeWhere(scope: PolicyScope): Prisma.DeviceWhereInput {
  return scope === null ? {} : { OR: [{ siteId: { in: scope } }, { segment: { siteId: { in: scope } } }] };
}

const DEVICE_FIELDS = {
  id: true, displayName: true, status: true, statusRule: true, spoofSuspected: true, category: true, vendor: true, siteId: true, segmentId: true,
  usbVendorId: true, usbProductId: true, usbSerial: true, currentFingerprintId: true, registerLink: { select: { assetId: true } }, segment: { select: { siteId: true } },
} as const;

/** The next batch of devices in scope after `cursor`, in id order, as the decision needs them. */
async function deviceBatch(tx: Tx, scope: PolicyScope, cursor: string): Promise<StoredForPolicy[]> {
  const rows = await tx.device.findMany({ where: { AND: [scopeWhere(scope), { id: { gt: cursor } }] }, orderBy: { id: "asc" }, take: REEVALUATION_BATCH, select: DEVICE_FIELDS });
  const fpIds = rows.flatMap((r) => (r.currentFingerprintId ? [r.currentFingerprintId] : []));
  const fps: Fingerprints = fpIds.length ? await fingerprints(tx, fpIds) : new Map();
  return rows.map((r) => storedOf(r, fps));
}

type DeviceRow = Prisma.DeviceGetPayload<{ select: typeof DEVICE_FIELDS }>;
type Fingerprints = Map<string, { hash: string; attributes: unknown }>;

/** A device as the decision takes it: its segment's site, its register link, its fingerprint. */
function storedOf({ segment, currentFingerprintId, registerLink, ...r }: DeviceRow, fps: Fingerprints): StoredForPolicy {
  return { ...r, assetId: registerLink?.assetId ?? null, siteId: segment?.siteId ?? r.siteId, fingerprint: currentFingerprintId ? (fps.get(currentFingerprintId) ?? null) : null };
}

async function fingerprints(tx: Tx, ids: string[]) {
  const rows = await tx.fingerprint.findMany({ where: { id: { in: ids } }, select: { id: true, hash: true, attributes: true } });
  return new Map(rows.map((f) => [f.id, { hash: f.hash, attributes: f.attributes as unknown }]));
}

/** Every enabled policy with its place, as ingestion loads them. */
export async function enabledPolicies(tx: Pick<Db, "policy">): Promise<PlacedPolicy[]> {
  const rows = await tx.policy.findMany({ where: { enabled: true }, select: { id: true, name: true, kind: true, rules: true, siteId: true, segmentId: true } });
  return rows as unknown as PlacedPolicy[];
}

// ─── Dry run ─────────────────────────────────────────────────────────────────────────────────

/** A policy as it would be after the change (null: deleted or disabled), and the id it replaces. */
export type ProposedChange = { replaces: string | null; proposed: PlacedPolicy | null; scope: PolicyScope };
export type PreviewResult = ChangeTally & { devices: number };

/** What saving would change, by the same decision as the real re-evaluation, writing nothing. */
export async function previewPolicyChange(db: Db, change: ProposedChange): Promise<PreviewResult> {
  const current = (await enabledPolicies(db)).filter((p) => p.id !== change.replaces);
  const policies = change.proposed ? [...current, change.proposed] : current;
  const tally = emptyTally();
  let devices = 0;
  for (let cursor = ""; ; ) {
    const batch = await deviceBatch(db, change.scope, cursor);
    devices += batch.length;
    tallyChanges(tally, storedStatusChanges(batch, policies));
    if (batch.length < REEVALUATION_BATCH) return { ...tally, devices };
    cursor = batch.at(-1)!.id;
  }
}

// ─── The job ─────────────────────────────────────────────────────────────────────────────────

/** Statuses of a job still to be worked. */
const UNFINISHED = ["queued", "running"];

/**
 * Queues a re-evaluation (inside the transaction that saves the policy, so neither happens without
 * the other). An unfinished job of the same policy is superseded: it stops where it is (a batch
 * under way finishes first), and the new job covers its devices too, since each job applies the
 * policies as they are when it runs. A quick edit-edit-edit runs one pass, not three.
 */
export async function queueReevaluation(tx: Pick<Db, "device" | "policyEvaluation">, job: { policyId: string; policyName: string; change: string; scope: PolicyScope }) {
  const older = await tx.policyEvaluation.findMany({ where: { policyId: job.policyId, status: { in: UNFINISHED } }, select: { id: true, siteIds: true }, take: 100 });
  const scope = unionScope(job.scope, ...older.map((o) => (o.siteIds as string[] | null) ?? null));
  if (older.length) {
    await tx.policyEvaluation.updateMany({
      where: { id: { in: older.map((o) => o.id) }, status: { in: UNFINISHED } },
      data: { status: "superseded", finishedAt: new Date(), leaseHolder: null, leaseUntil: null },
    });
  }
  const total = await tx.device.count({ where: scopeWhere(scope) });
  return tx.policyEvaluation.create({ data: { policyId: job.policyId, policyName: job.policyName, change: job.change, siteIds: scope ?? undefined, total } });
}

function unauthorizedAlert(c: StoredStatusChange, at: Date): AlertInput {
  return { kind: "unauthorized", severity: "high", title: `Unauthorized: ${c.device.displayName}`, detail: { reason: c.reason, rule: c.rule }, evidenceKey: unauthorizedEvidenceKey(c.rule), deviceId: c.device.id, at };
}

/**
 * Writes one batch's changes. A device whose status changed since it was read (a report or a
 * person got there first) is left alone: what they wrote was decided on the policies of now too.
 */
async function applyChanges(tx: Tx, target: Target, changes: StoredStatusChange[], at: Date): Promise<StoredStatusChange[]> {
  const applied: StoredStatusChange[] = [];
  for (const c of changes) {
    const written = await tx.device.updateMany({
      where: { id: c.device.id, status: c.device.status, statusRule: c.device.statusRule },
      data: { status: c.status, statusReason: c.reason, statusRule: c.rule, statusChangedAt: at, riskStale: true },
    });
    if (written.count === 1) applied.push(c);
  }
  await raiseAlerts(tx, target, applied.filter((c) => c.status === "unauthorized").map((c) => unauthorizedAlert(c, at)));
  const cleared = applied.filter((c) => c.status !== "unauthorized");
  await resolveCleared(tx, cleared.map((c) => ({ kind: "unauthorized" as const, deviceId: c.device.id, reason: `policy changed: ${c.reason}` })), at);
  // As a report would (forgetClearedEvidence): what a person resolved no longer stands, so the
  // condition coming back is a new alert.
  if (cleared.length) await tx.alert.updateMany({ where: { kind: "unauthorized", deviceId: { in: cleared.map((c) => c.device.id) }, heldEvidence: { not: null } }, data: { heldEvidence: null } });
  return applied;
}

/**
 * The policies' decision on the given devices as stored now, applied as a job's batch applies it:
 * for a change that is not a policy's (the asset reconciliation linked or unlinked a device with
 * the register, which a "registered only" baseline looks at). In id chunks, in one transaction each.
 */
export async function reevaluateDevices(db: Db, ids: string[], policies: PlacedPolicy[], at: Date = new Date()): Promise<StoredStatusChange[]> {
  const applied: StoredStatusChange[] = [];
  for (let i = 0; i < ids.length; i += REEVALUATION_BATCH) {
    const chunk = ids.slice(i, i + REEVALUATION_BATCH);
    applied.push(...(await db.$transaction(async (t) => {
      const tx = t as unknown as Db;
      const rows = await tx.device.findMany({ where: { id: { in: chunk } }, select: DEVICE_FIELDS });
      const fps = await fingerprints(tx, rows.flatMap((r) => (r.currentFingerprintId ? [r.currentFingerprintId] : [])));
      const devices = rows.map((r) => storedOf(r, fps));
      return applyChanges(tx, bulkTarget(db, t), storedStatusChanges(devices, policies), at);
    }, { maxWait: 30_000, timeout: 120_000 })));
  }
  return applied;
}

type Job = { id: string; siteIds: unknown; cursor: string };

/** Takes (or renews) the lease on a job: only when free, expired, or already ours. */
async function lease(db: Pick<Db, "policyEvaluation">, id: string, holder: string, now: Date): Promise<boolean> {
  const taken = await db.policyEvaluation.updateMany({
    where: { id, status: { in: UNFINISHED }, OR: [{ leaseHolder: null }, { leaseHolder: holder }, { leaseUntil: { lt: now } }] },
    data: { status: "running", leaseHolder: holder, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  });
  return taken.count === 1;
}

/** One batch of a job in one transaction; false when the job is finished (or no longer ours). */
async function runBatch(db: Db, job: Job, holder: string): Promise<boolean> {
  return db.$transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = new Date();
    if (!(await lease(tx, job.id, holder, now))) return false;
    const row = await tx.policyEvaluation.findUniqueOrThrow({ where: { id: job.id }, select: { cursor: true } });
    const batch = await deviceBatch(tx, (job.siteIds as string[] | null) ?? null, row.cursor);
    const applied = await applyChanges(tx, bulkTarget(db, t), storedStatusChanges(batch, await enabledPolicies(tx)), now);
    const counted = tallyChanges(emptyTally(), applied);
    const finished = batch.length < REEVALUATION_BATCH;
    await tx.policyEvaluation.update({
      where: { id: job.id },
      data: {
        cursor: batch.at(-1)?.id ?? row.cursor, done: { increment: batch.length },
        unauthorized: { increment: counted.unauthorized }, returned: { increment: counted.pending }, authorized: { increment: counted.authorized },
        ...(finished ? { status: "done", finishedAt: now, leaseHolder: null, leaseUntil: null } : {}),
      },
    });
    return !finished;
  }, { maxWait: 30_000, timeout: 120_000 });
}

/**
 * Works every queued or unfinished job, oldest first, batch by batch. Safe to call from several
 * places and instances at once (after a save, and from the scheduler): the lease decides.
 */
export async function runPolicyReevaluations(db: Db, holder: string = randomUUID()): Promise<number> {
  const jobs = await db.policyEvaluation.findMany({ where: { status: { in: UNFINISHED } }, orderBy: { createdAt: "asc" }, select: { id: true, siteIds: true, cursor: true }, take: 20 });
  let worked = 0;
  for (const job of jobs) {
    try {
      while (await runBatch(db, job, holder)) worked++;
    } catch (error) {
      // The cursor only moves with a written batch: the next pass retries from there.
      log.error("policy re-evaluation batch failed", { job: job.id, error: String(error) });
      await db.policyEvaluation.updateMany({ where: { id: job.id, leaseHolder: holder }, data: { leaseHolder: null, leaseUntil: null, error: String(error).slice(0, 500) } });
    }
  }
  return worked;
}
