// POST /api/devices/{id}/clinical-context {criticality, phi, compensatingControls, note?} —
// clinical engineers (and admins) correct a device's clinical context; it is audited and the
// device rescored at once. Answers the device's context and new score.
import { z } from "zod";
import { canEditCriticality } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { assertSameOrigin, readJsonBody, route } from "@/lib/web/json-gate";
import { getDeviceRiskSummary } from "@/lib/queries/device-detail";
import { editClinicalContext } from "@/lib/commands/risk-edits";

export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const actor = await requirePermission(canEditCriticality);
  const id = (await params).id.slice(0, 64);
  // The fields are checked by editClinicalContext's own schema; here only a bounded object.
  const body = await readJsonBody(request, z.record(z.string().max(32), z.unknown()));
  await editClinicalContext(getDb(), id, body, actor);
  return Response.json({ device: await getDeviceRiskSummary(id) });
});
