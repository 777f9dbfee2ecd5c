import { Skeleton } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="mb-2 h-8 w-40" />
      <Skeleton className="mb-6 h-4 w-full max-w-xl" />
      <Skeleton className="mb-6 h-32 w-full rounded-xl" />
      <div className="rounded-xl border border-border bg-surface p-5 shadow-sm">
        <Skeleton className="mb-5 h-5 w-32" />
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="mb-3 h-9 w-full" />
        ))}
      </div>
    </div>
  );
}
