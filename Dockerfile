# WireGUI web app, command line and collector. Multi-stage: dependencies, build, the code every
# process runs, then two runtimes: `collector` (WireGuard tools; also used for the WireGuard
# container and the mock clients) and the web app, which is last so a plain `docker build .`
# builds it and runs as an unprivileged user. The commands are the local stack's
# (scripts/stack-up.sh): `node --import tsx cli/wiregui.ts setup`, `node --import tsx
# collector/main.ts` and `next start`.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# prisma.config.ts supplies a placeholder DATABASE_URL: generate and build never connect.
# Left out of the runtimes: the build's cache and the SWC compiler (160 MB and 100 MB; `next start`
# needs neither).
RUN npx prisma generate \
 && npx next build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache node_modules/@next/swc-*

FROM node:20-bookworm-slim AS app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
RUN groupadd --system --gid 10001 wiregui && useradd --system --uid 10001 --gid wiregui wiregui
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.mjs /app/prisma.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/lib ./lib
COPY --from=build /app/cli ./cli
COPY --from=build /app/collector ./collector

# Runs as root: `wg` and `ip` need it (compose grants only NET_ADMIN). Debian's wireguard-go is the
# fallback where the host kernel has no WireGuard module.
FROM app AS collector
RUN apt-get update \
 && apt-get install -y --no-install-recommends wireguard-tools wireguard-go iproute2 iputils-ping nftables socat \
 && rm -rf /var/lib/apt/lists/*
# The mock clients of compose's integration profile run the local stack's scripts.
COPY --from=build /app/scripts ./scripts
CMD ["node", "--import", "tsx", "collector/main.ts"]

FROM app AS runtime
ENV PORT=3000
COPY --from=build /app/.next ./.next
USER wiregui
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node itself is PID 1 (not npm), so SIGTERM reaches the server and nothing writes an npm cache.
CMD ["node", "node_modules/next/dist/bin/next", "start", "-H", "0.0.0.0", "-p", "3000"]
