// The preview of a register upload: the first rows as the mapping reads them, the problems found
// (row and column, as a spreadsheet shows them), and what an import would change.
import { Table } from "@/components/ui/table";
import { REGISTER_FIELD_LABELS, REGISTER_FIELDS, type RegisterField } from "@/lib/domain/assets/register-mapping";

export type Problem = { row: number; column: string; message: string };
export type Counts = { created: number; updated: number; unchanged: number; retired: number };
export type Preview = {
  source: { name: string; kind: string; lastImportAt: string | null } | null;
  headers: string[];
  mapping: Partial<Record<RegisterField, string>>;
  mappingFrom: "request" | "saved" | "suggested";
  rows: number;
  sample: { row: number; values: Partial<Record<RegisterField, string>>; extra: Record<string, string> }[];
  problems: Problem[];
  problemCount: number;
  counts: Counts | null;
};

export const countsText = (c: Counts) => `${c.created.toLocaleString("en-US")} created, ${c.updated.toLocaleString("en-US")} updated, ${c.unchanged.toLocaleString("en-US")} unchanged, ${c.retired.toLocaleString("en-US")} retired`;

export function ProblemList({ problems, total }: { problems: Problem[]; total: number }) {
  return (
    <div role="alert" className="flex flex-col gap-2 text-sm" data-testid="register-problems">
      <p className="font-medium text-red-700">
        {total === 1 ? "1 problem" : `${total.toLocaleString("en-US")} problems`}: nothing can be imported until the file is fixed.
        {total > problems.length && ` The first ${problems.length} are listed.`}
      </p>
      <Table columns={["Row", "Column", "Problem"]} stack={false}>
        {problems.map((p, i) => (
          <tr key={i} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-4 tabular-nums">{p.row}</td>
            <td className="py-1 pr-4">{p.column || "—"}</td>
            <td className="py-1">{p.message}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function SampleTable({ preview }: { preview: Preview }) {
  const fields = REGISTER_FIELDS.filter((f) => preview.mapping[f]);
  const problemRows = new Set(preview.problems.map((p) => p.row));
  return (
    <div className="overflow-x-auto" data-testid="register-preview">
      <Table columns={["Row", ...fields.map((f) => REGISTER_FIELD_LABELS[f]), "Other columns"]} caption={`The first ${preview.sample.length} of ${preview.rows.toLocaleString("en-US")} rows, as the mapping reads them`} stack={false}>
        {preview.sample.map((s) => (
          <tr key={s.row} className={`border-b border-slate-100 align-top ${problemRows.has(s.row) ? "bg-red-50" : ""}`}>
            <td className="py-1 pr-4 tabular-nums">{s.row}{problemRows.has(s.row) && <span className="sr-only"> (has a problem)</span>}</td>
            {fields.map((f) => <td key={f} className="py-1 pr-4">{s.values[f] || <span className="text-slate-400">—</span>}</td>)}
            <td className="py-1 text-xs text-slate-600">{Object.entries(s.extra).map(([k, v]) => `${k}: ${v}`).join("; ") || "—"}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
