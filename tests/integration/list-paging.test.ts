// The risk ranking, the review queue's two tabs and the unauthorized work queue page as the
// inventory does: first, next, previous and last pages (the previous and the last read the order
// backwards), a page size, and a result count exact up to the bound.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { countDecidedMatches, countPossibleMatches, listDecidedMatches, listPossibleMatches, parseReviewParams } from "@/lib/queries/match-review";
import { LAST_PAGE } from "@/lib/queries/page-params";
import { countRiskPriority, listRiskPriority, parseRiskParams } from "@/lib/queries/risk-priority";
import { countWorkQueue, getWorkQueue, parseQueueParams } from "@/lib/queries/work-queue";

const RANKED = 53;
const UNAUTHORIZED = 31;
const SPOOFED = 12;
const MATCHES = 47;
const DECISIONS = 29;
const id = (prefix: string, i: number) => `${prefix}-${String(i).padStart(3, "0")}`;

beforeAll(async () => {
  const db = getDb();
  const t0 = Date.parse("2026-11-01T00:00:00Z");
  await db.device.createMany({
    data: [
      // Runs of equal scores, so ties are broken by id across page edges.
      ...Array.from({ length: RANKED }, (_, i) => ({ id: id("rank", i), displayName: `Ranked ${i}`, riskScore: 10 + (i % 4) * 20, status: "authorized" })),
      ...Array.from({ length: UNAUTHORIZED }, (_, i) => ({ id: id("unauth", i), displayName: `Unauthorized ${i}`, riskScore: 80 + (i % 3), status: "unauthorized" })),
      // Spoof suspects that are not unauthorized: the queue's second part, merged into the first by score.
      ...Array.from({ length: SPOOFED }, (_, i) => ({ id: id("spoof", i), displayName: `Spoofed ${i}`, riskScore: 80 + (i % 3), status: "pending", spoofSuspected: true })),
      ...Array.from({ length: MATCHES }, (_, i) => ({ id: id("match", i), displayName: `Matched ${i}`, vendor: "Acme" })),
    ],
  });
  await db.vulnerability.createMany({ data: [{ id: "CVE-2026-0001" }, { id: "CVE-2026-0002" }] });
  await db.deviceVulnerability.createMany({
    // Every third match at the same time as the one before: ties broken by id.
    data: Array.from({ length: MATCHES }, (_, i) => ({ id: id("dv", i), deviceId: id("match", i), vulnerabilityId: "CVE-2026-0001", source: "csaf", status: "needs_review", matchedAt: new Date(t0 + (i - (i % 3 === 2 ? 1 : 0)) * 60_000) })),
  });
  await db.matchDecision.createMany({
    data: Array.from({ length: DECISIONS }, (_, i) => ({ id: id("md", i), deviceId: id("match", i), vulnerabilityId: "CVE-2026-0002", decision: i % 2 ? "confirmed" : "dismissed", decidedBy: "analyst@example.org", decidedAt: new Date(t0 + (i - (i % 2)) * 60_000) })),
  });
});

type Page = { ids: string[]; next?: string; previous?: string };
type Read = (cursor: string | undefined, size: number) => Promise<Page>;

const risk: Read = async (after, size) => {
  const p = await listRiskPriority(parseRiskParams(after ? { after } : {}), new Date(), size);
  return { ids: p.devices.map((d) => d.id), next: p.nextCursor, previous: p.previousCursor };
};
const possible: Read = async (cursor, size) => {
  const p = await listPossibleMatches(parseReviewParams(cursor ? { cursor } : {}), size);
  return { ids: p.matches.map((m) => m.id), next: p.nextCursor, previous: p.previousCursor };
};
const decided: Read = async (cursor, size) => {
  const p = await listDecidedMatches(parseReviewParams({ tab: "decided", ...(cursor ? { cursor } : {}) }), size);
  return { ids: p.decisions.map((d) => d.id), next: p.nextCursor, previous: p.previousCursor };
};
const queue: Read = async (cursor, size) => {
  const p = await getWorkQueue(parseQueueParams(cursor ? { cursor } : {}), undefined, size);
  return { ids: p.devices.map((d) => d.id), next: p.nextCursor, previous: p.previousCursor };
};

async function forwards(read: Read, size: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor, size);
    out.push(...page.ids);
    cursor = page.next;
  } while (cursor);
  return out;
}

async function backwards(read: Read, size: number): Promise<string[]> {
  const pages: string[][] = [];
  let cursor: string | undefined = LAST_PAGE;
  while (cursor) {
    const page = await read(cursor, size);
    pages.unshift(page.ids);
    cursor = page.previous;
  }
  return pages.flat();
}

