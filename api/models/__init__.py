"""Data models: `XBase` -> `XCreate` -> `X` (the table) -> `XPublic` (what the API returns).

Importing this package registers every table on `SQLModel.metadata`, which the migrations
compare against.
"""

from api.models.action import Action, ActionBase, ActionCreate, ActionPublic
from api.models.api_key import (
    ApiKey,
    ApiKeyBase,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    Role,
)
from api.models.audit import AuditEvent, AuditEventBase, AuditEventCreate, AuditEventPublic
from api.models.base import utc_now
from api.models.chat import ChatMessage
from api.models.forum import (
    Forum,
    ForumBase,
    ForumCreate,
    ForumCreated,
    ForumPublic,
    ForumUpdate,
)
from api.models.listened import (
    ListenedScore,
    ListenedScoreBase,
    ListenedScoreCreate,
    ListenedScoreStored,
)
from api.models.outbox import (
    OutboxFailure,
    OutboxMessage,
    OutboxMessageBase,
    OutboxMessagePublic,
    OutboxMessageState,
    OutboxStatus,
)
from api.models.quick_view import (
    QuickView,
    QuickViewAnswer,
    QuickViewAnswerBase,
    QuickViewAnswerCreate,
    QuickViewAnswerStored,
    QuickViewBase,
    QuickViewCreate,
    QuickViewOptionResult,
    QuickViewPublic,
    QuickViewResults,
)
from api.models.quote import QuoteBase, QuoteDecision, QuotePublic
from api.models.safeguarding import (
    SafeguardingCategory,
    SafeguardingEvent,
    SafeguardingEventCreate,
    SafeguardingEventPublic,
    SafeguardingEventStored,
)
from api.models.stats import ContributorFirst, ContributorMonth, ViewStat
from api.models.view import (
    AgeBand,
    Channel,
    QuoteStatus,
    View,
    ViewBase,
    ViewBatch,
    ViewBatchStored,
    ViewCreate,
    ViewPublic,
    ViewStored,
)

__all__ = [
    "Action",
    "ActionBase",
    "ActionCreate",
    "ActionPublic",
    "AgeBand",
    "ApiKey",
    "ApiKeyBase",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyPublic",
    "AuditEvent",
    "AuditEventBase",
    "AuditEventCreate",
    "AuditEventPublic",
    "Channel",
    "ChatMessage",
    "ContributorFirst",
    "ContributorMonth",
    "Forum",
    "ForumBase",
    "ForumCreate",
    "ForumCreated",
    "ForumPublic",
    "ForumUpdate",
    "ListenedScore",
    "ListenedScoreBase",
    "ListenedScoreCreate",
    "ListenedScoreStored",
    "OutboxFailure",
    "OutboxMessage",
    "OutboxMessageBase",
    "OutboxMessagePublic",
    "OutboxMessageState",
    "OutboxStatus",
    "QuickView",
    "QuickViewAnswer",
    "QuickViewAnswerBase",
    "QuickViewAnswerCreate",
    "QuickViewAnswerStored",
    "QuickViewBase",
    "QuickViewCreate",
    "QuickViewOptionResult",
    "QuickViewPublic",
    "QuickViewResults",
    "QuoteBase",
    "QuoteDecision",
    "QuotePublic",
    "QuoteStatus",
    "Role",
    "SafeguardingCategory",
    "SafeguardingEvent",
    "SafeguardingEventCreate",
    "SafeguardingEventPublic",
    "SafeguardingEventStored",
    "View",
    "ViewBase",
    "ViewBatch",
    "ViewBatchStored",
    "ViewCreate",
    "ViewPublic",
    "ViewStat",
    "ViewStored",
    "utc_now",
]
