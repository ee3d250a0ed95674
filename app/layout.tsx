import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Titan Lead Group", template: "%s · Titan Lead Group" },
  description: "Lead marketplace: validate, comply, sell, deliver and settle consumer leads.",
  icons: { icon: "/favicon.svg" },
};

// Every page is rendered per request: Next puts the request's CSP nonce (proxy.ts) on its own
// scripts only when rendering dynamically; a prerendered page's scripts would carry none.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
