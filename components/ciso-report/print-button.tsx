"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog; the print stylesheet leaves only the report on the page. */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" className="no-print" onClick={() => window.print()}>
      Print
    </Button>
  );
}
