#!/usr/bin/env bash
# Trains the Rasa model only when the training data, domain or config changed since the
# last training (a fingerprint of those files is kept beside the model).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

fingerprint=$(find bot/config.yml bot/domain bot/data -type f -print0 | sort -z \
  | xargs -0 sha256sum | sha256sum | cut -c1-32)
model=models/sendbot.tar.gz
if [ -f "$model" ] && [ "$(cat models/.fingerprint 2>/dev/null)" = "$fingerprint" ] \
   && [ "${FORCE_TRAIN:-0}" != 1 ]; then
  echo "train: the model is up to date ($model)"
  exit 0
fi
echo "train: training data changed, training the model (about 2 minutes)"
start=$(date +%s)
.venvs/bot/bin/rasa train --config bot/config.yml --domain bot/domain --data bot/data \
  --out models --fixed-model-name sendbot --quiet $( [ "${FORCE_TRAIN:-0}" = 1 ] && echo --force )
echo "$fingerprint" > models/.fingerprint
echo "train: done in $(( $(date +%s) - start )) s"
