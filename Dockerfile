# The web app for docker-compose.yml: gunicorn serving tracker.wsgi:app from the installed wheel.
# Stage 1 copies the front-end libraries from npm; stage 2 builds the wheel (templates, Cypher,
# data and static files ship inside it); stage 3 installs only the wheel, no source tree.
FROM node:20-bookworm-slim AS vendor
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && mkdir -p vendor \
 && cp node_modules/chart.js/dist/chart.umd.js vendor/ \
 && cp node_modules/cytoscape/dist/cytoscape.min.js vendor/

FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY tracker ./tracker
COPY --from=vendor /src/vendor ./tracker/static/vendor
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /dist .

FROM python:3.11-slim
COPY --from=wheel /dist /dist
RUN pip install --no-cache-dir /dist/partner_tracker-*.whl "gunicorn>=22" && rm -rf /dist
RUN useradd --system tracker && mkdir -p /app/var /backups && chown tracker /app/var /backups
WORKDIR /app
USER tracker
ENV TRACKER_DATA_DIR=/app/var
EXPOSE 5000
ENV TRACKER_BIND=0.0.0.0:5000 TRACKER_WORKERS=2 TRACKER_THREADS=8
CMD ["gunicorn", "-c", "python:tracker.gunicorn_conf", "tracker.wsgi:app"]
