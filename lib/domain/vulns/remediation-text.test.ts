import { describe, expect, it } from "vitest";
import { concerns, fixedVersionIn, namedIds } from "./remediation-text";

describe("fixedVersionIn", () => {
  it.each([
    ["Philips released Version 12.2.8.0 in May of 2021 for PACS that remediates CWE-20, CWE-119, CWE-287 and recommends contacting support below.", "12.2.8.0"],
    ["OFFIS recommends all users update to Version 3.6.7 or later. For more information see Bug #1021", "3.6.7"],
    ["Medtronic recommends updating the Paceart Optima system to v1.12. Contact Medtronic to schedule the update.", "1.12"],
    ["Innokas Yhtymä Oy recommends users update to the latest Version 1.7.15b or later. Software Version 1.7.15b mitigates reported vulnerabilities.", "1.7.15b"],
    ["OpenClinic GA has released an updated version to resolve these vulnerabilities, and recommend users upgrade to Version 5.170.5 or later.", "5.170.5"],
    ["The issue is fixed in firmware version 2.4.1.", "2.4.1"],
  ])("reads %s", (text, version) => expect(fixedVersionIn(text)).toBe(version));

  it.each([
    ["Philips will release a fix for PACS that remediates CWE-522 with low score of 3.7 in Q3 2023."],
    ["BD Synapsys v4.20 SR2 will be released in June 2022 and will remediate this vulnerability."],
    ["According to BD, this vulnerability is scheduled to be remediated in the BD Totalys MultiProcessor version 1.71 software release expected in fourth quarter 2022."],
    ["Update Tasy EMR, to version 3.03.1745 or higher and update Tasy WebPortal, to version 3.03.1758 or higher."],
    ["BD Alaris Systems Manager Software version 12.5.1 - Remediates CVE-2018-1285; partially remediates CVE-2023-30562"],
    ["Hamilton Medical recommends users of affected versions update to a version later than T1 Ventilator Version 2.2.3 where possible."],
    ["Please see the Philips product security website for the latest security information."],
    ["All Alaris System software versions less than 9.19 are end of life. BD recommends users upgrade Alaris System software when BD releases its next version of software."],
  ])("refuses to guess from %s", (text) => expect(fixedVersionIn(text)).toBeNull());
});

describe("which vulnerability a remediation concerns", () => {
  const pacs = "Philips released Version 12.2.8.0 in May of 2021 for PACS that remediates CWE-20, CWE-119, CWE-287.";
  it("by CWE when it names CWEs", () => {
    expect(concerns(pacs, "CVE-2020-1938", "CWE-20")).toEqual({ applies: true, named: true });
    expect(concerns(pacs, "CVE-2018-8014", "CWE-324")).toEqual({ applies: false, named: true });
    expect(concerns(pacs, "CVE-2018-8014", null).applies).toBe(false);
  });
  it("by CVE when it names CVEs, whatever the CWE", () => {
    expect(concerns("Version 1.1.1 remediates CVE-2023-30563.", "CVE-2023-30563", "CWE-20").applies).toBe(true);
    expect(concerns("Version 1.1.1 remediates CVE-2023-30563 (CWE-20).", "CVE-2023-30564", "CWE-20").applies).toBe(false);
  });
  it("every vulnerability when it names neither", () => {
    expect(concerns("Update to 2.0 or later.", "CVE-2020-0001", "CWE-79")).toEqual({ applies: true, named: false });
    expect(namedIds("cwe-79 and CVE-2020-0001")).toEqual({ cves: ["CVE-2020-0001"], cwes: ["CWE-79"] });
  });
});
