import { describe, expect, it } from "vitest";
import { matchModel } from "./model-names";
import { vendorWords } from "./vendor-aliases";

const words = (...vendors: string[]) => new Set(vendors.flatMap((v) => [...vendorWords(v)]));
const verdict = (m: { matched: boolean; possible: boolean }) => (m.matched ? "sure" : m.possible ? "possible" : "none");

describe("matchModel: names as devices report them", () => {
  it.each([
    // The findings: vendor prefixes, punctuation, spacing, word order.
    ["HAMILTON-T1", "T1 Ventilator", ["Hamilton Medical", "Hamilton Medical AG"], "sure", /model t1/],
    ["Hamilton T1", "T1 Ventilator", ["Hamilton Medical AG"], "sure", /model t1/],
    ["WebViewer", "Web Viewer", [], "sure", /same product name/],
    ["Web Viewer", "WebViewer", [], "sure", /same product name/],
    ["Alaris PCU 8015", "BD Alaris Point-of-Care Unit (PCU) Model 8015", ["BD"], "sure", /same product name/],
    ["Alaris 8015 PC Unit", "BD Alaris Point-of-Care Unit (PCU) Model 8015", ["BD"], "sure", /model 8015 and name/],
    ["XTR 96280", "Xhibit Telemetry Receiver (XTR) Model number 96280", ["Spacelabs Healthcare"], "sure", /same product name/], // the advisory's own acronym
    ["CSM", "Welch Allyn Connex Spot Monitor (CSM)", ["Welch Allyn"], "sure", /same product name/],
    ["ZOOM LATITUDE PRM 3120", "ZOOM LATITUDE Programmer/Recorder/Monitor (PRM) Model", ["Boston Scientific"], "sure", /family/],
    ["CARESCAPE B450", "B450", ["GE Healthcare"], "sure", /model b450/],
    ["VLFT10GEN", "Valleylab FT10 Energy Platform (VLFT10GEN) software", ["Covidien"], "sure", /model vlft10gen/],
    ["Engage", "Engage Software", ["Philips"], "sure", /family "engage"/], // "software" is a kind of thing, not a name
    // Not sure: a possible match, with the reason.
    ["8015", "Alaris PC Unit Model 8015", ["BD"], "possible", /only the number 8015 is shared.*check/],
    ["Xhibit Telemetry Receiver", "Xhibit Telemetry Receiver (XTR) Model number 96280", ["Spacelabs"], "possible", /names model 96280; the device model names none/],
    ["Intellivu MX40", "IntelliVue MX40 Patient Worn Monitor (WLAN only)", ["Philips"], "possible", /spelled differently \(intellivu\/intellivue/],
    ["Phoenix Hemodialysis", "Phoenix Hemodialysis Delivery System", ["Baxter"], "possible", /only part of .*not delivery/],
    // Not this product: distinctive words and numbers must agree.
    ["HAMILTON-C6", "T1 Ventilator", ["Hamilton Medical"], "none", /model numbers differ: c6 vs t1/],
    ["Alaris Syringe Module 8110", "BD Alaris Point-of-Care Unit (PCU) Model 8015", ["BD"], "none", /8110 vs 8015/],
    ["IntelliVue MX450", "IntelliVue MX40 Patient Worn Monitor (WLAN only)", ["Philips"], "none", /mx450 vs mx40/],
    ["IntelliVue MX40", "IntelliVue Information Center iX", ["Philips"], "none", /lacks/],
    ["Vue Motion", "Vue PACS", ["Philips"], "none", /lacks pac/],
    ["Syringe 8015", "Alaris PC Unit Model 8015", ["BD"], "none", /only the number 8015 is shared, not the name/],
    ["Ventilator", "T1 Ventilator", ["Hamilton Medical"], "none", /nothing but the vendor or the kind of device/],
    ["HAMILTON", "T1 Ventilator", ["Hamilton Medical"], "none", /nothing but the vendor/],
    ["", "T1 Ventilator", [], "none", /no model name/],
  ] as const)("%j vs %j → %s", (device, advisory, vendors, expected, how) => {
    const m = matchModel(device, advisory, words(...vendors));
    expect(verdict(m)).toBe(expected);
    expect(m.how).toMatch(how);
  });

  it("a bare shared number with another word beside it is only possible", () => {
    expect(verdict(matchModel("Acme 2090", "2090 Monitor"))).toBe("possible");
    expect(verdict(matchModel("CARESCAPE B450", "B450"))).toBe("sure"); // a model name, not a bare number
  });
});
