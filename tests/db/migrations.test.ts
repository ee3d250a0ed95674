import { describe, expect, it } from "vitest";
import { pendingSchemaDiff, listMigrations } from "@/lib/migrations";
import { prisma } from "@/lib/db";

describe("migrations", () => {
  it("schema.prisma and prisma/migrations agree (no pending diff)", async () => {
    const diff = await pendingSchemaDiff();
    expect(diff, "run `npm run db:migration -- <name>` and commit the result").toBe("");
    // The WebAssembly engine replays every migration into a shadow database: slow on a busy machine.
  }, 180_000);

  it("records every migration in _prisma_migrations", async () => {
    const rows = await prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(listMigrations().migrationDirectories.map((m) => m.path));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("keeps the ledger append-only", async () => {
    const buyer = await prisma.buyer.create({ data: { companyName: "Ledger Co" } });
    const tx = await prisma.transaction.create({ data: { type: "adjustment", amount: "10.00", buyerId: buyer.id } });
    await expect(prisma.transaction.update({ where: { id: tx.id }, data: { amount: "11.00" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.transaction.delete({ where: { id: tx.id } })).rejects.toThrow(/append-only/);
  });
});
