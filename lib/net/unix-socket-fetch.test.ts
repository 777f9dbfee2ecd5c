import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUnixSocketFetch } from "./unix-socket-fetch";

let dir: string;
let server: Server;
const seen: { method?: string; url?: string; host?: string; encoding?: string; body: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "wiregui-unix-fetch-"));
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, encoding: req.headers["content-encoding"], body: Buffer.concat(chunks).toString() });
      if (req.url === "/slow") return;
      res.writeHead(req.url === "/missing" ? 404 : 204, { "x-answer": "yes" });
      res.end(req.url === "/missing" ? "no such path" : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(join(dir, "vm.sock"), resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

test("sends the request over the socket with the URL's path, host, headers and body", async () => {
  const send = createUnixSocketFetch(join(dir, "vm.sock"));
  const response = await send("http://victoriametrics:8428/api/v1/import/prometheus?extra=1", {
    method: "POST",
    headers: { "content-encoding": "gzip" },
    body: new TextEncoder().encode("wiregui_up 1"),
  });
  expect(response.status).toBe(204);
  expect(response.headers.get("x-answer")).toBe("yes");
  expect(seen.at(-1)).toEqual({ method: "POST", url: "/api/v1/import/prometheus?extra=1", host: "victoriametrics:8428", encoding: "gzip", body: "wiregui_up 1" });
});

test("gives the status and body of an error answer", async () => {
  const response = await createUnixSocketFetch(join(dir, "vm.sock"))("http://victoriametrics:8428/missing");
  expect(response.ok).toBe(false);
  expect(response.status).toBe(404);
  expect(await response.text()).toBe("no such path");
});

test("rejects when the socket is missing, and when the signal aborts", async () => {
  await expect(createUnixSocketFetch(join(dir, "absent.sock"))("http://victoriametrics:8428/")).rejects.toThrow(/ENOENT/);
  await expect(createUnixSocketFetch(join(dir, "vm.sock"))("http://victoriametrics:8428/slow", { signal: AbortSignal.timeout(100) })).rejects.toThrow();
});
