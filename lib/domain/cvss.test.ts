import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreCvssVector } from "./cvss";

describe("scoreCvssVector", () => {
  it("scores the classic remote-code-execution vector", () => {
    expect(scoreCvssVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toMatchObject({ ok: true, version: "3.1", baseScore: 9.8, severity: "critical" });
    const result = scoreCvssVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    expect(result.ok && result.exploitability).toBeCloseTo(3.9, 1);
  });

  it("scores CVSS 4.0 and 2.0 vectors", () => {
    expect(scoreCvssVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).toMatchObject({ ok: true, version: "4.0", baseScore: 9.3, severity: "critical" });
    expect(scoreCvssVector("AV:N/AC:L/Au:N/C:P/I:P/A:P")).toMatchObject({ ok: true, version: "2.0", baseScore: 7.5, severity: "high" });
  });

  it.each(["", "not a vector", "CVSS:3.1/AV:N", "CVSS:9.9/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"])("refuses %j with a reason instead of throwing", (vector) => {
    const result = scoreCvssVector(vector);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.length).toBeGreaterThan(5);
  });

  // Every CVSS v3 vector of the 134 CISA medical advisories, against the base score CISA states.
  const dir = "../shared/data/csaf";
  const vectors = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    const doc = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as { vulnerabilities?: { scores?: { cvss_v3?: { vectorString: string; baseScore: number } }[] }[] };
    for (const v of doc.vulnerabilities ?? []) for (const s of v.scores ?? []) if (s.cvss_v3) vectors.set(s.cvss_v3.vectorString, s.cvss_v3.baseScore);
  }
  it("found the advisories' vectors", () => expect(vectors.size).toBeGreaterThan(150));
  it.each([...vectors])("%s = %d as CISA states", (vector, stated) => {
    expect(scoreCvssVector(vector)).toMatchObject({ ok: true, baseScore: stated });
  });
});
