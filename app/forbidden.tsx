import { ForbiddenCard } from "@/components/ui/forbidden-card";

// Rendered with status 403 whenever a page calls forbidden(): the server refuses, not only the UI.
export default function Forbidden() {
  return (
    <div className="flex min-h-[50vh] items-center justify-center p-4">
      <ForbiddenCard />
    </div>
  );
}
