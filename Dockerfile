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
RUN pip install --no-cache-dir -e . gunicorn>=22
RUN useradd --system tracker && mkdir -p /app/var /backups && chown tracker /app/var /backups
USER tracker
ENV TRACKER_DATA_DIR=/app/var
EXPOSE 5000
CMD ["gunicorn", "--bind", "0.0.0.0:5000", "--workers", "2", "--threads", "4", "tracker.wsgi:app"]
