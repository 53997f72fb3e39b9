"use client";

// Settings → Asset register: upload a register CSV, map its columns, preview the first rows and
// the problems, then import it (confirmed, with what it will create, update and retire). The file
// goes to a route handler (POST /api/assets/import), not a server action: registers are larger
// than an action's 1 MB body limit. The browser keeps the file, so the import sends it again.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, noSubmitOnEnter, type Confirmation } from "@/components/ui/confirm-dialog";
import { Field, inputClass } from "@/components/ui/field";
import { REGISTER_FIELD_LABELS, REGISTER_FIELDS, type RegisterField } from "@/lib/domain/assets/register-mapping";
import { countsText, ProblemList, SampleTable, type Counts, type Preview } from "./register-preview";

type Failure = { message: string; issues: { path: string; message: string }[] };
type Imported = Counts & { rows: number; ms: number };
type Answer = { preview: Preview } | { result: Imported } | { error: Failure };

async function send(data: FormData): Promise<Answer> {
  try {
    const res = await fetch("/api/assets/import", { method: "POST", body: data });
    const body = (await res.json().catch(() => null)) as { preview?: Preview; result?: Imported; error?: Partial<Failure> } | null;
    if (res.ok && body?.preview) return { preview: body.preview };
    if (res.ok && body?.result) return { result: body.result };
    return { error: { message: body?.error?.message ?? `The server answered ${res.status}.`, issues: body?.error?.issues ?? [] } };
  } catch {
    return { error: { message: "The upload did not reach the server.", issues: [] } };
  }
}

const FROM_WORDS: Record<Preview["mappingFrom"], string> = {
  saved: "This source's saved mapping, from its last import.",
  suggested: "Suggested from the column names: check each field.",
  request: "Your mapping.",
};

function MappingStep({ preview, mapping, onChange }: { preview: Preview; mapping: Partial<Record<RegisterField, string>>; onChange: (field: RegisterField, column: string) => void }) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-semibold text-slate-800">Columns</legend>
      <p className="text-xs text-slate-600">{FROM_WORDS[preview.mappingFrom]} Columns no field takes are kept with each entry as they are.</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {REGISTER_FIELDS.map((field) => (
          <Field key={field} id={`map-${field}`} label={field === "assetTag" ? `${REGISTER_FIELD_LABELS[field]} (required)` : REGISTER_FIELD_LABELS[field]}>
            <select id={`map-${field}`} value={mapping[field] ?? ""} onChange={(e) => onChange(field, e.target.value)} className={inputClass} required={field === "assetTag"}>
              <option value="">— not in this file —</option>
              {preview.headers.filter(Boolean).map((h) => <option key={h} value={h}>{h}</option>)}
            </select>
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

export function RegisterUpload({ sources }: { sources: string[] }) {
  const router = useRouter();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<RegisterField, string>>>({});
  const [answer, setAnswer] = useState<{ result: Imported } | { error: Failure } | null>(null);
  const [pending, setPending] = useState<"preview" | "import" | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);

  // A new file or source starts over: its columns, and so its mapping, may differ.
  const startOver = () => {
    setPreview(null);
    setMapping({});
    setAnswer(null);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const step = submitter?.value === "import" ? "import" : "preview";
    setConfirmation(null);
    const data = new FormData(event.currentTarget);
    data.set("step", step);
    if (preview) data.set("mapping", JSON.stringify(mapping));
    setPending(step);
    setAnswer(null);
    const reply = await send(data);
    setPending(null);
    if ("preview" in reply) {
      setPreview(reply.preview);
      setMapping(reply.preview.mapping);
    } else {
      setAnswer(reply);
      if ("result" in reply) {
        setPreview(null);
        router.refresh();
      }
    }
  }

  const counts = preview?.counts;
  const changed = preview !== null && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);
  const askToImport = () =>
    counts &&
    setConfirmation({
      question: `Import ${preview!.rows.toLocaleString("en-US")} rows into the register?`,
      consequence: `${countsText(counts)}. Retired entries are kept, never deleted, and come back when a later file lists them again. Reconciliation with the devices the network sees runs afterwards.`,
      confirm: "Import",
      name: "step",
      value: "import",
      danger: counts.retired > 0,
    });

  return (
    <form onSubmit={onSubmit} onKeyDown={noSubmitOnEnter} className="flex flex-col gap-4" aria-label="Import an asset register">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="register-source" label="Source" hint="A name for this register, e.g. “Nuvolo export”. Importing under an existing name updates that source in place.">
          <input id="register-source" name="source" list="register-sources" required maxLength={120} onChange={startOver} className={inputClass} aria-describedby="register-source-hint" />
        </Field>
        <datalist id="register-sources">{sources.map((s) => <option key={s} value={s} />)}</datalist>
        <Field id="register-file" label="Register file (CSV)" hint="Comma or semicolon separated, header on the first line; up to 64 MB and 500,000 rows.">
          <input id="register-file" name="file" type="file" required accept=".csv,text/csv" onChange={startOver} className={inputClass} aria-describedby="register-file-hint" />
        </Field>
      </div>
      {preview && <MappingStep preview={preview} mapping={mapping} onChange={(field, column) => setMapping((m) => ({ ...m, [field]: column || undefined }))} />}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="step" value="preview" variant={preview && !changed ? "secondary" : "primary"} disabled={pending !== null}>
          {pending === "preview" ? "Reading…" : preview ? "Preview with this mapping" : "Preview"}
        </Button>
        {preview && (
          <Button type="button" onClick={askToImport} disabled={pending !== null || !counts || changed} aria-describedby="register-import-why">
            {pending === "import" ? "Importing…" : "Import…"}
          </Button>
        )}
        {preview && (
          <p id="register-import-why" className="text-xs text-slate-600">
            {changed ? "The mapping changed: preview again first." : counts ? `Would be: ${countsText(counts)}.` : "Fix the problems below, then choose the file again."}
          </p>
        )}
      </div>
      {preview && preview.problemCount > 0 && <ProblemList problems={preview.problems} total={preview.problemCount} />}
      {preview && preview.sample.length > 0 && <SampleTable preview={preview} />}
      {answer && "result" in answer && (
        <p role="status" className="text-sm text-emerald-700" data-testid="register-result">
          Imported {answer.result.rows.toLocaleString("en-US")} rows: {countsText(answer.result)} ({(answer.result.ms / 1000).toFixed(1)} s).
        </p>
      )}
      {answer && "error" in answer && (
        <div role="alert" className="text-sm text-red-700" data-testid="register-error">
          <p className="font-medium">{answer.error.message}</p>
          {answer.error.issues.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {answer.error.issues.map((i, n) => <li key={n}><span className="font-medium">{i.path}</span>: {i.message}</li>)}
            </ul>
          )}
        </div>
      )}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </form>
  );
}
