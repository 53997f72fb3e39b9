import { WebhookButton } from "@/components/settings/integrations/webhook-buttons";
import { WebhookCreateForm, WebhookEditForm, WebhookRotateForm } from "@/components/settings/integrations/webhook-form";
import { WEBHOOK_KIND_WORDS } from "@/components/settings/integrations/webhook-kinds";
import type { FormAction } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { webhookKindsOf } from "@/lib/domain/integrations/webhook-filter";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listWebhooks, type WebhookView } from "@/lib/queries/webhook-views";
import type { ActionResult } from "@/lib/web/action-result";

type SecretAction = FormAction<ActionResult & { secret?: string; name?: string }>;
/** The server actions the forms call (passed by the page: components never import app/). */
export type WebhookActions = {
  create: SecretAction; edit: FormAction; rotate: SecretAction; setEnabled: FormAction; testSend: FormAction; redeliver: FormAction; redeliverAll: FormAction;
};

function Tries({ webhook }: { webhook: WebhookView }) {
  if (webhook.tries.length === 0) return <p className="text-sm text-slate-600">No delivery yet.</p>;
  return (
    <Table columns={["When", "Event", "Status", "Took"]} last="Answer or error" caption={`Newest deliveries to ${webhook.name}`} testId={`webhook-tries-${webhook.name}`}>
      {webhook.tries.map((t) => (
        <tr key={t.id} className="border-b border-slate-100 align-top">
          <td className="py-1 pr-4 whitespace-nowrap tabular-nums">{whenUtc(t.at, "second")}</td>
          <td className="py-1 pr-4"><span className="font-mono text-xs">{t.message.eventKind}</span></td>
          <td className="py-1 pr-4">{t.ok ? <Badge tone="ok">{t.statusCode ?? "ok"}</Badge> : <Badge tone="danger">{t.statusCode ?? "failed"}</Badge>}</td>
          <td className="py-1 pr-4 tabular-nums">{t.durationMs} ms</td>
          <td className="py-1 text-xs text-slate-600 break-all">{t.ok ? t.answer : t.error ?? t.answer}</td>
        </tr>
      ))}
    </Table>
  );
}

function DeadLetters({ webhook, actions }: { webhook: WebhookView; actions: WebhookActions }) {
  if (webhook.dead.length === 0) return null;
  return (
    <div className="mt-3" data-testid={`webhook-dead-${webhook.name}`}>
      <div className="mb-1 flex flex-wrap items-center gap-3">
        <h4 className="text-sm font-medium text-slate-800">Given up on ({webhook.counts.dead.toLocaleString("en-US")})</h4>
        <WebhookButton action={actions.redeliverAll} id={webhook.id} name={webhook.name} label="Redeliver all" />
      </div>
      <Table columns={["Queued", "Event", "Tries", "Why"]} last="" caption={`Dead letters of ${webhook.name}`}>
        {webhook.dead.map((m) => (
          <tr key={m.id} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-4 whitespace-nowrap tabular-nums">{whenUtc(m.createdAt, "second")}</td>
            <td className="py-1 pr-4 font-mono text-xs">{m.eventKey}</td>
            <td className="py-1 pr-4 tabular-nums">{m.attempts}</td>
            <td className="py-1 pr-4 text-xs text-slate-600">{m.lastError}</td>
            <td className="py-1"><WebhookButton action={actions.redeliver} id={m.id} name={m.eventKey} label="Redeliver" /></td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Webhook({ webhook: w, actions }: { webhook: WebhookView; actions: WebhookActions }) {
  const kinds = webhookKindsOf(w.kinds);
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid={`webhook-${w.name}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h3 className="font-medium">{w.name}</h3>
        {w.enabled ? <Badge tone="ok">enabled</Badge> : <Badge tone="neutral">disabled</Badge>}
        <span className="font-mono text-xs break-all text-slate-600">{w.url}</span>
        <span className="text-xs text-slate-500">secret {w.secretPrefix}…</span>
      </div>
      <p className="mb-1 text-sm text-slate-700">
        Sends {kinds.map((k) => WEBHOOK_KIND_WORDS[k].split(" (")[0].toLowerCase()).join(", ") || "nothing but test events"}; alerts from {w.minSeverity}.
      </p>
      <p className="mb-2 text-sm text-slate-700" data-testid={`webhook-counts-${w.name}`}>
        {countOf(w.counts.delivered, "message")} delivered · {w.counts.pending.toLocaleString("en-US")} waiting · {w.counts.dead.toLocaleString("en-US")} dead
      </p>
      <div className="mb-3 flex flex-wrap items-start gap-2">
        <WebhookButton action={actions.testSend} id={w.id} name={w.name} label="Test send" />
        <WebhookButton action={actions.setEnabled} id={w.id} name={w.name} label={w.enabled ? "Disable" : "Enable"} fields={{ enabled: w.enabled ? "false" : "true" }} />
        <WebhookRotateForm action={actions.rotate} id={w.id} name={w.name} />
      </div>
      <Tries webhook={w} />
      <DeadLetters webhook={w} actions={actions} />
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Edit settings</summary>
        <div className="mt-2">
          <WebhookEditForm action={actions.edit} initial={{ id: w.id, name: w.name, url: w.url, kinds, minSeverity: w.minSeverity }} />
        </div>
      </details>
    </li>
  );
}

/** Settings → Integrations: where alerts and quarantine decisions are posted (a NAC, a SOAR, a chat channel). */
export async function WebhooksSection({ actions }: { actions: WebhookActions }) {
  const webhooks = await listWebhooks();
  return (
    <Card title="Webhooks">
      <p className="mb-3 text-sm text-slate-700">
        Each chosen event is posted as JSON, signed with the webhook&apos;s secret (<code>x-iomt-signature</code>), within seconds. A failed try is
        retried with growing waits for about an hour; a refusal (a 4xx other than 408 and 429) is not. An event may arrive twice if the dashboard
        stops mid-delivery: deduplicate by <code>x-iomt-event-id</code>. The payload is described under <code>webhooks</code> in{" "}
        <a className="text-brand-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      {webhooks.length === 0 ? <p className="mb-3 text-sm text-slate-600">No webhook yet.</p> : (
        <ul className="mb-4 flex flex-col gap-3">{webhooks.map((w) => <Webhook key={w.id} webhook={w} actions={actions} />)}</ul>
      )}
      {/* Always open: the secret appears below the form after it is created, and must stay in view. */}
      <h3 className="mb-2 text-sm font-semibold text-slate-700">Add a webhook</h3>
      <WebhookCreateForm action={actions.create} />
    </Card>
  );
}
