"use client";
// Dashboards are server-rendered; coming back to the tab re-fetches them (at most every 15 s),
// so a buyer who left the inbox open sees new leads without reloading. With `everyMs`, a visible
// page also refreshes on that interval (the system-health page).
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

export function RefreshOnFocus({ minIntervalMs = 15_000, everyMs }: { minIntervalMs?: number; everyMs?: number }) {
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
    const timer = everyMs ? window.setInterval(onVisible, everyMs) : undefined;
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("focus", onVisible);
    };
  }, [router, minIntervalMs, everyMs]);
  return null;
}
