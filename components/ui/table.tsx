// The dashboard's lists as plain tables: a header row of columns, rows given by the caller.
type Column = string | { label: React.ReactNode; className: string; sort?: "ascending" | "descending" | "none" };

const classes = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(" ");

/** The last column of a list whose rows end with buttons: named for screen readers only. */
export const ACTIONS_COLUMN = <span className="sr-only">Actions</span>;

/** The words of a column's label: a string, or the `label` or text of the element that draws it (a sort link). */
function labelText(node: React.ReactNode): string | undefined {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(labelText).filter(Boolean).join(" ") || undefined;
  if (node && typeof node === "object" && "props" in node) {
    const props = node.props as { label?: unknown; children?: React.ReactNode };
    return typeof props.label === "string" ? props.label : labelText(props.children);
  }
  return undefined;
}

/** A short, stable key for a list of column names (the same columns share one set of rules). */
function columnsKey(labels: (string | undefined)[]) {
  let hash = 5381;
  for (const char of labels.join("|")) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
  return hash.toString(36);
}

/**
 * On a phone each row is stacked as a card (see .table-stack in globals.css): the header row is
 * out of sight, so each cell shows its column's name above it. The names are CSS text with an
 * empty alternative ("/ ''") so screen readers, which still have the real header row, do not
 * hear them twice. A sort link stays on screen in the header row (see globals.css).
 */
function StackLabels({ stackKey, labels, lead }: { stackKey: string; labels: (string | undefined)[]; lead: number }) {
  const rules = labels
    // The first column (the device, the user…) leads its card and needs no name above it.
    .map((text, i) => (text && i !== lead ? `.table-stack[data-stack="${stackKey}"] td:nth-child(${i + 1})::before{content:${JSON.stringify(text)} / ""}` : ""))
    .filter(Boolean);
  if (rules.length === 0) return null;
  return <style>{`@media (max-width: 639.98px){${rules.join("")}}`}</style>;
}

/**
 * A table whose rows stack into cards on a phone (`stack` false: it scrolls sideways instead).
 * `columns` head the cells padded on their right; `last`, when given, heads the final cell,
 * which is not; `selectable` adds a first column of checkboxes. The rows are the children.
 */
export function Table({ columns, last, selectable, caption, testId, className, stack = true, children }: {
  columns: Column[];
  last?: React.ReactNode;
  selectable?: boolean;
  caption?: string;
  testId?: string;
  className?: string;
  stack?: boolean;
  children: React.ReactNode;
}) {
  const labels = [...(selectable ? [undefined] : []), ...columns.map((c) => labelText(typeof c === "string" ? c : c.label)), ...(last === undefined ? [] : [labelText(last)])];
  const stackKey = columnsKey(labels);
  return (
    <div className="overflow-x-auto">
      {stack && <StackLabels stackKey={stackKey} labels={labels} lead={selectable ? 1 : 0} />}
      <table
        className={classes(className, "w-full text-left text-sm", stack && "table-stack")}
        data-stack={stack ? stackKey : undefined}
        data-selectable={stack && selectable ? "" : undefined}
        data-testid={testId}
      >
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            {selectable && <th scope="col" className="py-2 pr-2"><span className="sr-only">Select</span></th>}
            {columns.map((c, i) => {
              const [label, extra] = typeof c === "string" ? [c, undefined] : [c.label, c.className];
              return <th key={i} scope="col" aria-sort={typeof c === "string" ? undefined : c.sort} className={classes(extra, "py-2 pr-4")}>{label}</th>;
            })}
            {last !== undefined && <th scope="col" className="py-2">{last}</th>}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
