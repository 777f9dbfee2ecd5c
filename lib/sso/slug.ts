/** A provider's URL name from its label: lower-case ASCII letters, digits and dashes. */
export function slugify(label: string): string {
  const slug = label
    .normalize("NFKD")
    // Accents become their own combining marks under NFKD: dropping them keeps "Köln" as "koln".
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "provider";
}

/** `base`, or `base-2`, `base-3`… when taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
