// Starting and stopping the delivery worker in a long-running process (the Next.js server via
// instrumentation.ts, or scripts/worker.ts). LISTEN 'tlg_delivery' wakes it the moment a sale
// commits; the poll interval covers lost notifications and retry times coming due.
import pg from "pg";
import { env } from "../env";
import { getPglite } from "../db";
import { DeliveryWorker, type WorkerOptions } from "./worker";

export const DELIVERY_CHANNEL = "tlg_delivery";

async function listen(onNotify: () => void): Promise<() => Promise<void>> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    client.on("error", (e) => console.error("[delivery] LISTEN connection error", e.message));
    await client.connect();
    client.on("notification", onNotify);
    await client.query(`LISTEN ${DELIVERY_CHANNEL}`);
    return async () => {
      await client.end();
    };
  }
  // Embedded PGlite: notifications are in-process, from the same database handle.
  const unlisten = await getPglite().listen(DELIVERY_CHANNEL, onNotify);
  return unlisten;
}

const g = globalThis as unknown as { __tlgDeliveryWorker?: DeliveryWorker };

export function startDeliveryWorker(opts: WorkerOptions = {}): DeliveryWorker {
  if (g.__tlgDeliveryWorker) return g.__tlgDeliveryWorker;
  const worker = new DeliveryWorker(opts);
  worker.start(listen);
  g.__tlgDeliveryWorker = worker;
  console.log(`[delivery] worker ${worker.id} started`);
  return worker;
}

export async function stopDeliveryWorker(): Promise<void> {
  const w = g.__tlgDeliveryWorker;
  g.__tlgDeliveryWorker = undefined;
  if (w) await w.stop();
}
