import Link from "next/link";

/** What a person sees when their role does not allow a page: the server refused it, not only the UI. */
export function ForbiddenCard() {
  return (
    <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Your role does not allow this page</h1>
      <p className="mt-2 text-sm text-slate-600">Ask an administrator if you need access.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-700 underline">
        Back to the overview
      </Link>
    </div>
  );
}
