import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER } from "./server/client-ip";
import { cutUserAgent, getRequestContext, requestContextFrom, runWithRequestContext, USER_AGENT_MAX_LENGTH } from "./request-context";

const chromium = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

describe("requestContextFrom", () => {
  it("takes the client address from the socket's stamp and the user agent", () => {
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1", "user-agent": chromium });
    expect(requestContextFrom(headers)).toEqual({ ip: "127.0.0.1", userAgent: chromium });
  });

  it("gives nulls when the headers are missing or blank", () => {
    expect(requestContextFrom(new Headers())).toEqual({ ip: null, userAgent: null });
    expect(requestContextFrom(new Headers({ "user-agent": "   " }))).toEqual({ ip: null, userAgent: null });
  });

  it("cuts a long user agent to the column's length", () => {
    const long = "x".repeat(USER_AGENT_MAX_LENGTH + 100);
    expect(requestContextFrom(new Headers({ "user-agent": long })).userAgent).toHaveLength(USER_AGENT_MAX_LENGTH);
    expect(cutUserAgent(` ${chromium} `)).toBe(chromium);
  });
});

describe("runWithRequestContext", () => {
  it("is null outside a request", () => {
    expect(getRequestContext()).toBeNull();
  });

  it("is visible across awaits and timers inside, and gone after", async () => {
    const context = { ip: "192.0.2.7", userAgent: "test-agent" };
    const seen = await runWithRequestContext(context, async () => {
      await sleep(5);
      const inTimer = await new Promise((resolve) => setTimeout(() => resolve(getRequestContext()), 1));
      return [getRequestContext(), inTimer];
    });
    expect(seen).toEqual([context, context]);
    expect(getRequestContext()).toBeNull();
  });

  it("keeps concurrent requests apart", async () => {
    const one = runWithRequestContext({ ip: "192.0.2.1", userAgent: "one" }, async () => {
      await sleep(10);
      return getRequestContext()?.userAgent;
    });
    const two = runWithRequestContext({ ip: "192.0.2.2", userAgent: "two" }, async () => {
      await sleep(1);
      return getRequestContext()?.userAgent;
    });
    expect(await Promise.all([one, two])).toEqual(["one", "two"]);
  });

  it("lets a nested context replace the outer one for its own work only", () => {
    runWithRequestContext({ ip: "192.0.2.1", userAgent: "outer" }, () => {
      expect(runWithRequestContext({ ip: "192.0.2.2", userAgent: "inner" }, () => getRequestContext()?.ip)).toBe("192.0.2.2");
      expect(getRequestContext()?.ip).toBe("192.0.2.1");
    });
  });
});
