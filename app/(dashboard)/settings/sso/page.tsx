import type { Metadata } from "next";
import { SsoMappingForm } from "@/components/settings/sso-mapping-form";
import { SsoMappingRemove } from "@/components/settings/sso-mapping-remove";
import { Card } from "@/components/ui/card";
import { ManagePage } from "@/components/ui/manage-page";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { localSignInEnabled } from "@/lib/auth/identity-config";
import { ROLE_LABELS, canManageUsers, isRole } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { ssoCallbackUrl, ssoConfig, type SsoConfig } from "@/lib/auth/sso-config";
import { getDb } from "@/lib/db/client";
import { countOf } from "@/lib/domain/words/count";
import { whenUtc } from "@/lib/domain/words/time-format";
import { listSsoMappings } from "@/lib/queries/sso-settings";
import { addSsoMappingAction, removeSsoMappingAction } from "./actions";
import { FactList } from "@/components/ui/fact-list";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage() {
  await requirePagePermission(canManageUsers);
  const config = ssoConfig();
  const mappings = await listSsoMappings(getDb());
  return (
    <>
      <ManagePage
        title="Single sign-on"
        description="People sign in through the hospital's identity provider (OpenID Connect). Their role comes from their groups, through the mappings below, at every sign-in; a person none of whose groups is mapped is refused."
        createTitle="Map a group to a role"
        createForm={<SsoMappingForm action={addSsoMappingAction} groupsClaim={config?.groupsClaim ?? "groups"} />}
        listTitle={countOf(mappings.length, "group mapping")}
      >
        <Table columns={["Group", "Role", "Added"]} last={ACTIONS_COLUMN}>
          {mappings.map((m) => (
            <tr key={m.id} className="border-b border-slate-100 align-middle">
              <td className="py-2 pr-4 font-mono text-xs">{m.group}</td>
              <td className="py-2 pr-4">{isRole(m.role) ? ROLE_LABELS[m.role] : m.role}</td>
              <td className="py-2 pr-4 text-slate-600">
                {whenUtc(m.createdAt)} by {m.createdBy}
              </td>
              <td className="py-2">
                <SsoMappingRemove action={removeSsoMappingAction} id={m.id} group={m.group} />
              </td>
            </tr>
          ))}
        </Table>
        {mappings.length > 1 && <p className="mt-3 text-xs text-slate-500">A person in several mapped groups gets the highest role: administrator, then security analyst, clinical engineer, viewer.</p>}
      </ManagePage>
      <Card title="Identity provider" className="mt-6">
        <ProviderSettings config={config} />
      </Card>
    </>
  );
}

/** What the server was started with (environment variables; never the client secret). */
function ProviderSettings({ config }: { config: SsoConfig | null }) {
  if (!config) {
    return <p className="text-sm text-slate-600">Single sign-on is off: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET and restart (see the README, Security → Single sign-on). Mappings added now apply once it is on.</p>;
  }
  const rows: [string, string][] = [
    ["Issuer", config.issuer],
    ["Client id", config.clientId],
    ["Groups claim", config.groupsClaim],
    ["Scopes", config.scopes],
    ["Redirect URI to register at the provider", ssoCallbackUrl()],
    ["E-mail and password sign-in", localSignInEnabled() ? "on (LOCAL_SIGNIN=off turns it off)" : "off"],
  ];
  return (
    <FactList rows={rows} className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" valueClassName="break-all font-mono text-xs text-slate-800" />
  );
}
