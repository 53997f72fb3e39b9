// The CISO report's change-control section, kept pure: the figures read by lib/queries/changes.ts
// (changeControl) and the sentence saying what each counts, so the page, the PDF and the CSV say
// the same thing.

export type ChangeControl = {
  /** Devices in an approved plan whose window opened in the period. */
  made: number;
  verified: number;
  failed: number;
  unplanned: number;
  /** The advisories named by the plans of the devices verified in the period. */
  advisoriesClosed: string[];
  /** Distinct CVEs the verified devices no longer carry (the plan's preview for each device). */
  cvesClosed: number;
};

export function changeControlLines(c: ChangeControl): { item: string; value: string; what: string }[] {
  return [
    { item: "Planned changes made", value: String(c.made), what: "Devices in an approved firmware change whose maintenance window opened in the period." },
    { item: "Verified", value: String(c.verified), what: "Devices that reported the planned target version inside their window, seen by the network." },
    { item: "Failed", value: String(c.failed), what: "Devices still on the old version, on a third version, or silent when their window closed: each gets a contingency task." },
    { item: "Unplanned changes", value: String(c.unplanned), what: "Firmware changes no approved plan covered: each raised an alert and flagged its device until a person reviewed it." },
    { item: "CVEs closed by updates", value: String(c.cvesClosed), what: "Distinct vulnerabilities the verified devices no longer carry at their new version." },
    { item: "Advisories closed by updates", value: c.advisoriesClosed.length ? c.advisoriesClosed.join(", ") : "none", what: "The advisories named by the plans whose devices were verified in the period." },
  ];
}
