# WireGUI web app and command line. Multi-stage: dependencies, build, then a slim runtime that
# runs as an unprivileged user. The runtime runs the same commands as the local stack
# (scripts/stack-up.sh): `node --import tsx cli/wiregui.ts setup` and `next start`.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# prisma.config.ts supplies a placeholder DATABASE_URL: generate and build never connect.
RUN npx prisma generate \
 && npx next build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000
WORKDIR /app
RUN groupadd --system --gid 10001 wiregui && useradd --system --uid 10001 --gid wiregui wiregui
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.mjs /app/prisma.config.ts /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/.next ./.next
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/lib ./lib
COPY --from=build /app/cli ./cli
USER wiregui
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npx", "next", "start", "-H", "0.0.0.0", "-p", "3000"]
