import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { requireAreaUser } from "@/lib/auth/pages";

export const dynamic = "force-dynamic";

// The role is checked here, on the server, before anything of the area renders (a buyer opening
// /admin is redirected, never shown the admin menu). Pages check again for themselves: a layout
// is not re-run on client-side navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAreaUser("admin");
  return (
    <AppShell section="admin" user={user}>
      {children}
    </AppShell>
  );
}
