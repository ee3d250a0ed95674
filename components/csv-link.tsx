// A download link to a listing's CSV export (the API route with format=csv and the page's filters).
// A plain anchor: the browser downloads the streamed file with the session cookie it already has.
import { buttonClass } from "./ui";

export function csvHref(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(
    Object.entries({ ...params, format: "csv" }).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  return `${path}?${q}`;
}

export function CsvLink({
  path,
  params,
  label = "Download CSV",
}: {
  path: string;
  params: Record<string, string | undefined>;
  label?: string;
}) {
  return (
    <a href={csvHref(path, params)} download className={buttonClass.secondary} data-testid="csv-download">
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        <path d="M10 3a1 1 0 0 1 1 1v7.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42l2.3 2.3V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1v1h10v-1a1 1 0 1 1 2 0v2a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z" />
      </svg>
      {label}
    </a>
  );
}
