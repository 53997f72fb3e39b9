// POST /api/assets/import (multipart/form-data: `file`, the register CSV; `source`, its name;
// `mapping`, JSON of register field → column, optional for a preview; `step`, "preview" or
// "import"). A preview writes nothing; an import is all or nothing (400 naming each problem's row
// and column). A route handler rather than a server action: registers are far over an action's
// 1 MB body limit. Administrators and engineers (canManageAssetRegister).
import { canManageAssetRegister } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { readMultipartForm } from "@/lib/web/body";
import { ApiError, badRequest } from "@/lib/web/errors";
import { assertSameOrigin, route } from "@/lib/web/json-gate";
import { MAX_REGISTER_BYTES } from "@/lib/web/register-csv";
import { importRegister, previewRegister } from "@/lib/commands/asset-import";

/** The file's cap, and room for the other fields and the multipart framing. */
const MAX_BODY_BYTES = MAX_REGISTER_BYTES + 64 * 1024;
const tooLarge = () => new ApiError(413, "payload_too_large", `The register is larger than ${MAX_REGISTER_BYTES / 1024 / 1024} MB: split it into several sources, or push it through the API.`);


function mappingOf(form: FormData): unknown {
  const raw = form.get("mapping");
  if (raw === null || raw === "") return undefined;
  if (typeof raw !== "string" || raw.length > 16 * 1024) throw badRequest("invalid_mapping", "The column mapping is not valid.", [{ path: "mapping", message: "JSON of at most 16 KB" }]);
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest("invalid_mapping", "The column mapping is not valid.", [{ path: "mapping", message: "not JSON" }]);
  }
}

export const POST = route(async (request) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canManageAssetRegister);
  const form = await readMultipartForm(request, MAX_BODY_BYTES, tooLarge, "the register");
  const file = form.get("file");
  if (!file || typeof file === "string") throw badRequest("invalid_request", "Choose the register file.", [{ path: "file", message: "a CSV file" }]);
  // CMMS exports are UTF-8 (with or without a byte-order mark); a stray byte becomes U+FFFD, never a failure.
  const csv = new TextDecoder("utf-8").decode(await file.arrayBuffer());
  const input = { source: form.get("source"), mapping: mappingOf(form), csv };
  const step = form.get("step");
  if (step === "import") return Response.json({ result: await importRegister(getDb(), input, actor) });
  if (step !== "preview") throw badRequest("invalid_request", "Say whether to preview or import.", [{ path: "step", message: "preview or import" }]);
  return Response.json({ preview: await previewRegister(getDb(), input) });
});
