// What every dashboard form shares: the server action's signature, its state, and its answer.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/web/action-result";

/** A server action as a form calls it through useActionState. */
export type FormAction<R extends ActionResult = ActionResult> = (previous: R | null, form: FormData) => Promise<R>;

/** The action's last answer, the form's action, whether it is running, and the refused fields. */
export function useFormAction<R extends ActionResult>(action: FormAction<R>) {
  const [state, formAction, pending] = useActionState(action, null);
  return { state, formAction, pending, errors: state?.fieldErrors ?? {} };
}

/** The action's answer, read out to screen readers: green when it worked, red when refused. */
export function ActionMessage({ state, className = "text-sm", as: Tag = "p" }: { state: ActionResult | null; className?: string; as?: "p" | "span" }) {
  if (!state?.message) return null;
  return <Tag role="status" className={`${className} ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message}</Tag>;
}

/** The submit button (its text while the action runs) with the action's answer beside it. */
export function SubmitRow({ state, pending, text, pendingText, className }: { state: ActionResult | null; pending: boolean; text: string; pendingText: string; className: string }) {
  return (
    <div className={className}>
      <Button type="submit" disabled={pending}>{pending ? pendingText : text}</Button>
      <ActionMessage state={state} />
    </div>
  );
}
