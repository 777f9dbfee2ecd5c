import type { Metadata } from "next";
import { NotYetAvailable } from "@/components/ui/not-yet-available";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "My devices" };

export default async function MyDevicesPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="My devices" description="The WireGuard peers you connect with." />
      <NotYetAvailable title="You have no devices yet">
        Creating devices, with their configuration file and QR code, arrives in the next WireGUI release.
      </NotYetAvailable>
    </>
  );
}
