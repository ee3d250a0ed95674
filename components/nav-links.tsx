"use client";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export type NavItem = { href: string; label: string };

/** Highlights the current section; keeps an admin's `?buyerId=` / `?sellerId=` view while navigating. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const keep = new URLSearchParams();
  for (const k of ["buyerId", "sellerId"]) {
    const v = params.get(k);
    if (v) keep.set(k, v);
  }
  const suffix = keep.size ? `?${keep}` : "";
  const sectionRoot = items[0]?.href;
  return (
    <nav aria-label="Dashboard" className="overflow-x-auto px-2 pb-2 lg:overflow-visible lg:pb-0">
      <ul className="flex gap-1 lg:flex-col">
        {items.map((item) => {
          const active = item.href === sectionRoot ? pathname === item.href : pathname.startsWith(item.href);
          const href = item.href.startsWith("/admin") ? item.href : item.href + suffix;
          return (
            <li key={item.href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
                  active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
