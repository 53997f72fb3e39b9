import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreCvssVector, severityOf } from "./cvss";
import { join } from "node:path";
import { BUNDLED_CSAF_DIR } from "../../reference/bundled-feeds";

describe("scoreCvssVector: published scores", () => {
  it.each([
    // vector, base score, 3.x exploitability subscore as NVD publishes it, severity
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", 9.8, 3.9, "critical"],
    ["CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.0", 8.1, 2.2, "high"], // CVE-2017-0143, EternalBlue
    ["CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "3.0", 7.8, 1.8, "high"], // CVE-2017-0199
    ["CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", "3.0", 5.9, 2.2, "medium"], // CVE-2017-0147
    ["CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", "3.1", 1.6, 0.1, "low"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "3.1", 0, 3.9, "none"],
    ["CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "3.1", 9.9, 3.1, "critical"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O", "3.1", 9.8, 3.9, "critical"], // temporal metrics do not change the base
  ] as const)("%s = %d, exploitability %d", (vector, version, baseScore, exploitability, severity) => {
    expect(scoreCvssVector(vector)).toEqual({ ok: true, version, vector, baseScore, exploitability, severity });
  });

  it.each([
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 9.3, "critical"],
    ["CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "4.0", 8.5, "high"],
    ["AV:N/AC:L/Au:N/C:P/I:P/A:P", "2.0", 7.5, "high"],
    ["(AV:N/AC:L/Au:N/C:C/I:C/A:C)", "2.0", 10, "high"],
    ["CVSS:2.0/AV:N/AC:M/Au:N/C:P/I:N/A:N", "2.0", 4.3, "medium"],
  ] as const)("%s = %d, no 3.x exploitability subscore", (vector, version, baseScore, severity) => {
    const result = scoreCvssVector(vector);
    expect(result).toMatchObject({ ok: true, version, baseScore, severity });
    expect(result.ok && "exploitability" in result).toBe(false);
  });
});

describe("scoreCvssVector: invalid vectors are typed results, never exceptions", () => {
  it.each([
    ["", "empty"],
    [null, "empty"],
    ["not a vector", "unknown_version"],
    ["CVSS:9.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown_version"],
    ["CVSS:3.1/AV:N", "incomplete"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q", "malformed"],
    ["CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "malformed"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "malformed"],
    ["CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", "malformed"], // AT is a 4.0 metric
    ["CVSS:4.0/AV:N/AC:L/PR:N/UI:N", "incomplete"],
  ] as const)("%j → %s", (vector, code) => {
    const result = scoreCvssVector(vector);
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.error.length).toBeGreaterThan(5);
  });
});

describe("severityOf", () => {
  it.each([
    [9.0, "3.1", "critical"],
    [8.9, "3.1", "high"],
    [7.0, "4.0", "high"],
    [6.9, "3.0", "medium"],
    [4.0, "3.1", "medium"],
    [3.9, "3.1", "low"],
    [0.1, "3.1", "low"],
    [0, "3.1", "none"],
    [10, "2.0", "high"],
    [0, "2.0", "low"],
  ] as const)("%d in CVSS %s is %s", (score, version, severity) => expect(severityOf(score, version)).toBe(severity));
});

describe("the 134 CISA medical advisories", () => {
  // Every CVSS v3 vector they carry, against the base score CISA states beside it.
  const vectors = new Map<string, number>();
  for (const file of readdirSync(BUNDLED_CSAF_DIR).filter((f) => f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(BUNDLED_CSAF_DIR, file), "utf8")) as { vulnerabilities?: { scores?: { cvss_v3?: { vectorString: string; baseScore: number } }[] }[] };
    for (const v of doc.vulnerabilities ?? []) for (const s of v.scores ?? []) if (s.cvss_v3) vectors.set(s.cvss_v3.vectorString, s.cvss_v3.baseScore);
  }
  it("carry 184 distinct CVSS v3 vectors", () => expect(vectors.size).toBe(184));
  it.each([...vectors])("%s = %d as CISA states", (vector, stated) => {
    const result = scoreCvssVector(vector);
    expect(result).toMatchObject({ ok: true, baseScore: stated });
    expect(result.ok && result.exploitability).toBeGreaterThanOrEqual(0.1);
    expect(result.ok && result.exploitability).toBeLessThanOrEqual(3.9);
  });
});
