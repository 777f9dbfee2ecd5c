import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { getCurrentUser } from "@/lib/server/session";
import "./globals.css";

// Every page depends on the signed-in user (the theme at least); nothing is prerendered at build
// time, which also keeps settings and the database out of `next build`.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "WireGUI", template: "%s · WireGUI" },
  description: "Self-hosted WireGuard VPN manager",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en" data-theme={user?.theme ?? "auto"}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
