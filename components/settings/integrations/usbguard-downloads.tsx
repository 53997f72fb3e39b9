import { Card } from "@/components/ui/card";

/**
 * The policies page's USBGuard downloads: each site's enforcement policy as a USBGuard rules
 * file, for hosts that run USBGuard instead of the agent's own enforcement (an agent's own file:
 * /api/policies/usbguard?agent=<id>, or `npm run enforcement:usbguard`).
 */
export function UsbguardDownloads({ sites }: { sites: { id: string; name: string }[] }) {
  if (!sites.length) return null;
  return (
    <Card title="USBGuard rules files" className="mb-4">
      <p className="mb-2 text-sm text-slate-700">
        For hosts that run USBGuard: the site&apos;s enforcement policy (its mode, the USB devices people blocked, and in allow-listed mode its
        USB allow-list) as a rules file for /etc/usbguard/rules.conf. Set the mode under Settings → Integrations; a site in monitor mode
        gives a file that allows everything.
      </p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="USBGuard rules files">
        {sites.map((s) => (
          <li key={s.id}>
            <a href={`/api/policies/usbguard?site=${encodeURIComponent(s.id)}`} download className="text-brand-700 underline">
              {s.name}
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}
