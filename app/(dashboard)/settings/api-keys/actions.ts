"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult, runSecretAction } from "@/lib/web/action-result";
import { createApiKey, revokeApiKey } from "@/lib/commands/api-keys";
import { canManageApiKeys } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";

export type CreateApiKeyResult = ActionResult & { secret?: string; name?: string };

export async function createApiKeyAction(_previous: CreateApiKeyResult | null, form: FormData): Promise<CreateApiKeyResult> {
  return runSecretAction(form, async () => {
    const actor = await requirePermission(canManageApiKeys);
    const { name, secret } = await createApiKey(getDb(), { name: form.get("name"), scope: form.get("scope") ?? undefined }, actor);
    revalidatePath("/settings/api-keys");
    return { message: `Created ${name}. Copy the key now: it is shown only once.`, shown: { name, secret } };
  });
}

export async function revokeApiKeyAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runAction(form, async () => {
    const actor = await requirePermission(canManageApiKeys);
    const key = await revokeApiKey(getDb(), String(form.get("id") ?? ""), actor);
    revalidatePath("/settings/api-keys");
    return `Revoked ${key.name}.`;
  });
}
