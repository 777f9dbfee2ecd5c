import Link from "next/link";

/** Previous/next links that keep the other query parameters. */
export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return null;
  const link = "rounded-lg border border-border px-3 py-1.5 text-sm font-medium hover:bg-surface-muted";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 pt-4 text-sm text-muted">
      <span>
        Page {page} of {pages} · {total} in all
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={href(page - 1)}>
            Previous
          </Link>
        )}
        {page < pages && (
          <Link className={link} href={href(page + 1)}>
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
