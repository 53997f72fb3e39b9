// Why each section of the CISO report matters, in the words of the two frameworks a hospital is
// asked about: the HIPAA Security Rule's risk analysis and risk management (45 CFR 164.308) and
// the NIST Cybersecurity Framework 2.0 (asset management ID.AM, risk assessment ID.RA, and the
// detection / response functions). Written for a reader who is not a device expert.

export const CISO_REPORT_SECTIONS = ["summary", "trend", "top", "kev", "unauthorized", "response", "accepted", "coverage", "assets", "changes"] as const;
export type CisoReportSectionId = (typeof CISO_REPORT_SECTIONS)[number];

export type Framing = { title: string; references: string[]; text: string };

export const CISO_REPORT_FRAMING: Record<CisoReportSectionId, Framing> = {
  summary: {
    title: "Summary",
    references: ["HIPAA 45 CFR 164.308(a)(1)(ii)(A)", "NIST CSF ID.AM-01", "NIST CSF ID.RA-05"],
    text:
      "How many connected devices the hospital has, how many of them carry critical or high risk, and how many are not where they are allowed to be. " +
      "This is the starting point of the HIPAA risk analysis: an accurate and thorough assessment of the risks to electronic protected health information begins with knowing which devices exist.",
  },
  trend: {
    title: "Risk over the period",
    references: ["HIPAA 45 CFR 164.308(a)(1)(ii)(B)", "NIST CSF ID.RA-05", "NIST CSF ID.IM-01"],
    text:
      "Devices in each risk tier, day by day. A falling line of critical and high devices shows the risk management plan working; a rising one shows where it needs more effort. " +
      "Days without a count (before counting started, or while the system was down) are left blank rather than shown as zero.",
  },
  top: {
    title: "The 10 riskiest devices",
    references: ["HIPAA 45 CFR 164.308(a)(1)(ii)(A)", "NIST CSF ID.RA-01", "NIST CSF ID.RA-05"],
    text:
      "The devices to fix first. Each score (0 to 100) combines how likely an attack is (known exploited flaws, exploit probability, network exposure) with how much harm it would do (the device's clinical role and whether it handles patient data). " +
      "Every score is explained factor by factor on the device's page.",
  },
  kev: {
    title: "Exposure to known exploited vulnerabilities",
    references: ["NIST CSF ID.RA-01", "NIST CSF ID.RA-02", "HIPAA 45 CFR 164.308(a)(1)(ii)(A)"],
    text:
      "Devices with at least one vulnerability that CISA's Known Exploited Vulnerabilities catalog says attackers are using today. " +
      "These are not theoretical: they deserve a patch, a compensating control (such as network segmentation) or a documented, time-limited acceptance.",
  },
  unauthorized: {
    title: "Unauthorized and spoofed devices",
    references: ["NIST CSF ID.AM-01", "NIST CSF DE.CM-01", "HIPAA 45 CFR 164.310(d)(1)"],
    text:
      "Unauthorized devices are those a policy or a person has found not allowed where they are. A device nobody has decided on yet is pending, not unauthorized, and is not counted here. Spoofed devices claim an identity (a MAC address, a USB vendor) that their physical fingerprint contradicts: " +
      "a strong sign of a device pretending to be something it is not. Both belong in the inventory's work queue until someone approves or blocks them.",
  },
  response: {
    title: "How fast alerts were handled",
    references: ["HIPAA 45 CFR 164.308(a)(6)(ii)", "HIPAA 45 CFR 164.308(a)(1)(ii)(D)", "NIST CSF RS.MA-01", "NIST CSF DE.AE-02"],
    text:
      "Mean time to acknowledge (MTTA) is how long an alert waited before someone took it on; mean time to resolve (MTTR) how long until it was closed. " +
      "The median is shown beside the mean because a few old alerts can pull the mean far up. Alerts nobody has answered yet are counted apart, not averaged in.",
  },
  accepted: {
    title: "Accepted risks",
    references: ["HIPAA 45 CFR 164.308(a)(1)(ii)(B)", "NIST CSF ID.RA-06", "NIST CSF GV.RM-04"],
    text:
      "Risks the organisation has chosen to live with for now, each with a named owner, a reason and an expiry date after which the device ranks again. " +
      "This list is the documented risk decision an auditor asks for.",
  },
  coverage: {
    title: "Coverage: who is watching which devices",
    references: ["NIST CSF ID.AM-01", "NIST CSF ID.AM-03", "NIST CSF DE.CM-01"],
    text:
      "Devices last reported by each agent (sensor) and found on each network segment. An agent that has gone quiet, or a segment with no devices, may be a blind spot in the inventory rather than an empty ward.",
  },
  assets: {
    title: "Asset inventory (NIST CSF ID.AM-01, HIPAA technology asset inventory)",
    references: ["NIST CSF ID.AM-01", "HIPAA 45 CFR 164.310(d)(1)", "HIPAA 45 CFR 164.308(a)(1)(ii)(A)"],
    text:
      "The hospital's asset register (what it owns, from the CMMS or CMDB) reconciled with the devices the network sees. Shadow devices are on the network with no owner on record; missing entries are owned but not seen, which may mean lost, stored or moved to a network nobody watches. " +
      "These counts cover every site: the register is reconciled for the whole estate.",
  },
  changes: {
    title: "Firmware change control",
    references: ["NIST CSF PR.PS-02", "NIST CSF PR.PS-01", "NIST CSF DE.CM-09", "HIPAA 45 CFR 164.308(a)(1)(ii)(B)"],
    text:
      "Firmware updates are how advisories get closed, and a change nobody planned on a pump or a ventilator is a security event in itself. " +
      "Planned changes are approved by someone other than the requester and verified from what the network sees each device report; a failed one gets a contingency (retry, roll back or replace) with an owner; an unplanned one raises an alert until a person reviews it.",
  },
};

export const CISO_REPORT_DISCLAIMER =
  "This report supports, but does not by itself make up, the HIPAA Security Rule risk analysis (45 CFR 164.308(a)(1)(ii)(A)) and the NIST CSF 2.0 asset management (ID.AM) and risk assessment (ID.RA) outcomes: it covers the connected devices this system sees.";
