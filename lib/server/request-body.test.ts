import { describe, expect, it } from "vitest";
import { BODY_LIMITS, BodyTimeoutError, BodyTooLargeError, hasUnreadBody, readBodyCapped, readTextCapped } from "./request-body";

/** A body that hands out `chunks` one read at a time and counts how many bytes were pulled. */
function countedBody(chunks: Uint8Array[], { stallAfter = Infinity }: { stallAfter?: number } = {}) {
  const counter = { pulled: 0, reads: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.reads >= stallAfter) return new Promise<void>(() => undefined); // never sends more
      const chunk = chunks[counter.reads++];
      if (!chunk) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  }, { highWaterMark: 0 });
  return { stream, counter };
}

function post(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request("http://wiregui.test/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

const kib = (n: number) => new Uint8Array(n * 1024).fill(97);

describe("readBodyCapped", () => {
  it("returns a body up to the cap, exactly at it included", async () => {
    const { stream } = countedBody([kib(1), kib(1), kib(2)]);
    const body = await readBodyCapped(post(stream), { maxBytes: 4 * 1024 });
    expect(body.byteLength).toBe(4 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading a byte", async () => {
    const { stream, counter } = countedBody([kib(1)]);
    const error = await readBodyCapped(post(stream, { "content-length": String(BODY_LIMITS.json + 1) }), { maxBytes: BODY_LIMITS.json }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).status).toBe(413);
    expect((error as Error).message).toBe("The request body is larger than 1 MiB.");
    expect(counter.pulled).toBe(0);
  });

  it("stops reading a body without a length as soon as it passes the cap", async () => {
    // 50 MiB offered in 64 KiB chunks: only the chunks up to the first one past 1 MiB are pulled.
    const chunks = Array.from({ length: 800 }, () => kib(64));
    const { stream, counter } = countedBody(chunks);
    await expect(readBodyCapped(post(stream), { maxBytes: BODY_LIMITS.json })).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(counter.pulled).toBeLessThanOrEqual(BODY_LIMITS.json + 64 * 1024);
  });

  it("gives up on a body that stops arriving", async () => {
    const { stream } = countedBody([kib(1), kib(1)], { stallAfter: 1 });
    const error = await readBodyCapped(post(stream), { maxBytes: BODY_LIMITS.json, timeoutMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BodyTimeoutError);
    expect((error as BodyTimeoutError).status).toBe(408);
    expect((error as Error).message).toBe("The request body did not arrive within 0.2 s.");
  });

  it("reads a request without a body as empty", async () => {
    expect((await readBodyCapped(new Request("http://wiregui.test/api", { method: "POST" }), { maxBytes: 10 })).byteLength).toBe(0);
  });

  it("decodes text as UTF-8", async () => {
    const { stream } = countedBody([new TextEncoder().encode('{"name":"Zoë"}')]);
    expect(await readTextCapped(post(stream), { maxBytes: 100 })).toBe('{"name":"Zoë"}');
  });
});

describe("hasUnreadBody", () => {
  it("is true for a declared or chunked body nobody read, false once read or without one", async () => {
    expect(hasUnreadBody(new Request("http://wiregui.test/", { method: "POST", body: "abc", headers: { "content-length": "3" } }))).toBe(true);
    expect(hasUnreadBody(post(countedBody([kib(1)]).stream, { "transfer-encoding": "chunked" }))).toBe(true);
    expect(hasUnreadBody(new Request("http://wiregui.test/", { method: "GET" }))).toBe(false);
    const read = new Request("http://wiregui.test/", { method: "POST", body: "abc", headers: { "content-length": "3" } });
    await read.text();
    expect(hasUnreadBody(read)).toBe(false);
  });
});
