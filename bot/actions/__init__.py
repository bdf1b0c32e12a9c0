"""Custom actions for the assistant.

Plain modules (``consent``, ``menu``, ``anonymise``, ``pseudonym``, ``api_client``,
``labels``, ``language``, ``channel``) hold the logic and import nothing from rasa_sdk,
so they can be tested alone. The ``*_actions`` modules are thin rasa_sdk wrappers.
"""

from bot.privacy.redaction import install_log_redaction
from bot.privacy.secrets import require_production_secrets

# The action server imports this package first: from then on no log line of the process
# carries a phone number, an email address or what someone wrote (bot/privacy/redaction.py),
# and in production it refuses to start on the local default secrets.
install_log_redaction()
require_production_secrets(("API_SERVICE_TOKEN", "PSEUDONYM_SECRET"))
