import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { Logo } from "@/components/logo";

export const dynamic = "force-dynamic";

const FEATURES = [
  ["Validate & comply", "Phone, email, duplicates, DNC, TCPA consent and TrustedForm checks before a lead is sold."],
  ["Sell to the best bid", "Ping/post auctions across buyer campaigns with geo targets, caps, budgets and schedules."],
  ["Deliver reliably", "Signed webhooks and HTTP posts with retries, an outbox and per-campaign circuit breakers."],
  ["Settle to the cent", "An append-only ledger for sales, purchases, return credits and adjustments."],
];

export default async function HomePage() {
  const user = await getSessionUser();
  const home = user ? `/${user.role}` : "/login";
  return (
    <main className="mx-auto max-w-5xl px-6 py-16">
      <div className="flex items-center gap-3">
        <Logo className="h-10 w-10" />
        <span className="text-lg font-semibold tracking-tight">Titan Lead Group</span>
      </div>
      <h1 className="mt-10 max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
        The lead marketplace that checks every lead before anyone pays for it.
      </h1>
      <p className="mt-5 max-w-2xl text-lg text-slate-600">
        Sellers post leads through one JSON API. We validate them, check they are legally contactable, sell each to the
        best-paying matching buyer campaign, deliver it and settle the money. Buyers can return bad leads for a credit.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link
          href={home}
          className="rounded-md bg-brand-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700"
        >
          {user ? `Open your ${user.role} dashboard` : "Sign in"}
        </Link>
        <Link
          href="/docs"
          className="rounded-md border border-slate-300 bg-white px-5 py-2.5 text-sm font-semibold text-slate-700 hover:bg-slate-100"
        >
          API documentation
        </Link>
      </div>
      <div className="mt-16 grid gap-6 sm:grid-cols-2">
        {FEATURES.map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="font-semibold text-slate-900">{title}</h2>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </div>
    </main>
  );
}
