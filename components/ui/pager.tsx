import Link from "next/link";
import { QueryLink } from "./query-link";

/** Previous/next links that keep the other query parameters; `isInPlace`: links that only change the query string. */
export function Pager({ page, pageSize, total, href, isInPlace = false }: { page: number; pageSize: number; total: number; href: (page: number) => string; isInPlace?: boolean }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const link = "rounded-lg border border-border px-3 py-1.5 text-sm font-medium hover:bg-surface-muted";
  const PageLink = isInPlace ? QueryLink : Link;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 pt-4 text-sm text-muted">
      <span>
        Page {page.toLocaleString("en")} of {pages.toLocaleString("en")} · {total.toLocaleString("en")} in all
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <PageLink className={link} href={href(Math.min(page - 1, pages))}>
            Previous
          </PageLink>
        )}
        {page < pages && (
          <PageLink className={link} href={href(page + 1)}>
            Next
          </PageLink>
        )}
      </span>
    </nav>
  );
}
