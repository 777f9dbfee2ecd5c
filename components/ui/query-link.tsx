"use client";

import type { AnchorHTMLAttributes, MouseEvent } from "react";

/** Changes the query string in place (history.pushState, which Next.js's useSearchParams follows). */
export function pushSearch(href: string) {
  window.history.pushState(null, "", href);
}

/**
 * A link to the same page with other query parameters (a sort, a page of a list): a plain click
 * updates the URL without a server round trip, the list's query fetches what it needs; the back
 * button, a new tab and a copied link work as with any link.
 */
export function QueryLink({ href, onClick, ...props }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    pushSearch(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
