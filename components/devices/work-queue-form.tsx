"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
export type QueueItem = { id: string; name: string; category: string; status: string; reason: string; spoof: string | null; mac: string | null; segment: string | null; lastSeen: string };

/** The work queue: pick devices, then approve or block them together, with one reason. */
export function WorkQueueForm({ action, items, canDecide }: { action: Action; items: QueueItem[]; canDecide: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label="Unauthorized and spoofed devices">
      {canDecide && (
        <div className="mb-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs font-medium text-slate-700">
            Reason for the selected devices (kept in the audit log)
            <input name="reason" maxLength={500} className={inputClass} />
          </label>
          <Button type="submit" name="decision" value="approve" disabled={pending}>Approve selected</Button>
          <Button type="submit" name="decision" value="block" variant="danger" disabled={pending}>Block selected</Button>
        </div>
      )}
      {state?.message && <p role="status" className={`mb-3 text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</p>}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              {canDecide && <th scope="col" className="py-2 pr-2"><span className="sr-only">Select</span></th>}
              <th scope="col" className="py-2 pr-4">Device</th>
              <th scope="col" className="py-2 pr-4">Why it is here</th>
              <th scope="col" className="py-2 pr-4">Where</th>
              <th scope="col" className="py-2">Last seen (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} className="border-b border-slate-100 align-top">
                {canDecide && (
                  <td className="py-2 pr-2">
                    <input type="checkbox" name="id" value={d.id} aria-label={`Select ${d.name}`} />
                  </td>
                )}
                <td className="py-2 pr-4">
                  <Link href={`/devices/${d.id}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
                  <p className="font-mono text-xs text-slate-500">{d.mac ?? ""}</p>
                </td>
                <td className="max-w-xl py-2 pr-4">
                  {d.spoof && <p><Badge tone="danger">spoof</Badge> {d.spoof}</p>}
                  {d.status === "unauthorized" && <p><Badge tone="warn">unauthorized</Badge> {d.reason}</p>}
                </td>
                <td className="py-2 pr-4 text-xs">{d.segment ?? "—"}</td>
                <td className="whitespace-nowrap py-2 tabular-nums">{d.lastSeen}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </form>
  );
}
