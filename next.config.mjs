// Features WireGUI never uses: no page (or frame) may ask for them. Only features Chromium knows,
// or it logs an error for each unknown one.
const permissionsPolicy = ["accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb"]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The e2e tests build into their own folder so a running local stack keeps its build.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // Server actions read at most 512 KiB (Next's default is 1 MB): the largest form is pasted SAML
  // metadata (200 kB) and the rest are a few fields. Route handlers cap their own bodies
  // (lib/server/request-body.ts).
  // proxy.ts runs for pages only (its matcher leaves /api out), and Next.js buffers a copy of each
  // body that passes through it: at most as much as a server action may have, not its 10 MB default.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "512kb" }, proxyClientMaxBodySize: "512kb" },
  // Node-only packages used by the server and the CLI; keep them out of the bundle.
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "bcryptjs"],
  // The same on every response. The Content Security Policy (a nonce per request) and HSTS (which
  // depends on EXTERNAL_URL at run time, unknown at build time) are set by proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: permissionsPolicy },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
