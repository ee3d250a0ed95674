"use client";
// Dates in the viewer's own locale and time zone. The server cannot know either, so the
// first render prints a stable UTC form (identical on server and client, no hydration
// mismatch) and the browser swaps in its locale format after mounting.
import { useEffect, useState } from "react";

type Mode = "datetime" | "date" | "time";

function format(iso: string, mode: Mode, locale?: string, timeZone?: string) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions =
    mode === "date"
      ? { dateStyle: "medium", timeZone }
      : mode === "time"
        ? { timeStyle: "short", timeZone }
        : { dateStyle: "medium", timeStyle: "short", timeZone };
  return new Intl.DateTimeFormat(locale, opts).format(d);
}

export function LocalTime({
  iso,
  mode = "datetime",
  className,
}: {
  iso: string | null | undefined;
  mode?: Mode;
  className?: string;
}) {
  const [text, setText] = useState(() =>
    iso ? format(iso, mode, "en-US", "UTC") + (mode === "date" ? "" : " UTC") : "—",
  );
  useEffect(() => {
    if (iso) setText(format(iso, mode));
  }, [iso, mode]);
  if (!iso) return <span className={className}>—</span>;
  return (
    <time dateTime={iso} className={className} title={iso}>
      {text}
    </time>
  );
}
