# Sourced by the other scripts: loads .env when present, then fills in the local defaults.
# The defaults are for a laptop only; ENVIRONMENT=production refuses them (see .env.example).
if [ -f .env ]; then set -a; . ./.env; set +a; fi
# A named profile (PROFILE=production) fills in what .env and the caller left unset.
if [ -n "${PROFILE:-}" ]; then
  while IFS='=' read -r key value; do
    case "$key" in ''|\#*) continue ;; esac
    [ -z "${!key:-}" ] && export "$key=$(eval echo "$value")"
  done < "scripts/profiles/$PROFILE.env"
fi

export ENVIRONMENT=${ENVIRONMENT:-development}
export RASA_PORT=${RASA_PORT:-5005}
export ACTION_PORT=${ACTION_PORT:-5055}
export API_PORT=${API_PORT:-8000}
export VAR_DIR=${VAR_DIR:-var}
mkdir -p "$VAR_DIR"

export RASA_AUTH_TOKEN=${RASA_AUTH_TOKEN:-local-rasa-token}
export API_SERVICE_TOKEN=${API_SERVICE_TOKEN:-local-service-token}
export PSEUDONYM_SECRET=${PSEUDONYM_SECRET:-local-pseudonym-secret}

export API_URL=${API_URL:-http://127.0.0.1:$API_PORT}
export RASA_URL=${RASA_URL:-http://127.0.0.1:$RASA_PORT}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTION_PORT/webhook}
export DATABASE_URL=${DATABASE_URL:-sqlite:///$VAR_DIR/api.db}
export TRACKER_DB=${TRACKER_DB:-$VAR_DIR/tracker.db}
export OUTBOX_DB=${OUTBOX_DB:-$VAR_DIR/outbox.db}
export DEFAULT_FORUM=${DEFAULT_FORUM:-local}
# SMS and Telegram (docs/channels.md). Empty: the connectors are listed but idle (503) and
# the outbound dispatcher has nothing to send, so `make run` needs no account anywhere.
export CHANNEL_DB=${CHANNEL_DB:-$VAR_DIR/channels.db}
export CHANNEL_ENCRYPTION_KEY=${CHANNEL_ENCRYPTION_KEY:-local-channel-key}
for name in TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN TWILIO_FROM_NUMBER TWILIO_MESSAGING_SERVICE_SID \
            TWILIO_PUBLIC_URL TELEGRAM_BOT_TOKEN TELEGRAM_WEBHOOK_SECRET TELEGRAM_WEBHOOK_URL; do
  export "$name=${!name:-}"
done
export RETENTION_DAYS=${RETENTION_DAYS:-30}

# Rasa: no telemetry, quiet TensorFlow, no SQLAlchemy 2.0 migration nag.
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=${TF_CPP_MIN_LOG_LEVEL:-2}
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONDONTWRITEBYTECODE=1
