// The CVEs matched to a device and why each matched; matches that need review stand apart.
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { getDeviceVulnerabilities } from "@/lib/queries/device-detail";

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
  if (r.rule === "advisory" && Array.isArray(r.matches)) return r.matches.map((m) => String(m?.why ?? "")).filter(Boolean);
  if (r.rule === "sbom-declared") return [`The SBOM declares it for component ${String(r.component ?? "?")}${r.version ? ` ${String(r.version)}` : ""} (state: ${String(r.state ?? "unknown")})`];
  return [];
}

function Advisory({ m, advisories }: { m: Match; advisories: Data["advisories"] }) {
  if (!m.advisoryId) return <>{m.source === "sbom" ? "SBOM" : "—"}</>;
  const a = advisories.get(m.advisoryId);
  const url = safeUrl(a?.url);
  return url ? <a href={url} rel="noreferrer noopener" target="_blank" title={a?.title} className="text-brand-700 underline">{m.advisoryId}</a> : <span title={a?.title}>{m.advisoryId}</span>;
}

function Row({ m, advisories }: { m: Match; advisories: Data["advisories"] }) {
  const v = m.vulnerability;
  const review = m.status === "needs_review";
  return (
    <tr className={`border-b border-slate-100 align-top ${review ? "bg-amber-50" : ""}`}>
      <td className="py-1 pr-3"><span className="whitespace-nowrap font-mono text-xs">{m.vulnerabilityId}</span>{v.title && <span className="block text-xs text-slate-500">{v.title}</span>}</td>
      <td className="whitespace-nowrap py-1 pr-3 text-xs"><Advisory m={m} advisories={advisories} /></td>
      <td className="py-1 pr-3">{review ? <Badge tone="warn">needs review</Badge> : <Badge tone="danger">affected</Badge>}</td>
      <td className="py-1 pr-3">{v.kev ? <Badge tone="danger">KEV{v.kevRansomware ? " · ransomware" : ""}</Badge> : "—"}</td>
      <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{v.cvssBaseScore != null ? `${v.cvssBaseScore.toFixed(1)}${v.cvssVersion ? ` (v${v.cvssVersion})` : ""}` : "—"}</td>
      <td className="py-1 text-xs">
        <ul className="flex flex-col gap-0.5">{whyMatched(m.reason).map((w, i) => <li key={i}>{w}</li>)}</ul>
      </td>
    </tr>
  );
}

function Table({ data }: { data: Data }) {
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
        <tbody>{affected.map((m) => <Row key={m.id} m={m} advisories={data.advisories} />)}</tbody>
        {review.length > 0 && (
          <tbody data-testid="needs-review">
            <tr><th scope="rowgroup" colSpan={6} className="border-y border-amber-300 bg-amber-100 px-2 py-1 text-left text-xs font-semibold text-amber-900">Needs review ({review.length}): the advisory&apos;s version range could not be compared automatically; a person should check the firmware.</th></tr>
            {review.map((m) => <Row key={m.id} m={m} advisories={data.advisories} />)}
          </tbody>
        )}
      </table>
    </div>
  );
}

export async function VulnerabilitiesCard({ deviceId }: { deviceId: string }) {
  const data = await getDeviceVulnerabilities(deviceId);
  return (
    <Card title="Vulnerabilities">
      {data.total === 0 ? (
        <p className="text-sm text-slate-600">No known vulnerability matches this device. Matches come from imported CSAF advisories and the device&apos;s SBOM.</p>
      ) : (
        <>
          <Table data={data} />
          {data.total > data.matches.length && <p className="mt-2 text-xs text-slate-600">Showing {data.matches.length} of {data.total}.</p>}
        </>
      )}
    </Card>
  );
}
