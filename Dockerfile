# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
# better-sqlite3 is a native addon: build it from source against this Node.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY webapp ./webapp
# npm ci builds regbot too (the prepare script), so the sources come first.
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/regbot.sqlite \
    PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Every export ships the checker's sources (verify.mjs and the modules it shares with the exporter).
COPY src/bundle ./src/bundle
COPY package.json ./
COPY migrations ./migrations
COPY migrations-postgres ./migrations-postgres
COPY locales ./locales
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node is PID 1 here and handles SIGTERM itself: regbot shuts down cleanly on `docker stop`.
CMD ["node", "dist/src/main.js"]
