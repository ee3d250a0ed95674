"use client";
import { ErrorState } from "@/components/error-state";

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState {...props} />;
}
