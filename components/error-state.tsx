"use client";
// The body of every section's error.tsx.
import { useEffect } from "react";
import { buttonClass } from "./ui";

export function ErrorState({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h2 className="font-semibold text-red-800">This page could not be loaded</h2>
      <p className="mt-1 text-sm text-red-700">
        Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Your data is safe; try
        again.
      </p>
      <button type="button" onClick={reset} className={`${buttonClass.secondary} mt-4`}>
        Try again
      </button>
    </div>
  );
}
