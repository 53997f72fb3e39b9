import { Badge } from "@/components/ui/badge";
import { fingerprintChanges } from "@/lib/queries/device-detail";
import { utcMinute, whenUtc } from "@/lib/domain/words/time-format";

type Fp = { id: string; hash: string; verdict: string; similarity: number | null; firstSeenAt: Date; lastSeenAt: Date; seenCount: number; attributes: Record<string, unknown> };

const show = (v: unknown) => (v === undefined ? "—" : String(v));

/** Newest first; each fingerprint shows what changed from the one before it. */
export function FingerprintHistory({ fingerprints }: { fingerprints: Fp[] }) {
  if (fingerprints.length === 0) return <p className="text-sm text-slate-600">No physical measurement has been reported for this device.</p>;
  return (
    <ol className="flex flex-col gap-4">
      {fingerprints.map((fp, i) => {
        const previous = fingerprints[i + 1];
        const changes = previous ? fingerprintChanges(previous.attributes, fp.attributes) : [];
        return (
          <li key={fp.id} className="rounded-md border border-slate-200 p-3">
            <p className="text-sm">
              <Badge tone={fp.verdict === "different" ? "danger" : fp.verdict === "changed" ? "warn" : "neutral"}>{fp.verdict}</Badge>{" "}
              <span className="font-mono text-xs">{fp.hash.slice(0, 16)}…</span>
              {fp.similarity !== null && <span className="text-xs text-slate-500"> · similarity {(fp.similarity * 100).toFixed(0)}%</span>}
              <span className="text-xs text-slate-500"> · seen {fp.seenCount}× from {utcMinute(fp.firstSeenAt)} to {whenUtc(fp.lastSeenAt)}</span>
            </p>
            {changes.length > 0 && (
              <table className="mt-2 w-full text-left text-xs">
                <thead className="text-slate-500"><tr><th scope="col" className="pr-4">Attribute</th><th scope="col" className="pr-4">Before</th><th scope="col">Now</th></tr></thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.attribute}><td className="pr-4 font-mono">{c.attribute}</td><td className="break-all pr-4 font-mono text-red-700">{show(c.before)}</td><td className="break-all font-mono text-emerald-800">{show(c.after)}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        );
      })}
    </ol>
  );
}
