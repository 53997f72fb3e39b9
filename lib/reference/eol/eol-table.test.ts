import { describe, expect, it } from "vitest";
import { endedOn, findEndOfLife, normaliseOs, type EolEntry } from "../../domain/risk/end-of-life";
import { END_OF_LIFE_TABLE } from "./eol-table";

const id = (os: string) => findEndOfLife(os, END_OF_LIFE_TABLE)?.id ?? null;

describe("the end-of-life table", () => {
  const entries: EolEntry[] = END_OF_LIFE_TABLE.entries;

  it("gives every entry a unique id, a date, a precision, an https source and patterns that compile", () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.endOfSupport, e.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(e.endOfSupport)), e.id).toBe(false);
      expect(["day", "month", "year"], e.id).toContain(e.precision);
      expect(["vendor", "approximate"], e.id).toContain(e.confidence);
      expect(e.source, e.id).toMatch(/^https:\/\//);
      expect(e.patterns.length, e.id).toBeGreaterThan(0);
      for (const p of [...e.patterns, ...(e.exclude ?? [])]) expect(() => new RegExp(p, "i"), `${e.id} ${p}`).not.toThrow();
    }
  });

  it("covers the releases the issue names", () => {
    const ids = new Set(entries.map((e) => e.id));
    for (const want of ["windows-xp", "windows-vista", "windows-7", "windows-embedded-standard-7", "windows-posready-7", "windows-8-1", "windows-10", "windows-10-1809", "windows-10-ltsb-2016", "windows-10-iot-ltsc-2021", "windows-server-2003", "windows-server-2008", "windows-server-2008-r2", "windows-server-2012", "windows-server-2012-r2", "windows-embedded-ce-6", "windows-embedded-compact-7", "windows-embedded-compact-2013", "linux-2.6.32", "linux-4.9", "vxworks-6.9", "qnx-6.5-older", "wind-river-linux-old"]) {
      expect(ids, want).toContain(want);
    }
  });

  it("keeps Microsoft's published end dates for the common clinical workstation systems", () => {
    const date = (i: string) => entries.find((e) => e.id === i)?.endOfSupport;
    expect(date("windows-xp")).toBe("2014-04-08");
    expect(date("windows-7")).toBe("2020-01-14");
    expect(date("windows-embedded-standard-7")).toBe("2020-10-13");
    expect(date("windows-server-2012-r2")).toBe("2023-10-10");
    expect(date("windows-10")).toBe("2025-10-14");
  });
});

