import { ForbiddenCard } from "@/components/ui/forbidden-card";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <ForbiddenCard />
    </main>
  );
}
