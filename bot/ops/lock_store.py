"""Rasa's Redis lock store, with each change to a conversation's lock made atomically.

Rasa 3.6's ``RedisLockStore`` changes a lock by reading it, changing it in Python and
writing it back. With two Rasa processes, two messages of one conversation arriving together
can both read the lock, each add a ticket and write it back; one ticket is lost, the other
process may then delete the lock as unused, and a waiting message fails with ``LockError``
(seen in the production-profile test that sends messages of one conversation at once).
Here each change (issue a ticket, drop expired ones, finish serving and delete the lock if
nobody waits) is one Lua script that Redis runs atomically: one round trip instead of the
four to six of a read-change-write under a mutex, while the event loop waits for none of
them longer than a single command. The lock is stored as Rasa stores it, so Rasa's own
``get_lock`` reads it.

Configured in ``bot/endpoints.production.yml`` as ``type: bot.ops.lock_store.AtomicRedisLockStore``
with the settings of Rasa's ``redis`` lock store.
"""

from __future__ import annotations

import time
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# Shared by the scripts: read the lock's live tickets (Rasa's format: a JSON list of
# tickets, each itself a JSON string), write them back, or delete the lock when none is left.
_TICKETS = """
local function live_tickets(raw, now, drop)
  local kept = {}
  if raw then
    for _, text in ipairs(cjson.decode(raw)['tickets'] or {}) do
      local ticket = cjson.decode(text)
      if tonumber(ticket['expires']) >= now and ticket['number'] ~= drop then
        table.insert(kept, ticket)
      end
    end
  end
  return kept
end
local function write(key, conversation, tickets)
  local texts = {}
  for i, ticket in ipairs(tickets) do
    texts[i] = cjson.encode(cjson.encode({number = ticket['number'], expires = ticket['expires']}))
  end
  redis.call('SET', key, '{"conversation_id": ' .. cjson.encode(conversation) ..
    ', "tickets": [' .. table.concat(texts, ', ') .. ']}')
end
"""

# KEYS[1] lock; ARGV now, lifetime, conversation id. The new ticket's number.
ISSUE_TICKET = (
    _TICKETS
    + """
local tickets = live_tickets(redis.call('GET', KEYS[1]), tonumber(ARGV[1]), nil)
local number = 0
if #tickets > 0 then number = tickets[#tickets]['number'] + 1 end
table.insert(tickets, {number = number, expires = tonumber(ARGV[1]) + tonumber(ARGV[2])})
write(KEYS[1], ARGV[3], tickets)
return number
"""
)

# KEYS[1] lock; ARGV now, conversation id. Drops expired tickets (Rasa's update_lock).
DROP_EXPIRED = (
    _TICKETS
    + """
local raw = redis.call('GET', KEYS[1])
if raw then write(KEYS[1], ARGV[2], live_tickets(raw, tonumber(ARGV[1]), nil)) end
return 0
"""
)

# KEYS[1] lock; ARGV now, conversation id, ticket. Rasa's cleanup: finish serving the
# ticket, and delete the lock if nobody else waits.
CLEANUP = (
    _TICKETS
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local tickets = live_tickets(raw, tonumber(ARGV[1]), tonumber(ARGV[3]))
if #tickets == 0 then redis.call('DEL', KEYS[1]) else write(KEYS[1], ARGV[2], tickets) end
return #tickets
"""
)


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket changes cannot overwrite each other."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa passes the ``lock_store`` section; tests may pass its settings directly."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._issue = self.red.register_script(ISSUE_TICKET)
        self._drop_expired = self.red.register_script(DROP_EXPIRED)
        self._cleanup = self.red.register_script(CLEANUP)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Rasa's ``issue_ticket``, atomically."""
        try:
            key = self.key_prefix + conversation_id
            return int(self._issue(keys=[key], args=[time.time(), lock_lifetime, conversation_id]))
        except Exception as error:  # Rasa's own contract: any failure is a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Rasa's ``update_lock`` (drop expired tickets), atomically."""
        key = self.key_prefix + conversation_id
        self._drop_expired(keys=[key], args=[time.time(), conversation_id])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Rasa's ``cleanup`` (finish serving, delete the lock if nobody waits), atomically."""
        key = self.key_prefix + conversation_id
        self._cleanup(keys=[key], args=[time.time(), conversation_id, ticket_number])
