// API token format and checks, free of the database: `wgui_` + 32 random bytes in base64url. Only
// the SHA-256 is stored; the prefix (the first characters) lets people tell their tokens apart.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "wgui_";
const TOKEN_BYTES = 32;
/** `wgui_` and 6 random characters: enough to recognise a token, far too few to guess it. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

export interface NewToken {
  /** Shown once to its owner, never stored. */
  token: string;
  tokenHash: string;
  prefix: string;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateToken(): NewToken {
  const token = TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString("base64url");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}

export function isWellFormedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer <token>` header, or null for any other header. */
export function bearerTokenFrom(header: string | null | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1] ?? null;
}
