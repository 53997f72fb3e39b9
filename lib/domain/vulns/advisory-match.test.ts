import { describe, expect, it } from "vitest";
import { cveMatches, indexProducts, matchProducts, type AdvisoryProduct } from "./advisory-match";

const products: AdvisoryProduct[] = [
  { id: "p1", advisoryId: "ICSMA-23-194-01", vendor: "Becton, Dickinson and Company (BD)", product: "BD Alaris Point-of-Care Unit (PCU) Model 8015", versionRange: "<=12.1.3", cves: ["CVE-2023-30559", "CVE-2023-30560"] },
  { id: "p2", advisoryId: "ICSMA-17-017-02", vendor: "Becton, Dickinson and Company (BD)", product: "Alaris 8015 PC unit", versionRange: "9.7", cves: ["CVE-2016-8375"] },
  { id: "p3", advisoryId: "ICSMA-X", vendor: "Becton, Dickinson and Company (BD)", product: "Alaris PC Unit", versionRange: "* (end-of-life 2011)", cves: ["CVE-2000-0001"] },
  { id: "p4", advisoryId: "ICSMA-Y", vendor: "Becton, Dickinson and Company (BD)", product: "Alaris Syringe Module 8110", versionRange: "vers:all/*", cves: ["CVE-2000-0002"] },
  { id: "p5", advisoryId: "ICSMA-23-248-01", vendor: "Softneta", product: "MedDream PACS", versionRange: "<= 7.2.8.810", cves: ["CVE-2023-40150", "CVE-2023-30560"] },
  { id: "p6", advisoryId: "ICSMA-Z", vendor: "Softneta", product: "MedDream PACS", versionRange: null, cves: ["CVE-2000-0003"] },
];
const index = indexProducts(products);
const alaris = (version: string | null) => matchProducts({ vendors: ["BD"], models: ["Alaris PCU Model 8015"], version, subject: "device" }, index);
const summary = (rs: ReturnType<typeof alaris>) => rs.map((r) => `${r.productId}:${r.status}`).sort();

describe("matchProducts", () => {
  it.each([
    ["12.1.3", ["p1:affected", "p3:needs_review"]],
    ["12.1.4", ["p3:needs_review"]],
    ["9.7", ["p1:affected", "p2:affected", "p3:needs_review"]],
    [null, ["p1:needs_review", "p2:needs_review", "p3:needs_review"]],
    ["build unknown", ["p1:needs_review", "p2:needs_review", "p3:needs_review"]],
  ] as const)("Alaris PCU 8015 at %s", (version, expected) => {
    expect(summary(alaris(version))).toEqual(expected);
  });

  it("says why, in words", () => {
    const [r] = alaris("12.1.3").filter((m) => m.productId === "p1");
    expect(r.why).toMatch(/^Becton, Dickinson and Company \(BD\) BD Alaris Point-of-Care Unit \(PCU\) Model 8015: .*version 12\.1\.3 is within <=12\.1\.3$/);
    const [review] = alaris("12.1.3").filter((m) => m.productId === "p3");
    expect(review.why).toMatch(/cannot be read .*check it by hand/);
  });

  it("matches vendor aliases and a legal name to the short one", () => {
    const viaLegalName = matchProducts({ vendors: ["Becton Dickinson"], models: ["Alaris PCU Model 8015"], version: "12.1.3", subject: "device" }, index);
    expect(summary(viaLegalName)).toContain("p1:affected");
  });

  it("never matches another vendor's product, another model number, or no model", () => {
    expect(matchProducts({ vendors: ["Baxter"], models: ["Alaris PCU Model 8015"], version: "12.1.3", subject: "device" }, index)).toEqual([]);
    expect(summary(matchProducts({ vendors: ["BD"], models: ["Alaris Syringe Module 8100"], version: "1", subject: "device" }, index))).toEqual([]);
    expect(matchProducts({ vendors: ["BD"], models: [null, ""], version: "1", subject: "device" }, index)).toEqual([]);
  });

  it("an advisory naming no version covers every version, even an unknown one", () => {
    expect(summary(matchProducts({ vendors: ["Softneta"], models: ["MedDream PACS"], version: null, subject: "device" }, index))).toEqual(["p5:needs_review", "p6:affected"]);
  });
});

describe("cveMatches", () => {
  it("folds product matches per CVE: affected wins over needs review, every reason kept", () => {
    const reasons = [...alaris("12.1.3"), ...matchProducts({ vendors: ["Softneta"], models: ["MedDream PACS"], version: "7.2.9", subject: "device" }, index)];
    const cves = (id: string) => products.find((p) => p.id === id)!.cves;
    const folded = cveMatches(reasons, cves);
    expect(folded.map((m) => `${m.cve}:${m.status}:${m.advisoryId}`)).toEqual([
      "CVE-2000-0001:needs_review:ICSMA-X",
      "CVE-2000-0003:affected:ICSMA-Z",
      "CVE-2023-30559:affected:ICSMA-23-194-01",
      "CVE-2023-30560:affected:ICSMA-23-194-01",
    ]);
  });
});

describe("matchProducts: names as devices report them", () => {
  const clinical: AdvisoryProduct[] = [
    { id: "t1", advisoryId: "ICSMA-21-047-01", vendor: "Hamilton Medical AG", product: "T1 Ventilator", versionRange: "<= 2.2.3", cves: ["CVE-2020-27278"] },
    { id: "xtr", advisoryId: "ICSMA-20-049-01", vendor: "Spacelabs", product: "Xhibit Telemetry Receiver (XTR) Model number 96280", versionRange: "1.0.2", cves: ["CVE-2019-0708"] },
  ];
  const idx = indexProducts(clinical);
  const match = (vendor: string, model: string, version: string | null) => matchProducts({ vendors: [vendor], models: [model], version, subject: "device" }, idx);

  it("HAMILTON-T1 from Hamilton Medical is the T1 Ventilator; a fixed version is not", () => {
    expect(summary(match("Hamilton Medical", "HAMILTON-T1", "2.2.3"))).toEqual(["t1:affected"]);
    expect(match("Hamilton Medical", "HAMILTON-T1", "2.2.4")).toEqual([]);
  });

  it("Spacelabs Healthcare is the advisories' Spacelabs", () => {
    expect(summary(match("Spacelabs Healthcare", "XTR 96280", "1.0.2"))).toEqual(["xtr:affected"]);
  });

  it("a model close but not certain is a possible match with its reason, never silently nothing", () => {
    const [r] = match("Spacelabs Healthcare", "Xhibit Telemetry Receiver", "1.0.2");
    expect(r).toMatchObject({ productId: "xtr", status: "needs_review" });
    expect(r.why).toMatch(/names model 96280; the device model names none: check the model; version 1\.0\.2 is within 1\.0\.2/);
  });

  it("a possible model at a version the advisory does not cover is dropped", () => {
    expect(match("Spacelabs Healthcare", "Xhibit Telemetry Receiver", "1.0.3")).toEqual([]);
  });
});
