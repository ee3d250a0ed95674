// Starting and stopping the delivery worker in a long-running process (the Next.js server via
// instrumentation.ts, or scripts/worker.ts). LISTEN 'tlg_delivery' wakes it the moment a sale
// commits; the poll interval covers lost notifications and retry times coming due.
import pg from "pg";
import { env } from "../env";
import { getPglite } from "../db";
import { DeliveryWorker, type WorkerOptions } from "./worker";
import { onDeliveryQueued } from "./outbox";
import { logger } from "../log";

export const DELIVERY_CHANNEL = "tlg_delivery";

async function listen(onNotify: () => void): Promise<() => Promise<void>> {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    let client: pg.Client | null = null;
    let closed = false;
    // A dropped LISTEN connection is re-opened; the poll interval covers the gap, and a pass right
    // after reconnecting picks up whatever was announced meanwhile.
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url });
      c.on("error", (e) => logger.error({ error: e.message }, "delivery: LISTEN connection error"));
      c.on("notification", onNotify);
      c.on("end", () => {
        if (!closed)
          setTimeout(
            () => void connect().catch((e) => logger.error({ error: e.message }, "delivery: LISTEN reconnect failed")),
            5_000,
          ).unref();
      });
      await c.connect();
      await c.query(`LISTEN ${DELIVERY_CHANNEL}`);
      client = c;
      onNotify();
    };
    await connect();
    return async () => {
      closed = true;
      await client?.end();
    };
  }
  // Embedded PGlite: notifications are in-process, from the same database handle.
  return getPglite().listen(DELIVERY_CHANNEL, onNotify);
}

const g = globalThis as unknown as { __tlgDeliveryWorker?: DeliveryWorker };

export function startDeliveryWorker(opts: WorkerOptions = {}): DeliveryWorker {
  if (g.__tlgDeliveryWorker) return g.__tlgDeliveryWorker;
  const worker = new DeliveryWorker(opts);
  worker.start(listen);
  offQueued = onDeliveryQueued(() => worker.signal());
  g.__tlgDeliveryWorker = worker;
  logger.info({ workerId: worker.id }, "delivery: worker started");
  return worker;
}

let offQueued: (() => void) | null = null;

export async function stopDeliveryWorker(): Promise<void> {
  offQueued?.();
  offQueued = null;
  const w = g.__tlgDeliveryWorker;
  g.__tlgDeliveryWorker = undefined;
  if (w) await w.stop();
}
