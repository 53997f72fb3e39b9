import Link from "next/link";
import { canManagePolicies, type Actor } from "@/lib/auth/roles";

type Device = { id: string; usbVendorId: string | null; currentFingerprintId: string | null };

/**
 * "Allow exactly this device": to the policies page, whose form comes prefilled with an entry bound
 * to this device's physical fingerprint. For those who may change policies, and a device with
 * something to bind (USB ids, or a measured fingerprint).
 */
export function AllowExactlyLink({ user, device }: { user: Actor; device: Device }) {
  if (!canManagePolicies(user) || !(device.usbVendorId || device.currentFingerprintId)) return null;
  return (
    <p className="mb-4 text-sm">
      <Link href={`/settings/policies?allow=${encodeURIComponent(device.id)}#allow-exactly`} className="text-brand-700 underline">
        Allow exactly this device
      </Link>{" "}
      <span className="text-slate-500">— an allow-list entry bound to its physical fingerprint, not only to the ids it claims</span>
    </p>
  );
}
