import Link from "next/link";
import type { ReactNode } from "react";

/**
 * One tab of a view's tab row (assets by state, changes by state): a link to the view filtered, the
 * current one marked for screen readers too, with its count beside the name. `noun` follows the
 * count for screen readers only ("Shadow 1,234 devices"): the visible text stays the accessible
 * name's start (WCAG 2.5.3).
 */
export function TabLink({ href, active, count, noun, small = false, children }: { href: string; active: boolean; count?: string; noun?: string; small?: boolean; children: ReactNode }) {
  const size = small ? "px-2 py-1 text-xs" : "px-3 py-2 text-sm";
  return (
    <li>
      <Link
        href={href}
        prefetch={false}
        aria-current={active ? "page" : undefined}
        className={`inline-flex items-center gap-2 rounded-md font-medium ring-1 ring-inset ${size} ${active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
      >
        {children}{" "}
        {count !== undefined && <span className={`rounded px-1.5 tabular-nums ${active ? "bg-white/20" : "bg-slate-100"}`}>{count}</span>}
        {noun && <span className="sr-only">{` ${noun}`}</span>}
      </Link>
    </li>
  );
}
