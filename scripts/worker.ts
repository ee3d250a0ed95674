// npm run worker: the delivery worker alone (several may run beside the web servers).
// `npm run worker -- --drain` delivers everything due and exits.
// `npm run worker -- --retention` runs the retention job once (lib/consumer/retention.ts) and exits.
import { disconnect } from "../lib/db";
import { DeliveryWorker } from "../lib/delivery/worker";
import { runRetention } from "../lib/consumer/retention";
import { startDeliveryWorker, stopDeliveryWorker } from "../lib/delivery/runtime";

async function main() {
  if (process.argv.includes("--retention")) {
    console.log(JSON.stringify(await runRetention()));
    await disconnect();
    return;
  }
  if (process.argv.includes("--drain")) {
    await new DeliveryWorker().drain();
    await disconnect();
    return;
  }
  startDeliveryWorker();
  const stop = async () => {
    console.log("[delivery] stopping: finishing deliveries in flight");
    await stopDeliveryWorker();
    await disconnect();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch(async (e) => {
  console.error(e);
  await disconnect().catch(() => {});
  process.exit(1);
});
