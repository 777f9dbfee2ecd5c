const FALLBACK = "/devices";
const ORIGIN = "http://wiregui.invalid";

/**
 * Only same-site paths: an absolute or protocol-relative URL would make sign-in an open redirect.
 * Resolving against a placeholder origin catches what browsers normalise away (a backslash, or a tab in "/<tab>/evil.example").
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\s\\\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  try {
    const url = new URL(value, ORIGIN);
    // Dot segments can resolve "/..//evil.example" to "//evil.example": a protocol-relative URL.
    if (url.origin !== ORIGIN || url.pathname.startsWith("//")) return FALLBACK;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return FALLBACK;
  }
}
