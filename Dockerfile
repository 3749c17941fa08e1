# One image for the api, worker, migrate and sandboxes services (docker-compose.yml).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# --ignore-scripts: the image brings Node 24 itself, and Temporal runs as its own service.
RUN npm ci --ignore-scripts
COPY . .
# The web app is built too (dist/web), and the API serves it at /.
RUN npx tsc -p tsconfig.build.json && node apps/tools/copy-assets.ts && npx vite build --config apps/web/vite.config.ts --logLevel warn

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
# A container's loopback is its own: the API listens on every interface of the container, which
# publishes only the ports it is told to (outside a container the API stays on 127.0.0.1).
ENV API_HOST=0.0.0.0
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]
