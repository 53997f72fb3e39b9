// The dashboard's lists as plain tables: a header row of columns, rows given by the caller.
type Column = string | { label: React.ReactNode; className: string };

const classes = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ");

/** The last column of a list whose rows end with buttons: named for screen readers only. */
export const ACTIONS_COLUMN = <span className="sr-only">Actions</span>;

/**
 * A table that scrolls sideways on a narrow screen. `columns` head the cells padded on their
 * right; `last`, when given, heads the final cell, which is not; `selectable` adds a first column
 * of checkboxes. The rows are the children.
 */
export function Table({ columns, last, selectable, caption, testId, className, children }: {
  columns: Column[];
  last?: React.ReactNode;
  selectable?: boolean;
  caption?: string;
  testId?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={classes(className, "w-full text-left text-sm")} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            {selectable && <th scope="col" className="py-2 pr-2"><span className="sr-only">Select</span></th>}
            {columns.map((c, i) => {
              const [label, extra] = typeof c === "string" ? [c, undefined] : [c.label, c.className];
              return <th key={i} scope="col" className={classes(extra, "py-2 pr-4")}>{label}</th>;
            })}
            {last !== undefined && <th scope="col" className="py-2">{last}</th>}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