describe("findEndOfLife on operating systems as devices report them", () => {
  it.each([
    ["Windows 7 Embedded", "windows-embedded-standard-7"],
    ["Microsoft Windows Embedded Standard 7 SP1", "windows-embedded-standard-7"],
    ["Windows® Embedded Standard 7 Service Pack 1 (6.1.7601)", "windows-embedded-standard-7"],
    ["WES7", "windows-embedded-standard-7"],
    ["Windows Embedded POSReady 7", "windows-posready-7"],
    ["Windows 7 Professional for Embedded Systems", "windows-7-for-embedded-systems"],
    ["Microsoft Windows 7 Professional 6.1.7601 Service Pack 1 Build 7601", "windows-7"],
    ["Windows XP Professional SP3", "windows-xp"],
    ["Windows XP Embedded SP3", "windows-xp-embedded"],
    ["Microsoft Windows Vista Business", "windows-vista"],
    ["Windows 8.1 Pro", "windows-8-1"],
    ["Windows 8 Enterprise", "windows-8"],
    ["Microsoft Windows 10 Enterprise 2016 LTSB (10.0.14393)", "windows-10-ltsb-2016"],
    ["Windows 10 IoT Enterprise LTSC 2021", "windows-10-iot-ltsc-2021"],
    ["Windows 10 Enterprise LTSC 2019", "windows-10-ltsc-2019"],
    ["Microsoft Windows 10 Pro 10.0.17763", "windows-10-1809"],
    ["Windows 10 Enterprise, version 21H2", "windows-10-21h2"],
    ["Windows 10 Pro", "windows-10"],
    ["Windows 10 Pro 22H2 (19045.3803)", "windows-10"],
    ["Microsoft Windows Server 2008 R2 Standard SP1", "windows-server-2008-r2"],
    ["Windows Server 2012 R2 Datacenter", "windows-server-2012-r2"],
    ["Windows Server 2003 R2", "windows-server-2003"],
    ["Windows CE 6.0 R3", "windows-embedded-ce-6"],
    ["Windows Embedded CE 6.0", "windows-embedded-ce-6"],
    ["Windows Embedded Compact 7", "windows-embedded-compact-7"],
    ["Windows CE 5.0", "windows-ce-5"],
    ["Windows CE .NET 4.2", "windows-ce-older"],
    ["Linux 2.6.32", "linux-2.6.32"],
    ["Linux kernel 2.6.32.71", "linux-2.6.32"],
    ["Linux 4.9.88-imx", "linux-4.9"],
    ["Linux 4.14.98", "linux-4.14"],
    ["Linux 2.6.18", "linux-2.x"],
    ["Linux 3.0.35", "linux-3.x"],
    ["VxWorks 6.9", "vxworks-6.9"],
    ["VxWorks 6.5", "vxworks-6-old"],
    ["VxWorks 5.5.1", "vxworks-5"],
    ["QNX Neutrino 6.5.0 SP1", "qnx-6.5-older"],
    ["QNX SDP 6.6", "qnx-6.6"],
    ["Wind River Linux 6.0", "wind-river-linux-old"],
  ])("%s → %s", (os, want) => {
    expect(id(os)).toBe(want);
  });

  it.each([
    "Windows 11 Pro 23H2",
    "Windows Server 2022",
    "Linux 6.8.0",
    "Linux 2.6.32-754.el6.x86_64 (Red Hat Enterprise Linux 6)",
    "Ubuntu 20.04 LTS (Linux 5.4.0-150-generic)",
    "VxWorks 7 SR0650",
    "QNX SDP 7.1",
    "macOS 14.2",
    "",
  ])("names no entry for %j", (os) => {
    expect(id(os)).toBeNull();
  });

  it("does not read Linux 4.14 as 4.1, or 3.10 as 3.1", () => {
    expect(id("Linux 4.1.52")).toBe("linux-4.1");
    expect(id("Linux 3.10.108")).toBe("linux-3.10");
  });
});

describe("endedOn", () => {
  it("counts a release whose support ended on or before the day", () => {
    expect(endedOn("Windows 7 Embedded", END_OF_LIFE_TABLE, "2026-12-04")).toEqual({
      id: "windows-embedded-standard-7", name: "Windows Embedded Standard 7", reported: "Windows 7 Embedded", endOfSupport: "2020-10-13", approximate: false, source: "https://learn.microsoft.com/lifecycle/products/windows-embedded-standard-7",
    });
    expect(endedOn("Windows Server 2016", END_OF_LIFE_TABLE, "2026-12-04")).toBeNull();
    expect(endedOn("Windows 10 IoT Enterprise LTSC 2021", END_OF_LIFE_TABLE, "2026-12-04")).toBeNull();
    expect(endedOn("Windows 10 Enterprise 2016 LTSB", END_OF_LIFE_TABLE, "2026-10-13")?.id).toBe("windows-10-ltsb-2016");
    expect(endedOn("VxWorks 6.9", END_OF_LIFE_TABLE, "2026-12-04")?.approximate).toBe(true);
  });

  it("normalises punctuation and trademark signs", () => {
    expect(normaliseOs("Microsoft® Windows(R) Embedded-Standard 7, SP1")).toBe("microsoft windows embedded standard 7 sp1");
  });
});
