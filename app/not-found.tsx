import Link from "next/link";
import { Card } from "@/components/ui/card";

export default function NotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md px-4">
      <Card title="Page not found">
        <p className="text-sm text-muted">There is nothing at this address.</p>
        <Link href="/devices" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
          Back to my devices
        </Link>
      </Card>
    </div>
  );
}
