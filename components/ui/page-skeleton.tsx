import { Skeleton } from "./skeleton";

export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="mb-2 h-8 w-48" />
      <Skeleton className="mb-6 h-4 w-80" />
      <Skeleton className="h-48 w-full rounded-xl" />
    </div>
  );
}
