"""Privacy: anonymising views before anything leaves the assistant, keeping personal data
out of log lines, and forgetting a person on request.

Pure Python (no Rasa): ``anonymise(text)`` and ``ANONYMISER_VERSION`` (``anonymiser``);
``redaction`` keeps personal data out of log lines.
"""

from bot.privacy.anonymiser import ANONYMISER_VERSION, anonymise, find_identifiers

__all__ = ["ANONYMISER_VERSION", "anonymise", "find_identifiers"]
