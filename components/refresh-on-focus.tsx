"use client";
// Dashboards are server-rendered; coming back to the tab re-fetches them (at most every 15 s),
// so a buyer who left the inbox open sees new leads without reloading.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

export function RefreshOnFocus({ minIntervalMs = 15_000 }: { minIntervalMs?: number }) {
  const router = useRouter();
  const last = useRef(0);
  useEffect(() => {
    last.current = Date.now();
    const onVisible = () => {
      if (document.visibilityState !== "visible" || Date.now() - last.current < minIntervalMs) return;
      last.current = Date.now();
      router.refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("focus", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, [router, minIntervalMs]);
  return null;
}
