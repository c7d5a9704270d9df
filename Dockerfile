# One build for every image: `docker compose up --build` picks the target per service.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY sandbox/package.json sandbox/
COPY server/package.json server/
COPY editor/package.json editor/
COPY test/package.json test/
RUN npm ci
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN npx nx run-many -t build -p @dmflow/shared @dmflow/sandbox @dmflow/server @dmflow/editor

FROM node:24-slim AS server
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/shared/package.json shared/
COPY --from=build /app/sandbox/package.json sandbox/
COPY --from=build /app/server/package.json server/
COPY --from=build /app/editor/package.json editor/
COPY --from=build /app/test/package.json test/
RUN npm ci --omit=dev -w @dmflow/server -w @dmflow/shared --include-workspace-root=false
COPY --from=build /app/shared/dist shared/dist
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/editor/dist editor/dist
ENV EDITOR_DIST=/app/editor/dist
EXPOSE 3000
CMD ["node", "server/dist/main.js"]

FROM nginx:1.27-alpine AS editor
COPY docker/editor-nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/editor/dist /usr/share/nginx/html
EXPOSE 8080

# The sandbox Graph API (@dmflow/sandbox, sandbox/): Node built-ins only, so no npm install.
FROM node:24-slim AS sandbox
WORKDIR /app
COPY --from=build /app/sandbox/dist ./
ENV SANDBOX_HOST=0.0.0.0 SANDBOX_PORT=4010
EXPOSE 4010
CMD ["node", "main.js"]
