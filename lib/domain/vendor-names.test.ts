import { describe, expect, it } from "vitest";
import { isComponentMaker, normalizeVendorName, sameVendor, vendorOfDicomUid } from "./vendor-names";

describe("vendor names", () => {
  it.each([
    ["Baxter International Inc.", "baxter"],
    ["Baxter", "baxter"],
    ["Philips Medizin Systeme Boeblingen GmbH", "philips"],
    ["Philips Patient Monitoring", "philips"],
    ["Koninklijke Philips N.V.", "philips"],
    ["GE Healthcare", "ge"],
    ["GE Medical Systems", "ge"],
    ["Becton, Dickinson and Company", "bd"],
    ["CareFusion", "bd"],
    ["Drägerwerk AG & Co. KGaA", "drager"],
    ["Acme Widgets Ltd.", "acme widgets"],
  ])("%s → %s", (name, key) => expect(normalizeVendorName(name)).toBe(key));

  it("compares vendors", () => {
    expect(sameVendor("Baxter Healthcare Corporation", "Baxter")).toBe(true);
    expect(sameVendor("Hewlett Packard", "HP Inc.")).toBe(true);
    expect(sameVendor("Philips", "GE Healthcare")).toBe(false);
  });

  it("knows component and PC makers", () => {
    expect(isComponentMaker("Texas Instruments")).toBe(true);
    expect(isComponentMaker("Espressif Inc.")).toBe(true);
    expect(isComponentMaker("Dell Inc.")).toBe(true);
    expect(isComponentMaker("Philips Patient Monitoring")).toBe(false);
  });

  it("maps DICOM UID roots to makers, and only whole arcs", () => {
    expect(vendorOfDicomUid("1.2.840.113619.6.94")).toBe("ge");
    expect(vendorOfDicomUid("1.3.12.2.1107.5.1.4")).toBe("siemens");
    expect(vendorOfDicomUid("1.2.840.1136190")).toBeNull();
    expect(vendorOfDicomUid("1.2.276.0.7230010.3")).toBeNull();
  });
});
