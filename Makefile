# Two commands run everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
BOT := .venvs/bot/bin
API := .venvs/api/bin
# Each checkout keeps pytest's temporary folders to itself: pytest deletes all but the
# newest three under a shared root, so a test run elsewhere on the machine could remove a
# folder this run is still using (a Redis --dir vanished that way).
ENV := . scripts/env.sh && mkdir -p var/pytest && export PYTEST_DEBUG_TEMPROOT=$(CURDIR)/var/pytest &&
RASA_DATA := --config bot/config.yml --domain bot/domain --data bot/data

.PHONY: help setup train run run-production test lint unit validate story-test e2e production-test forum-key bench directory fake-translate clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup:  ## Build or update the two locked environments (quick when nothing changed)
	@scripts/setup.sh

train: setup  ## Train the Rasa model if its data changed
	@scripts/train.sh

run:  ## Set up, train if needed, and run the whole stack on local defaults
	@scripts/run.sh

test: setup lint unit validate train story-test e2e production-test  ## Set up and run every test
	@echo "make test: all checks passed"

lint: setup  ## ruff on all Python code
	@$(BOT)/ruff check bot channels tests/unit/bot tests/integration/channels tests/fakes bench
	@$(API)/ruff check api tests/unit/api tests/integration tests/e2e tests/docker

unit: setup  ## Unit tests of both environments, API tests on PostgreSQL, the Compose check
	@scripts/test-tools.sh
	@$(ENV) $(BOT)/python -m pytest -q tests/unit/bot tests/integration/channels
	@$(ENV) $(API)/python -m pytest -q tests/unit/api tests/integration/api tests/integration/balancer tests/docker

validate: setup  ## rasa data validate
	@$(ENV) $(BOT)/rasa data validate $(RASA_DATA) --fail-on-warnings --quiet

story-test: train  ## Rasa test stories (every rule and story path)
	@$(ENV) PYTHONWARNINGS=ignore $(BOT)/rasa test core --model models/sendbot.tar.gz --stories bot/tests \
	  --fail-on-prediction-errors --out results/core --quiet
	@echo "story-test: all test stories passed"

e2e: train  ## Start the real processes; talk to them over HTTP and in headless Chromium
	@scripts/test-tools.sh
	@$(ENV) $(API)/python -m pytest -q tests/e2e

production-test: train  ## The production profile on the local PostgreSQL, Redis and nginx
	@scripts/test-tools.sh
	@$(ENV) $(API)/python -m pytest -q tests/integration/production

run-production:  ## The production profile here: PostgreSQL, Redis, 2 Rasa + 2 action servers behind nginx
	@createdb -h 127.0.0.1 -U postgres sendvoices 2>/dev/null || true
	@PROFILE=production scripts/run.sh

forum-key:  ## Create a forum key: make forum-key FORUM=local ROLE=moderator
	@scripts/setup.sh >&2
	@$(ENV) $(API)/python -m api.cli forum-key --forum "$(FORUM)" --role "$(ROLE)"

bench: train  ## Benchmarks: language identification, readability, topic recognition, SMS segments (docs/benchmarks.md)
	@$(ENV) $(BOT)/python -m bench.languages
	@$(ENV) $(BOT)/python -m bench.readability
	@$(ENV) TRANSLATOR=none $(BOT)/python -m bench.topics 2>/dev/null
	@$(ENV) $(BOT)/python -m bench.sms_segments

directory: setup  ## Import a Local Offer directory (ORUK): make directory SOURCE=<JSON file or API URL>
	@$(ENV) $(BOT)/python -m bot.localoffer.importer "$(SOURCE)"

fake-translate:  ## Optional dev aid: a stand-in LibreTranslate on 127.0.0.1:5000 (canned replies)
	@$(BOT)/python tests/fakes/libretranslate.py --port $${PORT:-5000}

clean:  ## Remove models, local data and environments
	rm -rf models results var .venvs
