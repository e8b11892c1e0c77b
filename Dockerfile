# syntax=docker/dockerfile:1
# Build: compile TypeScript with dev dependencies. Runtime: production dependencies only, non-root.
# Node 26 is the current LTS (Active LTS since October 2026); CI also runs the tests on Node 24 and 26.
FROM node:26-slim AS build
WORKDIR /app
# patches/ before npm ci: its postinstall applies them (docs/bolt-spread-patch.md).
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:26-slim AS runtime
ENV NODE_ENV=production PORT=3000 PGLITE_DIR=/app/.data/pglite
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The sandbox page is static files served at run time (no build step), so it is copied beside the compiled code.
COPY src/sandbox/page ./dist/src/sandbox/page
COPY data ./data
COPY manifest.yml ./
RUN mkdir -p /app/.data && chown -R node:node /app/.data
USER node
EXPOSE 3000
# NODE_ENV=production above: missing Slack credentials stop start-up instead of starting the sandbox, logs are JSON.
# /healthz answers 200 when the database answers within 1 s (Slack's state is in the body), 503 otherwise; in
# Socket Mode Bolt serves it on the same PORT.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/index.js"]
