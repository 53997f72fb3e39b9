import Link from "next/link";

// Rendered with status 403 whenever a page calls forbidden(): the server refuses, not only the UI.
export default function Forbidden() {
  return (
    <div className="flex min-h-[50vh] items-center justify-center p-4">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-semibold">Your role does not allow this page</h1>
        <p className="mt-2 text-sm text-slate-600">Ask an administrator if you need access.</p>
        <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
