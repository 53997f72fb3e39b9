import Link from "next/link";

type Params = Record<string, string | number | undefined>;
export type Chip = { key: string; text: string; removeHref: string };

/** `/inventory?a=1&b=2` from the set params, leaving out the ones named in `drop`. */
export function hrefWith(path: string, params: Params, drop: string[] = []): string {
  const set = Object.entries(params).filter((e): e is [string, string | number] => !!e[1] && !drop.includes(e[0]));
  const query = new URLSearchParams(set.map(([k, v]) => [k, String(v)])).toString();
  return query ? `${path}?${query}` : path;
}

/**
 * One chip per active filter, in the order of `words` (each key's name and how its value reads).
 * Removing one keeps the others and goes back to the first page (the `pageKey` is dropped).
 */
export function filterChips(path: string, params: Params, words: Record<string, [name: string, value?: (v: string) => string]>, pageKey: string): Chip[] {
  return Object.entries(words).flatMap(([key, [name, value]]) => {
    const v = params[key];
    return v ? [{ key, text: `${name}: ${value ? value(String(v)) : v}`, removeHref: hrefWith(path, params, [key, pageKey]) }] : [];
  });
}

export function FilterChips({ chips }: { chips: Chip[] }) {
  if (!chips.length) return null;
  return (
    <ul aria-label="Active filters" className="mb-3 flex flex-wrap gap-2 text-xs">
      {chips.map((c) => (
        <li key={c.key}>
          <Link href={c.removeHref} aria-label={`Remove filter ${c.text}`} className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-900 ring-1 ring-inset ring-brand-600/30 hover:bg-brand-100">
            {c.text}
            <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** A download of the current view as CSV: a plain link, so the browser streams it to a file. */
export function ExportLink({ href, what }: { href: string; what: string }) {
  return (
    <a href={href} download title={`Download ${what} as a CSV file`} className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
      Export CSV
    </a>
  );
}

/**
 * URL parameters the view refused (refusedParams in lib/queries/page-params.ts), said on the page:
 * a hand-edited or old link is not mistaken for a filtered list. `names` gives each parameter's label.
 */
export function IgnoredFilters({ ignored, names }: { ignored: { name: string; value: string }[]; names: Record<string, string> }) {
  if (!ignored.length) return null;
  return (
    <ul role="alert" aria-label="Ignored filters" className="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
      {ignored.map((u) => (
        <li key={u.name}>Unknown value &lsquo;{u.value}&rsquo; for {names[u.name] ?? u.name} was ignored.</li>
      ))}
    </ul>
  );
}