const LISTS: [string, Read, number][] = [
  ["the risk ranking", risk, RANKED + UNAUTHORIZED + SPOOFED],
  ["the review queue's possible matches", possible, MATCHES],
  ["the review queue's decided tab", decided, DECISIONS],
  ["the unauthorized work queue", queue, UNAUTHORIZED + SPOOFED],
];

describe.each(LISTS)("%s", (_, read, total) => {
  it("reads the same rows from the last page backwards as from the first forwards, each once", async () => {
    const all = await forwards(read, 7);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(await backwards(read, 7)).toEqual(all);
  });

  it("goes back a page with previous; the first has no previous, the last no next", async () => {
    const first = await read(undefined, 10);
    expect(first.previous).toBeUndefined();
    const second = await read(first.next, 10);
    const back = await read(second.previous, 10);
    expect(back.ids).toEqual(first.ids);
    expect(back.previous).toBeUndefined();
    expect(back.next).toBeDefined();
    const last = await read(LAST_PAGE, 10);
    const all = await forwards(read, 100);
    expect(last.ids).toEqual(all.slice(-10));
    expect(last.next).toBeUndefined();
    const beforeLast = await read(last.previous, 10);
    expect(beforeLast.ids).toEqual(all.slice(-20, -10));
    expect(beforeLast.next).toBeDefined();
    expect((await read(beforeLast.next, 10)).ids).toEqual(last.ids);
  });
});

describe("page sizes", () => {
  it("take a size from the list offered, and the default for any other", async () => {
    expect((await listRiskPriority(parseRiskParams({ size: "25" }))).devices).toHaveLength(25);
    expect((await listRiskPriority(parseRiskParams({ size: "7" }))).devices).toHaveLength(50);
    expect((await listPossibleMatches(parseReviewParams({ size: "25" }))).matches).toHaveLength(25);
    expect((await listDecidedMatches(parseReviewParams({ tab: "decided", size: "25" }))).decisions).toHaveLength(25);
    expect((await getWorkQueue(parseQueueParams({ size: "25" }))).devices).toHaveLength(25);
    expect((await getWorkQueue(parseQueueParams({ size: "100" }))).devices).toHaveLength(UNAUTHORIZED + SPOOFED);
  });
});

describe("result counts", () => {
  it("count every page of each list, whatever page is shown", async () => {
    const exact = (count: number) => ({ count, more: false });
    expect(await countRiskPriority(parseRiskParams({ after: LAST_PAGE }))).toEqual(exact(RANKED + UNAUTHORIZED + SPOOFED));
    expect(await countPossibleMatches(parseReviewParams({}))).toEqual(exact(MATCHES));
    expect(await countDecidedMatches(parseReviewParams({ tab: "decided" }))).toEqual(exact(DECISIONS));
    expect(await countWorkQueue(parseQueueParams({}))).toEqual(exact(UNAUTHORIZED + SPOOFED));
    expect(await countWorkQueue(parseQueueParams({ reason: "spoof" }))).toEqual(exact(SPOOFED));
  });

  it("narrow the decided tab's count with its filters", async () => {
    await getDb().device.updateMany({ where: { id: { in: [id("match", 0), id("match", 1), id("match", 2)] } }, data: { vendor: "Other" } });
    expect(await countDecidedMatches(parseReviewParams({ tab: "decided", vendor: "Other" }))).toEqual({ count: 3, more: false });
    expect((await listDecidedMatches(parseReviewParams({ tab: "decided", vendor: "Other" }))).decisions).toHaveLength(3);
    await getDb().device.updateMany({ where: { vendor: "Other" }, data: { vendor: "Acme" } });
  });
});

describe("the Decided tab under a site filter, with many decided devices", () => {
  // On SQLite the ORM binds at most 999 values a statement: a filter that named the decided
  // devices as an id list failed past about 900 of them (P2029).
  it("counts and pages 1,200 decisions of one site", async () => {
    const db = getDb();
    const site = await db.site.create({ data: { name: "Decided Campus" } });
    const n = Array.from({ length: 1_200 }, (_, i) => i);
    await db.device.createMany({ data: n.map((i) => ({ id: `many-${i}`, displayName: `Many ${i}`, siteId: site.id })) });
    await db.matchDecision.createMany({ data: n.map((i) => ({ deviceId: `many-${i}`, vulnerabilityId: "CVE-2026-0001", decision: "dismissed", decidedBy: "analyst@example.org" })) });
    const p = parseReviewParams({ tab: "decided", site: site.id });
    expect(await countDecidedMatches(p)).toEqual({ count: 1_200, more: false });
    const page = await listDecidedMatches(p, 50);
    expect(page.decisions).toHaveLength(50);
    expect(page.decisions.every((d) => d.deviceId.startsWith("many-"))).toBe(true);
  });
});
