import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IoMT Risk", template: "%s · IoMT Risk" },
  description: "Every device on the hospital network, what it physically is, and which to fix first.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
