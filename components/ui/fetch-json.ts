// GET a WireGUI API path for React Query; a non-2xx answer throws with the API's own message.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function request(path: string, signal: AbortSignal | undefined, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(path, { signal, headers: { accept: "application/json", ...headers }, cache: "no-store" });
}

async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new ApiError(body?.error ?? `The server answered HTTP ${response.status}.`, response.status);
  return body as T;
}

export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return readJson<T>(await request(path, signal));
}

/**
 * GET with If-None-Match `etag` (when there is one): null when the server answers 304, i.e. what
 * the caller holds is still current and nothing was sent again.
 */
export async function fetchRevalidated<T>(path: string, etag: string | undefined, signal?: AbortSignal): Promise<T | null> {
  const response = await request(path, signal, etag ? { "if-none-match": etag } : {});
  if (response.status === 304) return null;
  return readJson<T>(response);
}
