import { describe, expect, it } from "vitest";
import { guessExposure } from "./places";

describe("guessExposure: a new segment's first exposure class, from its name", () => {
  it("reads isolated and air-gapped networks as isolated", () => {
    expect(guessExposure("PUMP-ISOLATED", false)).toBe("isolated");
    expect(guessExposure("lab-airgap", false)).toBe("isolated");
    expect(guessExposure("AIR-GAP-2", false)).toBe("isolated");
  });

  it("reads USB as USB-only", () => {
    expect(guessExposure("USB", false)).toBe("usb_only");
    expect(guessExposure("ward3-usb-hosts", false)).toBe("usb_only");
  });

  it("reads clinical names as segmented clinical", () => {
    for (const name of ["ICU-VLAN-20", "NICU-2", "RAD-PACS", "BIOMED", "ward-7", "OR 3", "Cardiology"]) expect(guessExposure(name, false), name).toBe("clinical_segmented");
  });

  it("reads anything else as general IT", () => {
    for (const name of ["CORP-LAN", "VLAN-100", "guest-wifi", "ORANGE"]) expect(guessExposure(name, false), name).toBe("general_it");
  });

  it("lets internet-exposed evidence win over any name", () => {
    expect(guessExposure("PUMP-ISOLATED", true)).toBe("internet");
    expect(guessExposure("ICU-VLAN-20", true)).toBe("internet");
    expect(guessExposure("USB", true)).toBe("internet");
  });
});
