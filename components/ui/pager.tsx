import Link from "next/link";

/**
 * Keyset paging: a link back to the first page when this is a later one, and one to the next
 * page when there is one. `href(cursor)` is the view's URL at a cursor (none: the first page).
 */
export function Pager({ later, next, href }: { later: boolean; next?: string; href: (cursor?: string) => string }) {
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
      {later && <Link href={href()} className="text-brand-700 underline">First page</Link>}
      {next && <Link href={href(next)} className="text-brand-700 underline">Next page</Link>}
    </nav>
  );
}
