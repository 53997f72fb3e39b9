// One feeds update at a time, across processes and server instances: a lease in the Setting
// table (key feeds.update.lease), taken by an atomic create or by a compare-and-swap of an
// expired value, released by its holder. A crashed holder's lease goes stale at its expiry.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { isUniqueViolation } from "../db/conflicts";

export const FEEDS_LEASE_KEY = "feeds.update.lease";
export const FEEDS_LEASE_MS = 60 * 60_000;

type LeaseValue = { holder: string; label: string; expiresAt: string };
export type Lease = { release(): Promise<void> };
export type LeaseRefusal = { heldBy: string; until: string };

function parse(value: string): LeaseValue | null {
  try {
    const v = JSON.parse(value) as LeaseValue;
    return typeof v?.expiresAt === "string" ? v : null;
  } catch {
    return null;
  }
}

/** Takes the lease, or says who holds it until when. */
export async function takeFeedsLease(db: Db, label: string, ms = FEEDS_LEASE_MS, attempt = 0): Promise<Lease | LeaseRefusal> {
  const mine: LeaseValue = { holder: randomUUID(), label, expiresAt: new Date(Date.now() + ms).toISOString() };
  const value = JSON.stringify(mine);
  const release = async () => {
    await db.setting.deleteMany({ where: { key: FEEDS_LEASE_KEY, value } });
  };
  try {
    await db.setting.create({ data: { key: FEEDS_LEASE_KEY, value } });
    return { release };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const current = await db.setting.findUnique({ where: { key: FEEDS_LEASE_KEY } });
  const held = current ? parse(current.value) : null;
  if (current && held && Date.parse(held.expiresAt) > Date.now()) return { heldBy: held.label, until: held.expiresAt };
  // Expired (or unreadable, or released meanwhile): claim it only if nobody else changed it first.
  if (!current) return attempt < 3 ? takeFeedsLease(db, label, ms, attempt + 1) : { heldBy: "another update", until: "" };
  const claimed = await db.setting.updateMany({ where: { key: FEEDS_LEASE_KEY, value: current.value }, data: { value } });
  if (claimed.count === 1) return { release };
  const now = await db.setting.findUnique({ where: { key: FEEDS_LEASE_KEY } });
  const other = now ? parse(now.value) : null;
  return { heldBy: other?.label ?? "another update", until: other?.expiresAt ?? "" };
}
