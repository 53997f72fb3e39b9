// The CVEs matched to a device and why each matched; matches that need review stand apart.
import { MatchDecisionButtons } from "@/components/devices/match-decision-buttons";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { reviewWords } from "@/lib/domain/vulns/decided-matches";
import { getDeviceVulnerabilities } from "@/lib/queries/device-detail";
import { getDeviceVendorView } from "@/lib/queries/manufacturer-closures";
import type { Advice, Closure } from "@/lib/domain/vulns/vendor-statements";

type Data = Awaited<ReturnType<typeof getDeviceVulnerabilities>>;
type Match = Data["matches"][number];

/** Only plain web links are followed; anything else from a feed is shown as text. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** The stored reason in words: the advisory ranges compared, or what the SBOM declares. */
export function whyMatched(reason: unknown): string[] {
  const r = (reason ?? {}) as { rule?: string; matches?: { why?: unknown }[]; component?: unknown; version?: unknown; state?: unknown };
  const decided = reviewWords(reason); // a person's decision on a possible match (lib/domain/vulns/decided-matches.ts)
  if (r.rule === "advisory" && Array.isArray(r.matches)) return [...r.matches.map((m) => String(m?.why ?? "")).filter(Boolean), ...(decided ? [decided] : [])];
  if (r.rule === "sbom-declared") return [`The SBOM declares it for component ${String(r.component ?? "?")}${r.version ? ` ${String(r.version)}` : ""} (state: ${String(r.state ?? "unknown")})`, ...(decided ? [decided] : [])];
  return [];
}

function Advisory({ m, advisories }: { m: Match; advisories: Data["advisories"] }) {
  if (!m.advisoryId) return <>{m.source === "sbom" ? "SBOM" : "—"}</>;
  const a = advisories.get(m.advisoryId);
  const url = safeUrl(a?.url);
  return url ? <a href={url} rel="noreferrer noopener" target="_blank" title={a?.title} className="text-brand-700 underline">{m.advisoryId}</a> : <span title={a?.title}>{m.advisoryId}</span>;
}

/** decide: the confirm / dismiss buttons of a possible match, for people who may review matches. */
type Decide = ((cve: string) => React.ReactNode) | undefined;

/** What the vendor says to do about an open match: update, mitigate, work around (with its link). */
function WhatToDo({ advice }: { advice: Advice[] | undefined }) {
  if (!advice?.length) return null;
  return (
    <ul className="mt-1 flex flex-col gap-0.5 border-l-2 border-brand-200 pl-2" data-testid="what-to-do">
      {advice.slice(0, 5).map((a, i) => {
        const url = safeUrl(a.url);
        return <li key={i} className={a.kind === "update" ? "font-medium" : ""}>{a.text}{url && <> (<a href={url} rel="noreferrer noopener" target="_blank" className="text-brand-700 underline">link</a>)</>}</li>;
      })}
    </ul>
  );
}

/** Matches the manufacturer closed: a fixed version at or below the device's, or its "not affected". */
function ClosedByManufacturer({ closed }: { closed: Closure[] }) {
  if (!closed.length) return null;
  return (
    <details className="mt-3 text-xs" data-testid="closed-by-manufacturer">
      <summary className="cursor-pointer text-slate-600">Closed by the manufacturer ({closed.length})</summary>
      <ul className="mt-1 flex flex-col gap-0.5">{closed.map((c) => <li key={c.cve}><span className="font-mono">{c.cve}</span>{c.advisoryId ? ` (${c.advisoryId})` : ""}: {c.why}</li>)}</ul>
    </details>
  );
}

function Row({ m, advisories, decide, advice }: { m: Match; advisories: Data["advisories"]; decide?: Decide; advice?: Advice[] }) {
  const v = m.vulnerability;
  const review = m.status === "needs_review";
  return (
    <tr className={`border-b border-slate-100 align-top ${review ? "bg-amber-50" : ""}`}>
      <td className="py-1 pr-3"><span className="whitespace-nowrap font-mono text-xs">{m.vulnerabilityId}</span>{v.title && <span className="block text-xs text-slate-500">{v.title}</span>}</td>
      <td className="whitespace-nowrap py-1 pr-3 text-xs"><Advisory m={m} advisories={advisories} /></td>
      <td className="py-1 pr-3">{review ? <Badge tone="warn">possible match</Badge> : <Badge tone="danger">affected</Badge>}</td>
      <td className="py-1 pr-3">{v.kev ? <Badge tone="danger">KEV{v.kevRansomware ? " · ransomware" : ""}</Badge> : "—"}</td>
      <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{v.cvssBaseScore != null ? `${v.cvssBaseScore.toFixed(1)}${v.cvssVersion ? ` (v${v.cvssVersion})` : ""}` : "—"}</td>
      <td className="py-1 text-xs">
        <ul className="flex flex-col gap-0.5">{whyMatched(m.reason).map((w, i) => <li key={i}>{w}</li>)}</ul>
        <WhatToDo advice={advice} />
        {review && decide?.(m.vulnerabilityId)}
      </td>
    </tr>
  );
}

function Table({ data, decide, advice }: { data: Data; decide?: Decide; advice: Map<string, Advice[]> }) {
  const affected = data.matches.filter((m) => m.status !== "needs_review");
  const review = data.matches.filter((m) => m.status === "needs_review");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="device-vulnerabilities">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">CVE</th><th scope="col" className="py-2 pr-3">Advisory</th><th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">KEV</th><th scope="col" className="py-2 pr-3">CVSS</th><th scope="col" className="py-2">Why it matched</th>
          </tr>
        </thead>
        <tbody>{affected.map((m) => <Row key={m.id} m={m} advisories={data.advisories} advice={advice.get(m.vulnerabilityId)} />)}</tbody>
        {review.length > 0 && (
          <tbody data-testid="needs-review">
            <tr><th scope="rowgroup" colSpan={6} className="border-y border-amber-300 bg-amber-100 px-2 py-1 text-left text-xs font-semibold text-amber-900">Possible matches ({review.length}): the matching is not sure these apply (a name only close, or a version it cannot read). Check the device, then confirm or dismiss; the decision is kept through advisory updates.</th></tr>
            {review.map((m) => <Row key={m.id} m={m} advisories={data.advisories} decide={decide} advice={advice.get(m.vulnerabilityId)} />)}
          </tbody>
        )}
      </table>
    </div>
  );
}

export async function VulnerabilitiesCard({ deviceId, decideMatch }: { deviceId: string; decideMatch?: FormAction | null }) {
  const [data, vendor] = await Promise.all([getDeviceVulnerabilities(deviceId), getDeviceVendorView(deviceId)]);
  const decide: Decide = decideMatch ? (cve) => <MatchDecisionButtons action={decideMatch} deviceId={deviceId} cve={cve} /> : undefined;
  return (
    <Card title="Vulnerabilities">
      {data.total === 0 ? (
        <p className="text-sm text-slate-600">No known vulnerability matches this device. Matches come from imported CSAF advisories and the device&apos;s SBOM.</p>
      ) : (
        <>
          <Table data={data} decide={decide} advice={vendor.advice} />
          {data.total > data.matches.length && <p className="mt-2 text-xs text-slate-600">Showing {data.matches.length} of {data.total}.</p>}
        </>
      )}
      <ClosedByManufacturer closed={vendor.closed} />
    </Card>
  );
}
