// What a planned firmware change would clear, before anyone approves it (issue 17). Nothing here
// estimates: a device's matches are the risk refresh's own (desiredMatches, then people's
// decisions), a CVE is closed when the matcher, run again with the target version, no longer
// finds it, and the score after is the risk model's score of the device without the closed CVEs.
// Pure: lib/vulns/change-preview.ts reads the facts the way the refresh does.
import { parseVersionRange } from "../vulns/versions";
import { compareVersions, versionsComparable } from "../vulns/version-order";
import { applyDecisions, type MatchDecisionFact } from "../vulns/decided-matches";
import { desiredMatches, deviceTarget, type DesiredMatch, type MatchContext, type MatchFacts } from "../vulns/device-matches";
import { scoreDevice, type ScoringContext, type ScoringFacts } from "../vulns/device-score";
import { matchProducts } from "../vulns/advisory-match";

export type DevicePreview = { deviceId: string; displayName: string; fromVersion: string | null; riskBefore: number; riskAfter: number; cvesClosed: string[]; cvesRemaining: number };
export type ChangePreview = { devices: DevicePreview[]; cvesClosed: string[]; riskBefore: number; riskAfter: number };
export type AdvisorySuggestion = { advisoryId: string; title: string; cves: string[]; fixedVersions: string[]; devices: number };
export type Suggestions = { advisories: AdvisorySuggestion[]; suggestedTarget: string | null };

/** A device as the risk refresh reads it (its matching and scoring facts, and people's decisions on its matches). */
export type PreviewDevice = MatchFacts & ScoringFacts & { id: string; displayName: string; decisions: MatchDecisionFact[] };
export type PreviewContext = MatchContext & ScoringContext;

/** The device's matches now, exactly as the refresh keeps them (CVEs the feeds know, people's decisions applied). */
export function currentMatches(d: PreviewDevice, ctx: PreviewContext): DesiredMatch[] {
  return applyDecisions(desiredMatches(d, ctx).filter((m) => ctx.vulns.has(m.cve)), d.decisions);
}

const distinct = (list: string[]) => [...new Set(list)].sort();

/** The CVEs matched now that the matcher no longer finds once the device runs the target. */
export function cvesClosedBy(d: PreviewDevice, now: DesiredMatch[], target: string, ctx: MatchContext): string[] {
  const still = new Set(desiredMatches({ ...d, firmwareVersion: target }, ctx).map((m) => m.cve));
  return distinct(now.map((m) => m.cve)).filter((cve) => !still.has(cve));
}

/** One device before and after the change: both scores by the same model, on the same day's facts. */
export function previewDevice(d: PreviewDevice, target: string, ctx: PreviewContext): DevicePreview {
  const now = currentMatches(d, ctx);
  const closed = cvesClosedBy(d, now, target, ctx);
  const gone = new Set(closed);
  const after = now.filter((m) => !gone.has(m.cve));
  return {
    deviceId: d.id,
    displayName: d.displayName,
    fromVersion: d.firmwareVersion ?? d.claimedFirmware,
    riskBefore: scoreDevice(d, now, ctx).result.score,
    riskAfter: scoreDevice(d, after, ctx).result.score,
    cvesClosed: closed,
    cvesRemaining: distinct(after.map((m) => m.cve)).length,
  };
}

/** The plan's preview: every device, the CVEs closed on any of them, the highest score before and after. */
export function summarizePreview(devices: DevicePreview[]): ChangePreview {
  const highest = (pick: (p: DevicePreview) => number) => devices.reduce((max, p) => Math.max(max, pick(p)), 0);
  const sorted = [...devices].sort((a, b) => b.riskBefore - a.riskBefore || a.displayName.localeCompare(b.displayName));
  return { devices: sorted, cvesClosed: distinct(devices.flatMap((p) => p.cvesClosed)), riskBefore: highest((p) => p.riskBefore), riskAfter: highest((p) => p.riskAfter) };
}

/** Versions ascending where they can be ordered, as written otherwise. */
export function byVersion(a: string, b: string): number {
  return versionsComparable(a, b) ? compareVersions(a, b) : a.localeCompare(b);
}

