import Link from "next/link";

export type SortDir = "asc" | "desc";
/** The list's order as its URL says it: a sort key and a direction. */
export type SortState = { sort: string; dir: SortDir };

/** The value of aria-sort for the header of `column`. */
export const ariaSort = (column: string, current: SortState): "ascending" | "descending" | "none" => (column === current.sort ? (current.dir === "asc" ? "ascending" : "descending") : "none");

/**
 * A column label that sorts the list by its column: a link to the first page in the column's
 * first direction (`firstDir`), or in the other direction when the list is already sorted by it.
 * The arrow shows the current direction.
 */
export function SortableHeader({ label, column, current, href, firstDir = "desc" }: {
  label: string;
  column: string;
  current: SortState;
  href: (sort: string, dir: SortDir) => string;
  firstDir?: SortDir;
}) {
  const active = column === current.sort;
  const dir: SortDir = active ? (current.dir === "asc" ? "desc" : "asc") : firstDir;
  const arrow = active ? (current.dir === "asc" ? "▲" : "▼") : "↕";
  return (
    <Link href={href(column, dir)} prefetch={false} className="inline-flex items-center gap-1 uppercase hover:text-slate-900" title={`Sort by ${label.toLowerCase()}, ${dir === "asc" ? "ascending" : "descending"}`}>
      {label}
      <span aria-hidden="true" className={active ? "text-slate-900" : "text-slate-300"}>{arrow}</span>
      {active && <span className="sr-only">(sorted {current.dir === "asc" ? "ascending" : "descending"})</span>}
    </Link>
  );
}
