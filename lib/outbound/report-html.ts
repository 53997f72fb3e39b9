// The CISO report as one self-contained HTML page (no script, no external asset), for the
// scheduled report's PDF: the same figures and words as /reports, and its trend drawn as a
// fixed-size SVG with a dot on every counted day, so one day of data prints as points.
import { changeControlLines } from "../domain/risk/change-report-figures";
import { assetInventoryLines, formatHours, sumOver, type CisoReport, type CisoReportDevice, type TrendMetric } from "../domain/risk/ciso-report-figures";
import { CISO_REPORT_DISCLAIMER, CISO_REPORT_FRAMING, type CisoReportSectionId } from "../domain/words/ciso-report-framing";

const esc = (v: unknown) => String(v ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (v: number | null) => (v === null ? "—" : v.toLocaleString("en-US"));
const iso = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

const SERIES: { metric: TrendMetric; name: string; color: string }[] = [
  { metric: "devices.tier.critical", name: "Critical", color: "#b91c1c" },
  { metric: "devices.tier.high", name: "High", color: "#c2410c" },
  { metric: "devices.kev", name: "Known exploited (KEV)", color: "#7c2d12" },
  { metric: "devices.unauthorized", name: "Unauthorized", color: "#6d28d9" },
];

function section(id: CisoReportSectionId, body: string): string {
  const f = CISO_REPORT_FRAMING[id];
  return `<section><h2>${esc(f.title)}</h2><p class="why">${esc(f.text)}</p><p class="ref">Framework: ${esc(f.references.join(" · "))}</p>${body}</section>`;
}

function table(head: string[], rows: unknown[][], caption: string): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join("");
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("");
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

/** The trend: one polyline per run of consecutive counted days, and a dot on every counted day. */
export function trendSvg(r: Pick<CisoReport, "trend">, width = 680, height = 220): string {
  const known = r.trend.filter((p) => SERIES.some((s) => p[s.metric] !== null));
  if (!known.length) return `<p>No daily counts exist for this period.</p>`;
  const pad = { l: 40, r: 10, t: 10, b: 24 };
  const max = Math.max(1, ...known.flatMap((p) => SERIES.map((s) => p[s.metric] ?? 0)));
  const days = r.trend.length;
  const x = (i: number) => pad.l + (days === 1 ? (width - pad.l - pad.r) / 2 : (i * (width - pad.l - pad.r)) / (days - 1));
  const y = (v: number) => height - pad.b - (v / max) * (height - pad.t - pad.b);
  const marks = SERIES.map((s) => {
    const runs: string[][] = [[]];
    const dots: string[] = [];
    r.trend.forEach((p, i) => {
      const v = p[s.metric];
      if (v === null) return void runs.push([]);
      runs.at(-1)!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      dots.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}"/>`);
    });
    const lines = runs.filter((run) => run.length > 1).map((run) => `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${run.join(" ")}"/>`);
    return lines.join("") + dots.join("");
  }).join("");
  const axis = `<line x1="${pad.l}" y1="${height - pad.b}" x2="${width - pad.r}" y2="${height - pad.b}" stroke="#94a3b8"/>` +
    `<text x="${pad.l - 4}" y="${pad.t + 8}" text-anchor="end" font-size="10">${n(max)}</text><text x="${pad.l - 4}" y="${height - pad.b}" text-anchor="end" font-size="10">0</text>` +
    `<text x="${pad.l}" y="${height - 6}" font-size="10">${esc(r.trend[0].day)}</text><text x="${width - pad.r}" y="${height - 6}" text-anchor="end" font-size="10">${esc(r.trend.at(-1)!.day)}</text>`;
  const legend = SERIES.map((s) => `<span class="key"><span style="background:${s.color}"></span>${esc(s.name)}</span>`).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Devices per day">${axis}${marks}</svg>` +
    `<p class="legend">${legend} · ${known.length === 1 ? "one day counted" : `${known.length} days counted`}</p>`;
}

const deviceRows = (devices: (CisoReportDevice & { cves?: string[] })[]) =>
  devices.map((d, i) => [i + 1, d.displayName, `${d.riskScore} (${d.riskTier})`, d.status + (d.spoofSuspected ? ", spoof suspected" : ""), d.cves ? d.cves.join(", ") : d.where || "—"]);

function summary(r: CisoReport): string {
  if (!r.countsDay) return `<p>Nothing has been counted yet.</p>`;
  const rows: [string, number | null][] = [
    ["Devices (not retired)", r.counts["devices.total"]], ["Critical risk", r.counts["devices.tier.critical"]], ["High risk", r.counts["devices.tier.high"]],
    ["Known exploited (KEV)", r.counts["devices.kev"]], ["Unauthorized", r.counts["devices.unauthorized"]], ["Spoof suspected", r.counts["devices.spoofed"]],
    ["New devices in the period", sumOver(r.trend, "devices.new")], ["Risks accepted now", r.accepted.total],
  ];
  const as = `Device counts as of ${r.countsDay}${r.countsRefreshedAt ? ` (counted ${iso(r.countsRefreshedAt)})` : ""}; devices retired from service are not counted.`;
  return table(["Measure", "Count"], rows.map(([k, v]) => [k, n(v)]), "Summary") + `<p class="note">${esc(as)}</p>`;
}

