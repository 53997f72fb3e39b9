import { describe, expect, it } from "vitest";
import type { DesiredMatch } from "./device-matches";
import { applyDecisions, reviewWords, type MatchDecisionFact } from "./decided-matches";

const match = (cve: string, status: DesiredMatch["status"]): DesiredMatch => ({ cve, source: "csaf", status, advisoryId: "ICSMA-1", reason: '{"rule":"advisory"}' });
const decided = (cve: string, decision: string): MatchDecisionFact => ({ vulnerabilityId: cve, decision, decidedBy: "ana@example.org", decidedAt: new Date("2026-12-04T21:00:00Z") });
const statuses = (ms: DesiredMatch[]) => ms.map((m) => `${m.cve}:${m.status}`);

describe("applyDecisions", () => {
  const found = [match("CVE-1", "needs_review"), match("CVE-2", "needs_review"), match("CVE-3", "affected")];

  it("changes nothing without decisions", () => {
    expect(applyDecisions(found, undefined)).toBe(found);
    expect(applyDecisions(found, [decided("CVE-9", "dismissed")])).toEqual(found);
  });

  it("makes a confirmed possible match affected, saying who confirmed it and when", () => {
    const [m] = applyDecisions([found[0]], [decided("CVE-1", "confirmed")]);
    expect(m.status).toBe("affected");
    expect(JSON.parse(m.reason)).toEqual({ rule: "advisory", review: { decision: "confirmed", by: "ana@example.org", on: "2026-12-04" } });
    expect(reviewWords(JSON.parse(m.reason))).toBe("Possible match confirmed by ana@example.org on 2026-12-04.");
  });

  it("drops a dismissed possible match, so it is not stored and does not score", () => {
    expect(statuses(applyDecisions(found, [decided("CVE-2", "dismissed")]))).toEqual(["CVE-1:needs_review", "CVE-3:affected"]);
  });

  it("never hides a certain match behind the dismissal of a possible one, and says so", () => {
    const [m] = applyDecisions([found[2]], [decided("CVE-3", "dismissed")]);
    expect(m.status).toBe("affected");
    expect(reviewWords(JSON.parse(m.reason))).toMatch(/^Dismissed earlier as a possible match by ana@example.org on 2026-12-04; the advisories now say it is affected/);
  });

  it("leaves a match that is already affected as it is when confirmed", () => {
    expect(applyDecisions([found[2]], [decided("CVE-3", "confirmed")])).toEqual([found[2]]);
  });

  it("reads no decision from a reason without one", () => {
    expect(reviewWords({ rule: "advisory" })).toBeNull();
    expect(reviewWords(null)).toBeNull();
  });
});
