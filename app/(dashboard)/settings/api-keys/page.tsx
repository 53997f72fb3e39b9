import type { Metadata } from "next";
import { ApiKeyCreateForm } from "@/components/settings/api-key-create-form";
import { ApiKeyRevokeButton } from "@/components/settings/api-key-revoke-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { apiKeyRateLimit, listApiKeys } from "@/lib/commands/api-keys";
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
    <>
      <PageHeader
        title="API keys"
        description="Keys let other systems (a SIEM, a CMMS, a SOAR playbook) read devices and alerts through the read-only integration API. A key can read everything the dashboard shows but change nothing; revoke a key as soon as it is no longer needed or may have leaked."
      />
      <Card title="Create an API key" className="mb-6">
        <ApiKeyCreateForm action={createApiKeyAction} />
      </Card>
      <Card title={`${keys.length} key${keys.length === 1 ? "" : "s"}, ${active} active`}>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">
            No API key exists yet. Create one above for each system that should read the inventory, then call, for example,{" "}
            <code>GET /api/v1/devices?tier=critical</code> with <code>Authorization: Bearer &lt;key&gt;</code>. The endpoints are described at{" "}
            <a className="text-brand-700 underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="api-keys-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">Name</th>
                  <th scope="col" className="py-2 pr-4">Key starts with</th>
                  <th scope="col" className="py-2 pr-4">Created</th>
                  <th scope="col" className="py-2 pr-4">Last used</th>
                  <th scope="col" className="py-2 pr-4">State</th>
                  <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-b border-slate-100 align-top" data-testid={`api-key-${k.prefix}`}>
                    <th scope="row" className="py-2 pr-4 font-medium">{k.name}</th>
                    <td className="py-2 pr-4 font-mono text-xs">{k.prefix}…</td>
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
                    <td className="py-2">{!k.revokedAt && <ApiKeyRevokeButton action={revokeApiKeyAction} id={k.id} name={k.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-3 text-xs text-slate-500">“Last used” is updated at most once a minute per key. Each key may make {apiKeyRateLimit().limit.toLocaleString("en-US")} requests a minute.</p>
      </Card>
    </>
  );
}

