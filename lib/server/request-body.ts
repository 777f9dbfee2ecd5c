// Request bodies read through a cap and a deadline, so an anonymous caller cannot make the server
// buffer a huge body or hold a request open by sending it slowly. Free of Next.js imports.
import { AppError } from "./errors";

const KIB = 1024;
const MIB = 1024 * KIB;

/** The documented limits (README, Security). */
export const BODY_LIMITS = {
  /** JSON bodies of /api/v0 and /api/v1. */
  json: 1 * MIB,
  /** The SAML ACS form post: a signed response with many attributes is far below 100 KB. */
  samlAcs: 512 * KIB,
  /** next-auth's form posts (sign-in, sign-out, CSRF token): a few short fields. */
  authForm: 64 * KIB,
} as const;

/** A whole body must arrive within this time once the handler starts reading it. */
export const BODY_TIMEOUT_MS = 10_000;

export function formatBytes(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : bytes >= KIB && bytes % KIB === 0 ? `${bytes / KIB} KiB` : `${bytes} bytes`;
}

export class BodyTooLargeError extends AppError {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${formatBytes(limit)}.`, 413);
  }
}

export class BodyTimeoutError extends AppError {
  constructor(readonly timeoutMs: number) {
    super(`The request body did not arrive within ${timeoutMs / 1000} s.`, 408);
  }
}

/**
 * For an answer given before the body was read to its end (refused, or not needed): the server closes
 * the connection after answering instead of waiting for the rest of a body it will never use.
 */
export const CLOSE_CONNECTION: Record<string, string> = { connection: "close" };

export interface BodyLimit {
  maxBytes: number;
  timeoutMs?: number;
}

/**
 * The body's bytes, or BodyTooLargeError as soon as it passes `maxBytes` (at once when Content-Length
 * already says so, before anything is read) and BodyTimeoutError when it has not ended in time.
 * Nothing past the cap is buffered; the rest is left unread for the closing connection to drop.
 */
export async function readBodyCapped(request: Request, { maxBytes, timeoutMs = BODY_TIMEOUT_MS }: BodyLimit): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new BodyTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline]);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The body as UTF-8 text, through the same cap and deadline. */
export async function readTextCapped(request: Request, limit: BodyLimit): Promise<string> {
  return new TextDecoder().decode(await readBodyCapped(request, limit));
}

/** Whether the request came with a body (declared or chunked) that nothing has read yet. */
export function hasUnreadBody(request: Request): boolean {
  return Boolean(request.body) && !request.bodyUsed && (Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding"));
}