function response(r: CisoReport): string {
  const { acknowledge: a, resolve: s } = r.response;
  const counts = table(["Alerts", "Count"], [
    ["Raised in the period", n(r.response.alerts)], ["of which not acknowledged", n(r.response.stillOpen)], ["of which not resolved", n(r.response.unresolved)],
    ["Open now (not resolved, raised at any time)", n(r.alertsOpen)],
  ], "Alert counts");
  const times = table(["Measure", "Mean", "Median", "Alerts timed"], [
    ["Time to acknowledge (MTTA)", formatHours(a.meanHours), formatHours(a.medianHours), `${n(a.count)} acknowledged`],
    ["Time to resolve (MTTR)", formatHours(s.meanHours), formatHours(s.medianHours), `${n(s.count)} resolved`],
  ], "Response times");
  const basis = r.response.sampled ? `Times measured on the ${n(r.response.sampled.measured)} most recently raised of the period's ${n(r.response.sampled.of)} alerts.` : "Times measured on every alert raised in the period.";
  return counts + times + `<p class="note">${esc(basis)} All alert figures were counted together at ${iso(r.generatedAt)}.</p>`;
}

const STYLE = `body{font:10pt system-ui,sans-serif;color:#000;margin:0}h1{font-size:18pt;margin:0 0 4pt}h2{font-size:13pt;margin:0 0 4pt}
section{border:1px solid #999;padding:8pt;margin:0 0 10pt;break-inside:avoid}.why{margin:0 0 2pt}.ref,.note,.legend{font-size:8pt;color:#333}
table{border-collapse:collapse;width:100%;font-size:9pt;margin:4pt 0}caption{text-align:left;font-weight:600}th,td{border-bottom:1px solid #ccc;text-align:left;padding:2pt 6pt 2pt 0;vertical-align:top}
.key span{display:inline-block;width:10pt;height:3pt;margin-right:3pt;vertical-align:middle}`;

/** The report page: its scope, then the same sections as /reports, in the same order. */
export function cisoReportHtml(r: CisoReport): string {
  const scope = `${r.period.label}, ${r.period.fromDay} to ${r.period.toDay} (UTC) · ${r.site?.name ?? "All sites"}`;
  const body = [
    section("summary", summary(r)),
    section("trend", trendSvg(r)),
    section("top", r.top.length ? table(["#", "Device", "Risk", "Status", "Where"], deviceRows(r.top), `The ${r.top.length} riskiest devices (devices scored 0 are not ranked)`) : "<p>No device has a risk score above 0.</p>"),
    section("kev", `<p>${esc(n(r.kev.devices))} device(s) exposed to a known exploited vulnerability.</p>` + (r.kev.top.length ? table(["#", "Device", "Risk", "Status", "Known exploited vulnerabilities"], deviceRows(r.kev.top), "The riskiest exposed devices") : "")),
    section("unauthorized", table(["Measure", "Count"], [["Unauthorized now", n(r.counts["devices.unauthorized"])], ["Spoof suspected now", n(r.counts["devices.spoofed"])]], "Unauthorized and spoofed devices")),
    section("response", response(r)),
    section("accepted", r.accepted.total ? table(["Device", "Owner", "Expires", "Accepted by", "Reason"], r.accepted.rows.slice(0, 50).map((x) => [x.device, x.owner, iso(x.expiresAt), x.acceptedBy, x.reason]), `Running acceptances: ${n(r.accepted.total)}${r.accepted.total > 50 ? " (the 50 expiring soonest shown)" : ""}`) : "<p>No risk is accepted at the moment.</p>"),
    section("coverage", table(["Agent", "Devices", "Last report"], r.coverage.agents.map((g) => [g.name + (g.revoked ? " (revoked)" : ""), n(g.devices), g.lastSeenAt ? iso(g.lastSeenAt) : "never reported"]), "Devices last reported by each agent")),
    section("assets", r.assets?.entries ? table(["Measure", "Value", "What it counts"], assetInventoryLines(r.assets).map((l) => [l.item, l.value, l.what]), "Asset inventory") : "<p>No asset register has been imported.</p>"),
    section("changes", r.changes ? table(["Measure", "Value", "What it counts"], changeControlLines(r.changes).map((l) => [l.item, l.value, l.what]), "Firmware change control in the period") : "<p>Not counted.</p>"),
  ].join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CISO report</title><style>${STYLE}</style></head><body>` +
    `<h1>CISO report</h1><p><strong>${esc(scope)}</strong></p><p class="note">Generated ${iso(r.generatedAt)}. ${esc(CISO_REPORT_DISCLAIMER)}</p>${body}</body></html>`;
}
