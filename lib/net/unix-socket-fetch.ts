// A fetch that sends every request over one Unix socket, whatever the URL's host (which stays the
// Host header). compose gives the collector VictoriaMetrics this way: the WireGuard network
// namespace, where VPN clients' packets arrive, is on no network with VictoriaMetrics on it.
import { request } from "node:http";

export function createUnixSocketFetch(socketPath: string): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = new Headers(init.headers);
      const body = init.body == null ? undefined : Buffer.from(init.body as Uint8Array | string);
      if (body) headers.set("content-length", String(body.length));
      const outgoing = request(
        { socketPath, method: init.method ?? "GET", path: `${url.pathname}${url.search}`, headers: { ...Object.fromEntries(headers), host: url.host }, signal: init.signal ?? undefined },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", reject);
          incoming.on("end", () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
            }
            const status = incoming.statusCode ?? 502;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
}
