// GET /api/v1/assets — the asset register read back with its reconciliation (state, the linked
// device, each mismatch), for a CMMS or a SIEM: read keys and asset register push keys alike.
import { withApiKey } from "@/lib/web/api-key-gate";
import { firstValues, strictParse } from "@/lib/web/integration/device-params";
import { assetQuery } from "@/lib/web/integration/asset-schemas";
import { listRegisterEntries } from "@/lib/queries/asset-register-api";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export const GET = withApiKey(async (request) => {
  const query = strictParse(assetQuery, firstValues(new URL(request.url), ["source", "state", "cursor", "limit"]));
  return listRegisterEntries(getDb(), query);
}, ["read", "assets:write"]);
