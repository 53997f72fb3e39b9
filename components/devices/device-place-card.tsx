import { DeviceAssignForm } from "@/components/devices/device-assign-form";
import { DeviceLocationForm, type DevicePlace } from "@/components/devices/device-location-form";
import { Card } from "@/components/ui/card";
import type { ActionResult } from "@/lib/web/action-result";
import { canAssignDevice, canEditDevice } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { listAssignees } from "@/lib/queries/work-queue";

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;
type Device = DevicePlace & { id: string; assigneeId: string | null; assignee: { email: string } | null };

/** Where the device is, who answers for it and who is looking into it; the forms for the roles that may change them. */
export async function DevicePlaceCard({ user, device, edit, assign }: { user: SessionUser; device: Device; edit: Action; assign: Action }) {
  const mayEdit = canEditDevice(user);
  const mayAssign = canAssignDevice(user);
  const assignees = mayAssign ? await listAssignees() : [];
  const assignedTo = device.assigneeId === user.id ? `you (${user.email})` : (device.assignee?.email ?? null);
  const rows: [string, string | null][] = [["Location", device.location], ["Department", device.department], ["Owner", device.owner], ["Assigned to", assignedTo]];
  return (
    <Card title="Location, owner and assignment" className="mt-4">
      <dl className="mb-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" aria-label="Location and owner">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all">{v ?? <span className="text-slate-500">not recorded</span>}</dd>
          </div>
        ))}
      </dl>
      {mayEdit && <DeviceLocationForm action={edit} id={device.id} current={{ location: device.location, department: device.department, owner: device.owner }} />}
      {mayAssign && (
        <div className={mayEdit ? "mt-4 border-t border-slate-100 pt-4" : ""}>
          <DeviceAssignForm action={assign} id={device.id} currentId={device.assigneeId} assignees={assignees.filter((a) => a.id !== user.id).map((a) => ({ id: a.id, label: a.name ? `${a.name} (${a.email})` : a.email }))} />
        </div>
      )}
    </Card>
  );
}
