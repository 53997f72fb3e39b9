"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

// Only the views prefetch their page: every page showed ~20 links, and prefetching all of them
// (settings included) kept the overview busy for 1.7 s after it rendered.
export function NavLinks({ items }: { items: { href: string; label: string; prefetch: boolean }[] }) {
  const pathname = usePathname();
  return (
    <ul className="grid grid-cols-2 gap-1 md:flex md:flex-col">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              prefetch={item.prefetch ? undefined : false}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm ${active ? "bg-brand-600 text-white" : "text-slate-200 hover:bg-white/10"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
