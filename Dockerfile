# The web app for docker-compose.yml: gunicorn serving tracker.wsgi:app.
FROM node:20-bookworm-slim AS vendor
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && mkdir -p vendor \
 && cp node_modules/chart.js/dist/chart.umd.js vendor/ \
 && cp node_modules/cytoscape/dist/cytoscape.min.js vendor/

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY tracker ./tracker
COPY --from=vendor /src/vendor ./tracker/static/vendor
RUN pip install --no-cache-dir -e .
RUN useradd --system tracker && mkdir -p /app/var && chown tracker /app/var
USER tracker
ENV TRACKER_DATA_DIR=/app/var
EXPOSE 5000
ENV TRACKER_WORKERS=2 TRACKER_THREADS=8
CMD ["gunicorn", "-c", "python:tracker.gunicorn_conf", "tracker.wsgi:app"]
