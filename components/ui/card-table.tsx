import type { ReactNode } from "react";

/**
 * A table filling its card edge to edge, scrolling sideways on narrow screens. `head` is the header
 * row's cells; `relative` keeps an sr-only header label from widening the page.
 */
export function CardTable({ label, head, children }: { label: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="relative -mx-5 -my-4 overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-border">{children}</tbody>
      </table>
    </div>
  );
}
