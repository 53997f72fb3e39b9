import type { ReactNode } from "react";

/** Label and value pairs as a definition list: the labels in a narrow column, the values beside them. */
export function FactList({ rows, className, valueClassName = "break-words", testId }: { rows: [string, ReactNode][]; className: string; valueClassName?: string; testId?: string }) {
  return (
    <dl className={className} data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className={valueClassName}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
