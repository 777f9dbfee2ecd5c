// Stamps every request the web server receives with its socket's address (PEER_ADDRESS_HEADER),
// replacing any value the client sent: `next start` gives the app no other way to see the socket.
// It wraps http.Server's emit for "request" events, the hook OpenTelemetry's HTTP instrumentation
// uses too, so it needs no custom server and works with `next start` as it is.
import http from "node:http";
import { PEER_ADDRESS_HEADER } from "./client-ip";

export function stampPeerAddresses(): void {
  const state = globalThis as { wireguiPeerAddressStamp?: boolean };
  if (state.wireguiPeerAddressStamp) return;
  state.wireguiPeerAddressStamp = true;
  // Typed loosely: emit's overloads cannot be spelled as one function type.
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  const stampingEmit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") stamp(args[0] as http.IncomingMessage);
    return emit.call(this, event, ...args);
  };
  http.Server.prototype.emit = stampingEmit as typeof http.Server.prototype.emit;
}

export function stamp(request: http.IncomingMessage): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[PEER_ADDRESS_HEADER] = address;
  else delete request.headers[PEER_ADDRESS_HEADER];
}
