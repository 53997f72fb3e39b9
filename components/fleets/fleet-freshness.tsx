import { utcSecond } from "@/lib/domain/words/time-format";

/**
 * When the fleets were counted, in the overview's words for its tally (the same pass recounts
 * both): the list is a count taken ahead, so a device reported a moment ago may not be in it yet.
 */
export function FleetFreshness({ countedAt }: { countedAt: Date }) {
  const at = utcSecond(countedAt);
  return (
    <p className="mb-4 text-sm text-slate-600" data-testid="fleet-freshness" data-counted-at={countedAt.toISOString()}>
      Counted at {at.slice(11)} UTC ({at.slice(0, 10)}); fleets are recounted every minute, and within seconds after agents report.
    </p>
  );
}
