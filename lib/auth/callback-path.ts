/** Only same-site paths: an absolute or protocol-relative URL would make sign-in an open redirect. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/devices";
  return value;
}
