// The guard against real loopback servers: HTTPS through the agent (the connection goes to the
// checked address while TLS still verifies the host name), and openid-client, the library next-auth
// signs in with, sending its requests through the same agent.
import { createServer as createHttpServer, type RequestListener, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { custom, Issuer } from "openid-client";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchCapped, FetchFailure } from "./fetch-capped";
import { BlockedDestinationError, guardedAgent, resolveDestination } from "./guarded-agent";

const limits = { accept: "application/json", maxBytes: 1024 * 1024, timeoutMs: 5000, maxRedirects: 3 };

async function listen(server: Server): Promise<{ port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let ca: string;
let https: Awaited<ReturnType<typeof listen>>;
let http: Awaited<ReturnType<typeof listen>>;

const discovery: RequestListener = (request, response) => {
  const origin = `http://${request.headers.host}`;
  response.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({ issuer: origin, authorization_endpoint: `${origin}/authorize`, token_endpoint: `${origin}/token`, jwks_uri: `${origin}/jwks` }),
  );
};

beforeAll(async () => {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }],
  });
  ca = pems.cert;
  https = await listen(createHttpsServer({ key: pems.private, cert: pems.cert }, (_request, response) => response.writeHead(200).end('{"ok":true}')));
  http = await listen(createHttpServer(discovery));
});
afterAll(async () => {
  await https.close();
  await http.close();
});

describe("resolveDestination", () => {
  it("checks every address a name resolves to, and literal addresses too", async () => {
    await expect(resolveDestination("localhost", { allowPrivate: false })).rejects.toBeInstanceOf(BlockedDestinationError);
    await expect(resolveDestination("[::1]", { allowPrivate: false })).rejects.toThrow("::1 is at ::1, a loopback (::1) address");
    await expect(resolveDestination("127.0.0.1", { allowPrivate: true })).resolves.toEqual({ address: "127.0.0.1", family: 4 });
    await expect(resolveDestination("0.0.0.0", { allowPrivate: true })).rejects.toThrow("this network");
  });
});

describe("fetchCapped over HTTPS", () => {
  it("connects to the checked address and still verifies the certificate for the host name", async () => {
    expect(await fetchCapped(`https://localhost:${https.port}/`, { ...limits, allowPrivate: true, ca })).toBe('{"ok":true}');
  });

  it("refuses a certificate that does not name the host (the address was pinned, not the name dropped)", async () => {
    const error = await fetchCapped(`https://127.0.0.1:${https.port}/`, { ...limits, allowPrivate: true, ca }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchFailure);
    expect((error as FetchFailure).kind).toBe("unreachable");
    expect((error as FetchFailure).detail).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it("refuses the HTTPS server on loopback while private networks are not allowed", async () => {
    const error = await fetchCapped(`https://localhost:${https.port}/`, { ...limits, allowPrivate: false, ca }).catch((caught: unknown) => caught);
    expect((error as FetchFailure).kind).toBe("blocked");
  });
});

describe("openid-client through the agent (next-auth's sign-in requests)", () => {
  it("refuses discovery on loopback while private networks are not allowed, and discovers when they are", async () => {
    const url = `http://127.0.0.1:${http.port}/.well-known/openid-configuration`;
    custom.setHttpOptionsDefaults({ agent: guardedAgent({ allowPrivate: false }) });
    await expect(Issuer.discover(url)).rejects.toBeInstanceOf(BlockedDestinationError);
    custom.setHttpOptionsDefaults({ agent: guardedAgent({ allowPrivate: true }) });
    const issuer = await Issuer.discover(url);
    expect(issuer.metadata.token_endpoint).toBe(`http://127.0.0.1:${http.port}/token`);
  });
});
