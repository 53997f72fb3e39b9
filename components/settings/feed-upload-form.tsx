"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { FEED_NAMES } from "@/lib/domain/words/feed-names";
import { summaryText } from "./feed-words";

type Outcome = { file: string; feed: string; status: "imported" | "unchanged" | "older"; summary: Record<string, number | string> };
type Failure = { message: string; issues: { path: string; message: string }[] };
type Result = { outcomes: Outcome[] } | { error: Failure };

const STATUS_TONE: Record<Outcome["status"], Tone> = { imported: "ok", unchanged: "neutral", older: "warn" };

async function upload(form: HTMLFormElement): Promise<Result> {
  try {
    const res = await fetch("/api/feeds", { method: "POST", body: new FormData(form) });
    const body = (await res.json().catch(() => null)) as { outcomes?: Outcome[]; error?: Partial<Failure> } | null;
    if (res.ok && body?.outcomes) return { outcomes: body.outcomes };
    return { error: { message: body?.error?.message ?? `The server answered ${res.status}.`, issues: body?.error?.issues ?? [] } };
  } catch {
    return { error: { message: "The upload did not reach the server.", issues: [] } };
  }
}

function Outcomes({ outcomes }: { outcomes: Outcome[] }) {
  const rescoring = outcomes.some((o) => o.status === "imported");
  return (
    <div role="status" className="flex flex-col gap-2 text-sm">
      <ul className="flex flex-col gap-1" data-testid="feed-outcomes">
        {outcomes.map((o) => (
          <li key={`${o.feed}:${o.file}`}>
            <span className="font-medium">{o.file}</span> — {FEED_NAMES[o.feed] ?? o.feed} <Badge tone={STATUS_TONE[o.status]}>{o.status}</Badge>{" "}
            <span className="text-xs text-slate-600">{summaryText(o.summary)}</span>
          </li>
        ))}
      </ul>
      {rescoring && <p className="text-emerald-700">Imported. Devices are being rescored: scores update within a few seconds.</p>}
    </div>
  );
}

function Problem({ error }: { error: Failure }) {
  return (
    <div className="text-sm text-red-700" role="alert">
      <p className="font-medium">{error.message}</p>
      {error.issues.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {error.issues.map((i, n) => (
            <li key={n}>
              <span className="font-mono text-xs">{i.path || "(upload)"}</span>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FeedUploadForm() {
  const router = useRouter();
  const [result, setResult] = useState<Result | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setResult(null);
    const answer = await upload(form);
    setResult(answer);
    setPending(false);
    if ("outcomes" in answer) {
      form.reset();
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Import feeds">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="feed-files" label="Feed files" hint="JSON, CSV or .csv.gz; several at once; up to 70 MB in all.">
          <input id="feed-files" name="files" type="file" multiple required accept=".json,.csv,.gz,application/json,text/csv,application/gzip" className={inputClass} />
        </Field>
        <Field id="feed-device" label="Device (for an SBOM)" hint="The id or MAC of the device a CycloneDX SBOM describes.">
          <input id="feed-device" name="device" maxLength={100} className={inputClass} />
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Importing…" : "Import"}</Button>
      </div>
      {result && ("outcomes" in result ? <Outcomes outcomes={result.outcomes} /> : <Problem error={result.error} />)}
    </form>
  );
}
