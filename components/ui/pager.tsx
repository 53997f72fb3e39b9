import Link from "next/link";

export type PagerProps = {
  /** This is not the first page: a link back to it. */
  later: boolean;
  /** The next page's cursor, when there is one. */
  next?: string;
  /** The previous page's cursor, when the list can read backwards (keysetPage in lib/queries/page-params.ts). */
  previous?: string;
  /** The last page's cursor (LAST_PAGE), shown while a next page exists. */
  last?: string;
  /** The view's URL at a cursor (none: the first page), keeping its filters and page size. */
  href: (cursor?: string) => string;
  /** The page-size choice: the current size, the sizes offered and the URL at a size (first page). */
  size?: { current: number; options: readonly number[]; href: (size: number) => string };
};

const linkClass = "text-brand-700 underline";

/** Keyset paging: first, previous, next and last pages, and how many rows a page shows. */
export function Pager({ later, next, previous, last, href, size }: PagerProps) {
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-4 text-sm">
      {later && <Link href={href()} className={linkClass}>First page</Link>}
      {previous && <Link href={href(previous)} className={linkClass} rel="prev">Previous page</Link>}
      {next && <Link href={href(next)} className={linkClass} rel="next">Next page</Link>}
      {next && last && <Link href={href(last)} className={linkClass}>Last page</Link>}
      {size && (
        <span className="ml-auto flex items-center gap-2 text-slate-600">
          Per page:
          {size.options.map((n) =>
            n === size.current ? (
              <span key={n} aria-current="true" className="font-semibold text-slate-900">{n}</span>
            ) : (
              <Link key={n} href={size.href(n)} className={linkClass} aria-label={`Show ${n} per page`}>{n}</Link>
            ),
          )}
        </span>
      )}
    </nav>
  );
}
