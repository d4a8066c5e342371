# syntax=docker/dockerfile:1
# One image for both roles: `node dist/src/main.js` (API, the default) and
# `node dist/src/worker.js` (worker). See docker-compose.yml.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# .npmrc sets legacy-peer-deps=true, which the lock file was made with.
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Reference CSVs: a migration reads them at run time.
COPY data ./data
# DATA_DIR (./.data) is used only when DATABASE_URL, SMTP_URL or JWT_SECRET is unset.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
