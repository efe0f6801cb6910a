# One image for api, matcher and notifier; the command picks the service.
FROM node:20-bookworm-slim AS deps
RUN npm install -g pnpm@10.34.8
WORKDIR /app
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json ./
COPY packages/config/package.json packages/config/
COPY packages/db/package.json packages/db/
COPY packages/domain/package.json packages/domain/
COPY packages/mail/package.json packages/mail/
COPY packages/matching/package.json packages/matching/
COPY packages/queue/package.json packages/queue/
COPY packages/testkit/package.json packages/testkit/
COPY services/api/package.json services/api/
COPY services/matcher/package.json services/matcher/
COPY services/notifier/package.json services/notifier/
COPY services/web/package.json services/web/
RUN pnpm install --frozen-lockfile

FROM deps AS build
COPY . .
RUN if [ -f services/web/index.html ]; then pnpm --filter @passerelle/web build; fi

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 WEB_DIST=/app/services/web/dist
WORKDIR /app
COPY --from=build /app /app
USER node
EXPOSE 3000
CMD ["node_modules/.bin/tsx", "services/api/src/server.ts"]
