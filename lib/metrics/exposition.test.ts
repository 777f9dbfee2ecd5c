import { describe, expect, it } from "vitest";
import { escapeLabelValue, formatLabels, sampleLine, typeLine } from "./exposition";

describe("escapeLabelValue", () => {
  it("escapes backslashes, quotes and newlines, in that order", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(escapeLabelValue('\\"')).toBe('\\\\\\"');
  });

  it("leaves other characters, including unicode and tabs, as they are", () => {
    expect(escapeLabelValue("Zoë's phone\t📱 {x}=1,")).toBe("Zoë's phone\t📱 {x}=1,");
  });
});

describe("sampleLine", () => {
  const labels = formatLabels({ public_key: "k+/=", user_email: "a@b.c", device_name: 'my "laptop"\nsecond line' });

  it("renders name, labels, value and a millisecond timestamp", () => {
    expect(sampleLine("wiregui_peer_rx_bytes", labels, 12n, 1_700_000_000_123.4)).toBe(
      'wiregui_peer_rx_bytes{public_key="k+/=",user_email="a@b.c",device_name="my \\"laptop\\"\\nsecond line"} 12 1700000000123',
    );
  });

  it("prints u64 counters exactly, beyond Number's precision", () => {
    expect(sampleLine("m", "", (1n << 64n) - 1n, 0)).toBe("m 18446744073709551615 0");
    expect(sampleLine("m", "", 9007199254740993n, 0)).toBe("m 9007199254740993 0");
  });

  it("prints special floats the way the format spells them", () => {
    expect(sampleLine("m", "", Number.NaN, 1)).toBe("m NaN 1");
    expect(sampleLine("m", "", Number.POSITIVE_INFINITY, 1)).toBe("m +Inf 1");
    expect(sampleLine("m", "", 0.5, 1)).toBe("m 0.5 1");
  });

  it("renders no braces without labels", () => {
    expect(formatLabels({})).toBe("");
  });
});

describe("typeLine", () => {
  it("declares help and type", () => {
    expect(typeLine("m", "counter", "Bytes\nreceived")).toBe("# HELP m Bytes\\nreceived\n# TYPE m counter");
  });
});
