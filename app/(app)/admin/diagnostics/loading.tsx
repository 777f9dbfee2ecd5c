import { Skeleton } from "@/components/ui/skeleton";

// The checks wait up to 2 s for VictoriaMetrics: the page's shape shows meanwhile.
export default function DiagnosticsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="mb-2 h-8 w-40" />
      <Skeleton className="mb-6 h-4 w-full max-w-md" />
      <Skeleton className="mb-6 h-56 w-full rounded-xl" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-48 w-full rounded-xl" />
        ))}
      </div>
    </div>
  );
}
