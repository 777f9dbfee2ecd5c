const FALLBACK = "/devices";
const ORIGIN = "http://wiregui.invalid";

/**
 * Only same-site paths: an absolute or protocol-relative URL would make sign-in an open redirect.
 * Resolving against a placeholder origin catches what browsers normalise away (a backslash, or a tab in "/<tab>/evil.example").
 */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || /[\s\\\u0000-\u001f\u007f]/.test(value)) return FALLBACK;
  try {
    const url = new URL(value, ORIGIN);
    return url.origin === ORIGIN ? `${url.pathname}${url.search}${url.hash}` : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
