import type { Metadata } from "next";
import { EnforcementSection } from "@/components/settings/integrations/enforcement-section";
import { SyslogSection } from "@/components/settings/integrations/syslog-section";
import { WebhooksSection } from "@/components/settings/integrations/webhooks-section";
import { PageHeader } from "@/components/ui/page-header";
import { canManageIntegrations } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { setAgentEnforcementModeAction, setSiteEnforcementModeAction } from "./enforcement-actions";
import { createWebhookAction, editWebhookAction, redeliverAllDeadAction, redeliverWebhookMessageAction, rotateWebhookSecretAction, setWebhookEnabledAction, testSendWebhookAction } from "./webhook-actions";
import { deleteSyslogTargetAction, saveSyslogTargetAction, setSyslogTargetEnabledAction, testSendSyslogAction } from "./syslog-actions";

export const metadata: Metadata = { title: "Integrations" };

// What leaves the dashboard: decisions to the agents that enforce them, alerts and decisions to
// the security team's tools. Each section fetches its own rows.
export default async function IntegrationsPage() {
  await requirePagePermission(canManageIntegrations);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Integrations" description="Where the dashboard's decisions and alerts go: agents that enforce USB decisions on their hosts, webhooks (a NAC, a SOAR, a chat channel) and syslog to a SIEM." />
      <EnforcementSection actions={{ site: setSiteEnforcementModeAction, agent: setAgentEnforcementModeAction }} />
      <WebhooksSection actions={{ create: createWebhookAction, edit: editWebhookAction, rotate: rotateWebhookSecretAction, setEnabled: setWebhookEnabledAction, testSend: testSendWebhookAction, redeliver: redeliverWebhookMessageAction, redeliverAll: redeliverAllDeadAction }} />
      <SyslogSection actions={{ save: saveSyslogTargetAction, setEnabled: setSyslogTargetEnabledAction, remove: deleteSyslogTargetAction, testSend: testSendSyslogAction }} />
    </div>
  );
}
