import type { Metadata } from "next";
import { OptOutForm } from "./opt-out-form";
import { Logo } from "@/components/logo";

export const metadata: Metadata = { title: "Your privacy choices" };

// Public: no login. Consumers reach it from the privacy notice on every partner form.
export default function OptOutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="flex items-center gap-2">
          <Logo className="h-8 w-8" />
          <span className="font-semibold">Titan Lead Group</span>
        </div>
        <h1 className="mt-6 text-xl font-semibold">Stop contact or delete your data</h1>
        <div className="mt-2 space-y-2 text-sm text-slate-600">
          <p>
            Enter the phone number and/or email address you gave on a quote or offer form. We put them on our
            suppression list at once, so no new request with them is accepted or passed on, and we tell every company
            that received your details from us in the last months that you withdrew consent. They must stop contacting
            you within 10 business days.
          </p>
          <p>
            If you choose deletion, we also erase your name, contact details and answers from our records and tell those
            companies to delete them too.
          </p>
        </div>
        <OptOutForm />
      </div>
    </main>
  );
}
