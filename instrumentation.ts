// Next.js calls register() once per server process. The delivery worker runs here (nodejs runtime
// only) when DELIVERY_WORKER is on; SIGTERM/SIGINT stop it gracefully: deliveries in flight finish,
// and any that cannot are reclaimed by another worker after their lease.
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself and inlined per bundle, so the edge bundle drops the
  // node-only imports below: the one process.env read outside lib/env.ts.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    if (!env.DELIVERY_WORKER || env.NODE_ENV === "test") return;
    const { startDeliveryWorker, stopDeliveryWorker } = await import("./lib/delivery/runtime");
    startDeliveryWorker();
    const stop = () => void stopDeliveryWorker().catch(() => {});
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
}
