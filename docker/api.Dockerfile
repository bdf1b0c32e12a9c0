# The forums API image (FastAPI + SQLModel, its own locked environment).
# Build from the repo root: docker build -f docker/api.Dockerfile .
FROM python:3.10.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1001 forums
WORKDIR /app
COPY requirements/api.lock requirements/api.lock
RUN pip install --no-deps -r requirements/api.lock
COPY api/ api/
USER forums
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:8000/health || exit 1
# Migrations run once before the workers start (see the migrate service in compose.yml).
CMD ["sh", "-c", "exec uvicorn api.main:app --host 0.0.0.0 --port 8000 --workers ${API_WORKERS:-4} --proxy-headers --no-access-log"]
