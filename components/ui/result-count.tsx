/** A list's result count as lib/db/bounded-count.ts gives it: exact, or "more than" its bound. */
export type Total = { count: number; more: boolean };

const number = (n: number) => n.toLocaleString("en-US");

/** "1,234 devices", "1 device", "More than 10,000 devices": `noun` is the singular, `plural` defaults to noun + "s". */
export function resultCountText({ count, more }: Total, noun: string, plural = `${noun}s`): string {
  const word = count === 1 && !more ? noun : plural;
  return more ? `More than ${number(count)} ${word}` : `${number(count)} ${word}`;
}

/**
 * How many results the list's filters found (all pages), above the list. Props: `total` (from
 * boundedCount), `noun` ("device"), optionally `plural` ("matches") and `suffix` (" match these filters").
 */
export function ResultCount({ total, noun, plural, suffix = "" }: { total: Total; noun: string; plural?: string; suffix?: string }) {
  return (
    <p data-testid="result-count" className="mb-3 text-sm font-medium text-slate-700">
      {resultCountText(total, noun, plural)}
      {suffix}
    </p>
  );
}
