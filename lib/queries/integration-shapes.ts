// What the integration API answers: a stable, documented JSON shape, built field by field from
// the query rows so that no internal column (search text, hashes of facts or scores) can leak
// when a query selects more. Dates are ISO 8601 in UTC. Pure.

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Named = { name: string } | null | undefined;

export type DeviceListRow = {
  id: string;
  displayName: string;
  category: string;
  vendor: string | null;
  model: string | null;
  claimedMac: string | null;
  claimedIp: string | null;
  status: string;
  criticality: string;
  riskScore: number;
  riskTier: string;
  spoofSuspected: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date;
  notSeenAt: Date | null;
  site?: Named;
  segment?: Named;
};

export function deviceSummary(d: DeviceListRow) {
  return {
    id: d.id,
    name: d.displayName,
    category: d.category,
    vendor: d.vendor,
    model: d.model,
    mac: d.claimedMac,
    ip: d.claimedIp,
    site: d.site?.name ?? null,
    segment: d.segment?.name ?? null,
    status: d.status,
    spoofSuspected: d.spoofSuspected,
    criticality: d.criticality,
    risk: { score: d.riskScore, tier: d.riskTier },
    firstSeenAt: iso(d.firstSeenAt),
    lastSeenAt: iso(d.lastSeenAt),
    notSeenAt: iso(d.notSeenAt),
  };
}

export type AlertListRow = {
  id: string;
  kind: string;
  severity: string;
  title: string;
  status: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  deviceId: string | null;
  agentId?: string | null;
  agent?: { name: string } | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolvedReason?: string | null;
  device?: { displayName: string } | null;
  acknowledgedBy?: { email: string } | null;
  resolvedBy?: { email: string } | null;
};

export function alertSummary(a: AlertListRow) {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    title: a.title,
    status: a.status,
    count: a.count,
    firstAt: iso(a.firstAt),
    lastAt: iso(a.lastAt),
    device: a.deviceId ? { id: a.deviceId, name: a.device?.displayName ?? null } : null,
    agent: a.agentId ? { id: a.agentId, name: a.agent?.name ?? null } : null,
    acknowledged: a.acknowledgedAt ? { at: iso(a.acknowledgedAt), by: a.acknowledgedBy?.email ?? null } : null,
    resolved: a.resolvedAt ? { at: iso(a.resolvedAt), by: a.resolvedBy?.email ?? null, reason: a.resolvedReason ?? null } : null,
  };
}

/** The factors of a stored risk breakdown that explain a score, without the model's internals. */
export function riskFactors(breakdown: unknown) {
  if (!breakdown || typeof breakdown !== "object") return null;
  const b = breakdown as Record<string, unknown>;
  const pick = (key: string) => (key in b ? b[key] : null);
  return {
    modelVersion: pick("modelVersion"),
    exposure: pick("exposure"),
    controls: pick("controls"),
    criticality: pick("criticality"),
    phi: pick("phi"),
    impact: pick("impact"),
    unauthorized: pick("unauthorized"),
    spoofDetected: pick("spoofDetected"),
    driver: pick("driver"),
    rawScore: pick("rawScore"),
    floors: pick("floors"),
    feeds: pick("feeds"),
    // Model v2: an ended operating system (name, end date, source), and matches counted apart
    // (affected, possible); null for breakdowns of model v1, which had neither.
    endOfLife: pick("endOfLife"),
    counts: pick("counts"),
  };
}
