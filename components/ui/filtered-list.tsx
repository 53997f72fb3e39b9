import { Card } from "@/components/ui/card";
import { FilterChips, type Chip } from "@/components/ui/filter-chips";
import { Pager } from "@/components/ui/pager";

/**
 * A list view's two cards: the filter form, then the list under its active filters (as chips
 * that remove one filter each) with links to the first and next pages.
 */
export function FilteredList({ filters, chips, pages, heading, spacing = "mb-4", listClassName, children }: {
  filters: React.ReactNode;
  chips: Chip[];
  pages: React.ComponentProps<typeof Pager>;
  heading?: React.ReactNode;
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
        <FilterChips chips={chips} />
        {children}
        <Pager {...pages} />
      </Card>
    </>
  );
}
