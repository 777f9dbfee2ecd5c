import Link from "next/link";
import { Card } from "@/components/ui/card";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-16 max-w-md px-4">
      <Card title="You don't have access to this page">
        <p className="text-sm text-muted">This page is for administrators. If you need access, ask an administrator of your WireGUI.</p>
        <Link href="/devices" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
          Back to my devices
        </Link>
      </Card>
    </div>
  );
}
