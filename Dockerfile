# syntax=docker/dockerfile:1
# Claimtrail: compiled with the dev dependencies, run with the production ones only.
#   docker build -t claimtrail .
#   docker run -p 4000:4000 -v claimtrail-data:/app/data claimtrail        (embedded SQLite store)
#   docker run -p 4000:4000 -e CLAIMTRAIL_EVENT_STORE=postgres -e DATABASE_URL=postgres://… claimtrail
# Node 24, the active LTS line (Node 20 reached end of life in April 2026); better-sqlite3 12 supports it.
ARG NODE_IMAGE=node:24-bookworm-slim

# better-sqlite3 is a native add-on: npm downloads a prebuilt binary when one matches the platform and
# compiles it otherwise, which needs python3, make and g++. They stay in these stages, out of the image.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

# Production dependencies, compiled against the same Debian and Node as the runtime stage.
FROM toolchain AS deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    CLAIMTRAIL_DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY bin ./bin
COPY fixtures ./fixtures
# The importer validates bundles (and the first-start demo) against this schema.
COPY docs/bundle.schema.json ./docs/bundle.schema.json
# The server rewrites schema.gql at every start, so the unprivileged user must own it.
COPY --chown=node:node schema.gql ./schema.gql
# Created here so that a fresh named volume mounted on it inherits the node user's ownership.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 4000
# The slim image has no curl; Node has fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
