import { describe, expect, it } from "vitest";
import { createLogger, errorMessage } from "./log";

describe("log", () => {
  it("writes one timestamped line per event, errors to their own stream", () => {
    const lines: Array<[string, string]> = [];
    const log = createLogger("collector", (level, line) => lines.push([level, line]));
    log.info("added peer X");
    log.error("could not apply");
    expect(lines).toEqual([
      ["info", expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO  collector: added peer X$/)],
      ["error", expect.stringMatching(/Z ERROR collector: could not apply$/)],
    ]);
  });

  it("turns a Prisma error with a code frame into one line", () => {
    const prisma = new Error(
      "\nInvalid `db.device.findMany()` invocation in\n/app/lib/db/devices.ts:77:20\n\n  74 \n→ 77   return db.device.findMany(\nCan't reach database server at 127.0.0.1:5999",
    );
    expect(errorMessage(prisma)).toBe("database query db.device.findMany() failed: Can't reach database server at 127.0.0.1:5999");
  });

  it("joins other multi-line messages", () => {
    expect(errorMessage(new Error("first\n\nsecond"))).toBe("first | second");
    expect(errorMessage("plain")).toBe("plain");
  });
});
