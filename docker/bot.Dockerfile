# The bot image: Rasa server and action server share it (one locked environment).
# Build from the repo root: docker build -f docker/bot.Dockerfile .
FROM python:3.10.13-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1001 sendbot \
    && mkdir -p /var/lib/sendvoices /var/lib/sendvoices-outbox \
    && chown sendbot /var/lib/sendvoices /var/lib/sendvoices-outbox
WORKDIR /app
COPY requirements/bot.lock requirements/bot.lock
RUN pip install --no-deps -r requirements/bot.lock
COPY bot/ bot/
COPY channels/ channels/

# The model is trained at build time, so a container starts serving at once.
FROM base AS rasa
RUN rasa train --config bot/config.yml --domain bot/domain --data bot/data \
      --out models --fixed-model-name sendbot --quiet \
    && chown -R sendbot /app
USER sendbot
EXPOSE 5005
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:5005/ || exit 1
CMD ["sh", "-c", "exec rasa run --model models/sendbot.tar.gz --endpoints bot/endpoints.production.yml --credentials bot/credentials.yml --enable-api --auth-token \"$RASA_AUTH_TOKEN\" --port 5005"]

FROM base AS actions
USER sendbot
EXPOSE 5055
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://127.0.0.1:5055/health || exit 1
CMD ["rasa", "run", "actions", "--actions", "bot.actions", "--port", "5055"]
