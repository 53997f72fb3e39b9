// The views' filter forms: plain GET forms, so every filter lives in the URL and a view can be
// bookmarked and shared.
import Link from "next/link";
import { inputClass } from "@/components/ui/field";

export type Option = [value: string, text: string];

// A select is as wide as its longest option, and a grid cell as wide as its content: on a phone
// that pushed the filters out of their card. Every filter may shrink to its cell instead.
const FIT = "[&>*]:min-w-0 [&_input]:min-w-0 [&_input]:max-w-full [&_select]:min-w-0 [&_select]:max-w-full";

export const filterLabelClass = "flex flex-col gap-1 text-xs font-medium text-slate-700";

/** A labelled select of [value, text] options; `any` is the text of a first, empty choice (false: none). */
export function Select({ name, label, value, options, any = "Any" }: { name: string; label: string; value?: string; options: Option[]; any?: string | false }) {
  return (
    <label className={filterLabelClass}>
      {label}
      <select name={name} defaultValue={value ?? ""} className={inputClass}>
        {any !== false && <option value="">{any}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A GET form to `action` with the filters as children, then Apply and, unless `clearable` is
 * false, Clear (back to the unfiltered view). A search form unless `search` is false.
 */
export function FilterBar({ action, label, className, buttonsClassName, submitText = "Apply", clearable = true, search = true, children }: {
  action: string;
  label: string;
  className: string;
  buttonsClassName?: string;
  submitText?: string;
  clearable?: boolean;
  search?: boolean;
  children: React.ReactNode;
}) {
  return (
    <form method="get" action={action} className={`${className} ${FIT}`} role={search ? "search" : undefined} aria-label={label}>
      {children}
      <div className={buttonsClassName ? `flex flex-wrap items-end gap-2 ${buttonsClassName}` : "flex flex-wrap items-end gap-2"}>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {submitText}
        </button>
        {clearable && (
          <Link href={action} className="rounded-md px-3 py-2 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
