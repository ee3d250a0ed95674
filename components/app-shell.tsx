// The dashboard frame: brand, the role's navigation, who is signed in, sign-out.
import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks, type NavItem } from "./nav-links";
import { RefreshOnFocus } from "./refresh-on-focus";
import { SignOutButton } from "./sign-out-button";
import { Logo } from "./logo";

export const NAV: Record<"buyer" | "seller" | "admin", NavItem[]> = {
  buyer: [
    { href: "/buyer", label: "Overview" },
    { href: "/buyer/campaigns", label: "Campaigns" },
    { href: "/buyer/leads", label: "Lead inbox" },
    { href: "/buyer/transactions", label: "Money" },
    { href: "/buyer/api-keys", label: "API keys" },
  ],
  seller: [
    { href: "/seller", label: "Stats" },
    { href: "/seller/submissions", label: "Submissions" },
    { href: "/seller/payouts", label: "Payouts" },
    { href: "/seller/lists", label: "Intake lists" },
    { href: "/seller/try", label: "Try the API" },
    { href: "/seller/api-keys", label: "API keys" },
  ],
  admin: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/buyers", label: "Buyers" },
    { href: "/admin/sellers", label: "Sellers" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/verticals", label: "Verticals" },
    { href: "/admin/intake-lists", label: "Intake lists" },
    { href: "/admin/leads", label: "Leads" },
    { href: "/admin/unsold", label: "Unsold leads" },
    { href: "/admin/suppressions", label: "Suppression" },
    { href: "/admin/consumer-rights", label: "Consumer rights" },
    { href: "/admin/deliveries", label: "Deliveries" },
    { href: "/admin/system", label: "System health" },
    { href: "/admin/adjustments", label: "Adjustments" },
  ],
};

export function AppShell({
  section,
  user,
  children,
}: {
  section: "buyer" | "seller" | "admin";
  user: { fullName: string; username: string; role: string };
  children: ReactNode;
}) {
  // Admins browsing a buyer or seller dashboard keep a way back to their own console.
  const extra: NavItem[] =
    user.role === "admin" && section !== "admin" ? [{ href: "/admin", label: "← Admin console" }] : [];
  return (
    <div className="min-h-screen lg:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white lg:flex lg:w-60 lg:flex-none lg:flex-col lg:border-b-0 lg:border-r">
        <div className="flex items-center justify-between gap-3 px-4 py-3 lg:py-5">
          <Link href={`/${section}`} className="flex items-center gap-2 font-semibold text-slate-900">
            <Logo className="h-7 w-7" />
            <span>Titan Leads</span>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-slate-600">
              {section}
            </span>
          </Link>
          <div className="lg:hidden">
            <SignOutButton />
          </div>
        </div>
        <NavLinks items={[...NAV[section], ...extra]} />
        <div className="mx-2 mt-4 hidden border-t border-slate-100 px-2 py-4 lg:block">
          <p className="truncate text-sm font-medium text-slate-800">{user.fullName}</p>
          <p className="truncate text-xs text-slate-500">
            {user.username} · {user.role}
          </p>
          <div className="mt-3">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <RefreshOnFocus />
      <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
