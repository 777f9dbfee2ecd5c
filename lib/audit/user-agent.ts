// A short, readable form of a user agent for the audit table ("Chrome 156 · Linux"); the full
// string stays available on hover.

const browsers: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bFirefox\/(\d+)/, "Firefox"],
  [/\bHeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/\b(?:Chrome|Chromium|CriOS)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
];

const systems: Array<[RegExp, string]> = [
  [/\bAndroid\b/, "Android"],
  [/\b(?:iPhone|iPad|iPod)\b/, "iOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bLinux\b/, "Linux"],
];

export function shortUserAgent(userAgent: string): string {
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(userAgent);
    if (!match) continue;
    const system = systems.find(([systemPattern]) => systemPattern.test(userAgent))?.[1];
    return system ? `${name} ${match[1]} · ${system}` : `${name} ${match[1]}`;
  }
  // Tools (curl/8.5.0, python-requests/2.32): their first product token says enough.
  const first = userAgent.split(/\s+/)[0] ?? userAgent;
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}
