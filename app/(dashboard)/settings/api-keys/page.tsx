import { ManagePage } from "@/components/ui/manage-page";
import { countOf } from "@/lib/domain/words/count";
import type { Metadata } from "next";
import { ApiKeyCreateForm } from "@/components/settings/api-key-create-form";
import { Badge } from "@/components/ui/badge";
import { ConfirmRevokeButton } from "@/components/ui/confirm-revoke-button";
import { ACTIONS_COLUMN, Table } from "@/components/ui/table";
import { apiKeyRateLimit } from "@/lib/auth/api-key-auth";
import { listApiKeys } from "@/lib/queries/api-key-list";
import { canManageApiKeys } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { whenUtc } from "@/lib/domain/words/time-format";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePagePermission(canManageApiKeys);
  const keys = await listApiKeys(getDb());
  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <ManagePage
      title="API keys"
      description="Keys let other systems (a SIEM, a CMMS, a SOAR playbook) use the integration API. A read key reads devices, alerts and the asset register but changes nothing; an asset register push key (assets:write) lets a CMMS write its register entries and read them back, and nothing else; a change plan key (changes:write) lets a CMMS work order open a firmware change plan and read plans back. Revoke a key as soon as it is no longer needed or may have leaked."
      createTitle="Create an API key"
      createForm={<ApiKeyCreateForm action={createApiKeyAction} />}
      listTitle={`${countOf(keys.length, "key")}, ${active} active`}
    >
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600">
          No API key exists yet. Create one above for each system that should read the inventory, then call, for example,{" "}
          <code>GET /api/v1/devices?tier=critical</code> with <code>Authorization: Bearer &lt;key&gt;</code>. The endpoints are described at{" "}
          <a className="text-brand-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        </p>
      ) : (
        <Table columns={["Name", "Key starts with", "Scope", "Created", "Last used", "State"]} last={ACTIONS_COLUMN} testId="api-keys-table">
          {keys.map((k) => (
            <tr key={k.id} className="border-b border-slate-100 align-top" data-testid={`api-key-${k.prefix}`}>
              <th scope="row" className="py-2 pr-4 font-medium">{k.name}</th>
              <td className="py-2 pr-4 font-mono text-xs">{k.prefix}…</td>
              <td className="py-2 pr-4">{k.scope === "read" ? <Badge tone="neutral">read</Badge> : <Badge tone="warn">{k.scope}</Badge>}</td>
              <td className="py-2 pr-4">
                <p className="tabular-nums">{whenUtc(k.createdAt)}</p>
                <p className="text-xs text-slate-500">by {k.createdBy.email}</p>
              </td>
              <td className="py-2 pr-4 tabular-nums">{k.lastUsedAt ? whenUtc(k.lastUsedAt) : "never"}</td>
              <td className="py-2 pr-4">
                {k.revokedAt ? (
                  <span className="flex flex-col gap-1">
                    <Badge tone="neutral">revoked</Badge>
                    <span className="text-xs text-slate-500 tabular-nums">{whenUtc(k.revokedAt)}</span>
                  </span>
                ) : (
                  <Badge tone="ok">active</Badge>
                )}
              </td>
              <td className="py-2">
                {!k.revokedAt && <ConfirmRevokeButton action={revokeApiKeyAction} id={k.id} name={k.name} question={`Revoke the API key ${k.name}? Integrations using it are refused from now on.`} />}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <p className="mt-3 text-xs text-slate-500">“Last used” is updated at most once a minute per key. Each key may make {apiKeyRateLimit().limit.toLocaleString("en-US")} requests a minute.</p>
    </ManagePage>
  );
}

