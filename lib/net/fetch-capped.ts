// A GET of an admin-given URL: through the guarded agent (public addresses only unless allowed, the
// connection pinned to the checked address), redirects followed by hand and each hop checked again,
// one deadline for the whole exchange, and the body counted while it streams in.
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockedDestinationError, guardedAgent, type DestinationPolicy } from "./guarded-agent";

export interface CappedFetchOptions extends DestinationPolicy {
  accept: string;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Extra trusted CA certificates (PEM), e.g. an internal CA; the system's are always trusted. */
  ca?: string;
}

export type FetchFailureKind = "blocked" | "unreachable" | "status" | "too-large" | "redirects" | "encoding";

/**
 * Why a fetch failed. `kind` and `status` are for the person (worded by the caller, without the
 * network detail that would turn the form into a port scanner); `detail` is for the server log.
 */
export class FetchFailure extends Error {
  constructor(
    readonly kind: FetchFailureKind,
    readonly detail: string,
    readonly extra: { status?: number; blocked?: BlockedDestinationError } = {},
  ) {
    super(detail);
    this.name = "FetchFailure";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function get(url: URL, options: CappedFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      agent: guardedAgent(options),
      headers: { accept: options.accept, "accept-encoding": "identity", "user-agent": "WireGUI" },
      signal,
      ...(options.ca && { ca: options.ca }),
    });
    request.once("response", resolve);
    request.once("error", reject);
    request.end();
  });
}

function failureOf(error: unknown, url: URL, signal: AbortSignal): FetchFailure {
  if (error instanceof FetchFailure) return error;
  if (error instanceof BlockedDestinationError) return new FetchFailure("blocked", error.message, { blocked: error });
  if (signal.aborted) return new FetchFailure("unreachable", `${url.origin}: no complete answer in time`);
  const code = (error as { code?: string }).code;
  return new FetchFailure("unreachable", `${url.origin}: ${code ?? (error as Error).message}`);
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new FetchFailure("too-large", `Content-Length ${declared} is over ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new FetchFailure("too-large", `the body passed ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body of a 200 answer as text; a FetchFailure for anything else. */
export async function fetchCapped(address: string, options: CappedFetchOptions): Promise<string> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = new URL(address);
  for (let hop = 0; ; hop++) {
    let response: IncomingMessage;
    try {
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchFailure("unreachable", `${url.protocol} is not http: or https:`);
      response = await get(url, options, signal);
    } catch (error) {
      throw failureOf(error, url, signal);
    }
    try {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.destroy();
        if (hop >= options.maxRedirects) throw new FetchFailure("redirects", `more than ${options.maxRedirects} redirects, the last to ${location}`);
        url = new URL(location, url);
        continue;
      }
      if (status !== 200) {
        response.destroy();
        throw new FetchFailure("status", `${url.origin} answered HTTP ${status}`, { status });
      }
      const encoding = response.headers["content-encoding"];
      if (encoding && encoding !== "identity") {
        response.destroy();
        throw new FetchFailure("encoding", `${url.origin} sent Content-Encoding ${encoding}, though asked for identity`);
      }
      return await readCapped(response, options.maxBytes);
    } catch (error) {
      response.destroy();
      throw failureOf(error, url, signal);
    }
  }
}
