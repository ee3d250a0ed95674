import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell";
import { getSessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

// Each page checks the session and role itself (a layout does not know the requested path,
// and is not re-run on client navigation); the layout only frames the signed-in user.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) return <>{children}</>;
  return (
    <AppShell section="admin" user={user}>
      {children}
    </AppShell>
  );
}
