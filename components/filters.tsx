// A GET form for list filters: works without JavaScript, keeps the state in the URL (shareable, back button).
import type { ReactNode } from "react";
import { buttonClass, inputClass } from "./ui";

export function FilterBar({
  children,
  action,
  hidden = {},
}: {
  children: ReactNode;
  action: string;
  hidden?: Record<string, string | undefined>;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: the form is the search landmark; a <search> wrapper would repeat it
    <form
      method="get"
      action={action}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
      role="search"
    >
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {children}
      <button type="submit" className={buttonClass.secondary}>
        Apply
      </button>
    </form>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value?: string;
  options: [string, string][];
}) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={`${inputClass} min-w-36`}>
        <option value="">All</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterInput({
  name,
  label,
  value,
  type = "text",
  placeholder,
}: {
  name: string;
  label: string;
  value?: string;
  type?: string;
  placeholder?: string;
}) {
  return (
    <label className="text-xs font-medium text-slate-600">
      {label}
      <input
        name={name}
        type={type}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        className={`${inputClass} ${type === "date" ? "w-40" : "w-52"}`}
      />
    </label>
  );
}

/** Previous/next links that keep the other query parameters. */
export function Pagination({
  path,
  params,
  page,
  pages,
  total,
}: {
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pages: number;
  total: number;
}) {
  const href = (p: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])),
    );
    return `${path}?${q}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <span>
        {total.toLocaleString("en-US")} result{total === 1 ? "" : "s"} · page {page} of {pages}
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <a className={buttonClass.small} href={href(page - 1)} rel="prev">
            ← Previous
          </a>
        ) : (
          <span className={`${buttonClass.small} opacity-50`} aria-disabled>
            ← Previous
          </span>
        )}
        {page < pages ? (
          <a className={buttonClass.small} href={href(page + 1)} rel="next">
            Next →
          </a>
        ) : (
          <span className={`${buttonClass.small} opacity-50`} aria-disabled>
            Next →
          </span>
        )}
      </span>
    </nav>
  );
}