/**
 * The versions a range names on one side: the first unaffected ("<12.2" → 12.2) or where a fixed
 * range starts (">=12.2", "12.2"). Only versions the advisory wrote: "<= 12.2.x" reads as "< 12.3",
 * but nobody said a 12.3 exists.
 */
function boundsOf(range: string, ops: string[]): string[] {
  const parsed = parseVersionRange(range);
  if (parsed.kind !== "constraints") return [];
  return parsed.alternatives.flat().filter((c) => ops.includes(c.op) && range.toLowerCase().includes(c.version.toLowerCase())).map((c) => c.version);
}

/**
 * The versions the advisory's own statements give as fixing it for this device's product
 * (matched by name, whatever the device's version): its vendor fixes, the products it lists as
 * fixed, and the first version past an affected range's strict upper bound.
 */
export function fixedVersionsFor(d: MatchFacts, advisoryId: string, ctx: MatchContext): string[] {
  const product = { ...deviceTarget(d), version: null };
  const affected = matchProducts(product, ctx.index).filter((r) => r.advisoryId === advisoryId);
  const fixed = matchProducts(product, ctx.vendor.stated).filter((r) => r.advisoryId === advisoryId && ctx.vendor.statusOf.get(r.productId)?.status === "fixed");
  return distinct([
    ...affected.flatMap((r) => (ctx.vendor.remediationsOf.get(r.productId) ?? []).flatMap((n) => (n.fixes ? [n.fixes.version] : []))),
    ...affected.flatMap((r) => boundsOf(r.range, ["<"])),
    ...fixed.flatMap((r) => boundsOf(r.range, [">=", "="])),
  ]).sort(byVersion);
}

/**
 * The advisories matched on the devices, each with the versions that fix it, and the target to
 * suggest: of every fixed version, the one that closes the most CVEs over the devices (the
 * highest on a tie); none when no fixed version closes anything.
 */
export function suggestFromMatches(devices: PreviewDevice[], ctx: PreviewContext, titles: Map<string, string>): Suggestions {
  const byAdvisory = new Map<string, { cves: Set<string>; devices: Set<string>; fixed: Set<string> }>();
  const now = new Map(devices.map((d) => [d.id, currentMatches(d, ctx)]));
  // A fleet shares its product: its fixed versions are read once.
  const fixedOf = new Map<string, string[]>();
  const fixedFor = (d: PreviewDevice, advisoryId: string) => {
    const key = JSON.stringify([deviceTarget(d).vendors, deviceTarget(d).models, advisoryId]);
    if (!fixedOf.has(key)) fixedOf.set(key, fixedVersionsFor(d, advisoryId, ctx));
    return fixedOf.get(key)!;
  };
  for (const d of devices) {
    for (const m of now.get(d.id)!) {
      if (!m.advisoryId) continue;
      const entry = byAdvisory.get(m.advisoryId) ?? { cves: new Set(), devices: new Set(), fixed: new Set() };
      if (!entry.devices.has(d.id)) fixedFor(d, m.advisoryId).forEach((v) => entry.fixed.add(v));
      entry.cves.add(m.cve);
      entry.devices.add(d.id);
      byAdvisory.set(m.advisoryId, entry);
    }
  }
  const advisories = [...byAdvisory].map(([advisoryId, e]) => ({ advisoryId, title: titles.get(advisoryId) ?? advisoryId, cves: distinct([...e.cves]), fixedVersions: [...e.fixed].sort(byVersion), devices: e.devices.size }));
  advisories.sort((a, b) => b.devices - a.devices || b.cves.length - a.cves.length || a.advisoryId.localeCompare(b.advisoryId));
  const candidates = distinct(advisories.flatMap((a) => a.fixedVersions));
  const closes = (target: string) => devices.reduce((sum, d) => sum + cvesClosedBy(d, now.get(d.id)!, target, ctx).length, 0);
  let best: { version: string; closes: number } | null = null;
  for (const version of candidates) {
    const count = closes(version);
    if (count > 0 && (!best || count > best.closes || (count === best.closes && byVersion(version, best.version) > 0))) best = { version, closes: count };
  }
  return { advisories, suggestedTarget: best?.version ?? null };
}
