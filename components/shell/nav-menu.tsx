"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * The main navigation's frame. On a phone it is one bar under 60 px with a Menu button that
 * opens the links below it (Escape or following a link closes them); from the md breakpoint up
 * the links are always shown in a sidebar and the button is gone.
 */
export function NavMenu({ brand, children }: { brand: React.ReactNode; children: React.ReactNode }) {
  const pathname = usePathname();
  // Open only on the page where it was opened: following a link closes it, with no effect needed.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <nav aria-label="Main" className="no-print flex shrink-0 flex-col bg-brand-900 text-white md:w-60 md:gap-4 md:p-4">
      <div className="flex h-14 items-center justify-between gap-3 px-4 md:h-auto md:px-0">
        {brand}
        <button
          ref={button}
          type="button"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-inset ring-white/40 hover:bg-white/10 md:hidden"
        >
          {open ? "Close menu" : "Menu"}
        </button>
      </div>
      <div id="main-menu" className={`${open ? "flex" : "hidden"} flex-col gap-4 px-4 pb-4 md:flex md:flex-1 md:p-0`}>
        {children}
      </div>
    </nav>
  );
}
