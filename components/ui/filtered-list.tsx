import { Card } from "@/components/ui/card";
import { FilterChips, IgnoredFilters, type Chip } from "@/components/ui/filter-chips";
import { Pager, type PagerProps } from "@/components/ui/pager";
import { ResultCount, type Total } from "@/components/ui/result-count";

/**
 * A list view's two cards: the filter form, then the list under its active filters (as chips
 * that remove one filter each), the filters it ignored and its result count, with page links.
 */
export function FilteredList({ filters, chips, pages, heading, total, ignored, spacing = "mb-4", listClassName, children }: {
  filters: React.ReactNode;
  chips: Chip[];
  pages: PagerProps;
  heading?: React.ReactNode;
  /** How many results, with the noun that counts them ({ total, noun: "device" }). */
  total?: React.ComponentProps<typeof ResultCount> & { total: Total };
  /** Refused URL parameters and each one's label. */
  ignored?: React.ComponentProps<typeof IgnoredFilters>;
  /** The space below the filter card. */
  spacing?: string;
  listClassName?: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <Card className={spacing}>{filters}</Card>
      <Card className={listClassName}>
        {heading}
        {ignored && <IgnoredFilters {...ignored} />}
        <FilterChips chips={chips} />
        {total && <ResultCount {...total} />}
        {children}
        <Pager {...pages} />
      </Card>
    </>
  );
}
