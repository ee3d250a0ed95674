import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { QuickForm } from "@/components/quick-form";
import { Card, PageHeader } from "@/components/ui";
import { adminPage } from "@/lib/auth/pages";
import { buyersList, sellersList, usersList } from "@/lib/queries/admin";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function AdminUsersPage() {
  await adminPage("/admin/users");
  const [rows, buyers, sellers] = await Promise.all([usersList(), buyersList(), sellersList()]);
  return (
    <>
      <PageHeader title="Users" description="Dashboard logins. Buyer and seller users belong to one account." />
      <div className="grid gap-6 2xl:grid-cols-3">
        <Card title={`${rows.length} users`} className="2xl:col-span-2">
          <DataTable
            caption="Users"
            columns={[
              { key: "username", label: "Username" },
              { key: "fullName", label: "Name" },
              { key: "role", label: "Role", kind: "status" },
              { key: "account", label: "Account" },
              { key: "status", label: "Status", kind: "status" },
              { key: "lastLoginAt", label: "Last sign-in", kind: "datetime" },
            ]}
            rows={rows}
          />
        </Card>
        <Card title="Add a user">
          <QuickForm
            endpoint="/api/admin/users"
            submitLabel="Add user"
            successMessage="User added."
            fields={[
              { name: "username", label: "Username", required: true },
              { name: "fullName", label: "Full name", required: true },
              { name: "email", label: "Email", type: "email", required: true },
              {
                name: "password",
                label: "Initial password",
                type: "password",
                required: true,
                hint: "At least 10 characters.",
              },
              {
                name: "role",
                label: "Role",
                type: "select",
                required: true,
                options: [
                  ["buyer", "Buyer"],
                  ["seller", "Seller"],
                  ["admin", "Admin"],
                ],
              },
              {
                name: "buyerId",
                label: "Buyer account",
                type: "select",
                required: true,
                numeric: true,
                options: buyers.map((b) => [String(b.id), b.companyName]),
                showWhen: { field: "role", values: ["buyer"] },
              },
              {
                name: "sellerId",
                label: "Seller account",
                type: "select",
                required: true,
                numeric: true,
                options: sellers.map((s) => [String(s.id), s.companyName]),
                showWhen: { field: "role", values: ["seller"] },
              },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
