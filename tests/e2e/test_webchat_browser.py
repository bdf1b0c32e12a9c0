"""The web chat in a real browser: Debian's Chromium, headless, driven by Playwright.

The page talks to the real stack (forums API, Rasa, action server) from the shared `stack`
fixture. axe-core (vendored under tests/browser/vendor/axe-core, pinned by its SHA-256) checks
WCAG 2.2 A and AA in the start state, mid-conversation, in Arabic and in Easy Read mode.

Set WEBCHAT_SCREENSHOTS=1 to write the README's screenshots to docs/screenshots/; otherwise
they go to a temporary folder, so the code that takes them is still run.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Stack
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REPLY_TIMEOUT_MS = 60_000
FOCUS_YELLOW = "rgb(255, 221, 0)"

# Records what the page asks the browser to say, then lets the browser say it.
SPEECH_SPY = """
window.__spoken = [];
if (window.speechSynthesis) {
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (utterance) => {
    window.__spoken.push({ text: utterance.text, lang: utterance.lang });
    speak(utterance);
  };
}
"""

# A conversation as the tab keeps it, in Arabic (sample text: the assistant's own Arabic
# replies come with the language work). Used to test restoring, direction and read aloud.
ARABIC_CONVERSATION = [
    {"who": "user", "text": "العربية", "lang": "ar"},
    {
        "who": "bot",
        "text": "مرحبًا بك! أنا هنا لمساعدة الآباء ومقدمي الرعاية للأطفال ذوي الاحتياجات "
        "التعليمية الخاصة والإعاقات (SEND).",
        "lang": "ar",
    },
    {"who": "bot", "text": "ماذا تريد أن تفعل؟ اكتب رقمًا:", "lang": "ar"},
    {
        "buttons": [
            {"title": "1 اسأل عن الدعم لطفلك", "payload": "/menu_topics"},
            {"title": "2 أخبر منتدى أولياء الأمور برأيك", "payload": "/menu_view"},
            {"title": "3 مساعدة", "payload": "/help"},
        ],
        "used": True,
    },
    {"who": "user", "text": "ما هي خطة EHC؟", "lang": "ar"},
    {
        "who": "bot",
        "text": "خطة EHC هي خطة للتعليم والصحة والرعاية. وهي تصف احتياجات طفلك والدعم "
        "الذي يجب أن يحصل عليه. يمكنك أن تطلب من المجلس تقييمًا بنفسك.",
        "lang": "ar",
    },
]


def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("WEBCHAT_SCREENSHOTS") == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: scripts/test-tools.sh installs it"
    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256, "axe.min.js changed"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Chat:
    """One person's tab on the chat page."""

    def __init__(self, stack: Stack, context: BrowserContext) -> None:
        self.stack = stack
        self.context = context
        self.page: Page = context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self) -> Chat:
        self.page.goto(f"{self.stack.api_url}/chat")
        self.page.wait_for_load_state("load")
        self.page.wait_for_function("() => window.SendVoicesText")
        return self

    # -- reading the page --

    def items(self) -> int:
        return self.page.locator("#log > li").count()

    def bot_texts(self) -> list[str]:
        return self.page.locator(".message-bot .text").all_inner_texts()

    def log_text(self) -> str:
        return self.page.locator("#log").inner_text()

    def sender(self) -> str:
        return self.page.evaluate("() => sessionStorage.getItem('send-voices-chat-sender')")

    def focused(self) -> dict[str, Any]:
        return self.page.evaluate(
            """() => {
              const el = document.activeElement;
              const style = getComputedStyle(el);
              const box = el.getBoundingClientRect();
              return {
                tag: el.tagName, id: el.id, text: (el.innerText || el.value || '').trim(),
                outline: style.outlineStyle + ' ' + style.outlineColor,
                background: style.backgroundColor,
                visible: box.width > 0 && box.height > 0,
                focusVisible: el.matches(':focus-visible'),
              };
            }"""
        )

    def assert_focus_is_visible(self) -> dict[str, Any]:
        focus = self.focused()
        assert focus["tag"] != "BODY", "the keyboard focus was lost"
        assert focus["visible"], f"the focused element cannot be seen: {focus}"
        assert FOCUS_YELLOW in (focus["outline"] + focus["background"]), (
            f"no visible focus indicator on {focus}"
        )
        return focus

    def user_events(self) -> list[dict[str, Any]]:
        events = self.stack.tracker(self.sender())["events"]
        return [event for event in events if event["event"] == "user"]

    # -- acting --

    def wait_for_reply(self, before: int) -> None:
        self.page.wait_for_function(
            """n => document.querySelectorAll('#log > li').length > n + 1
                    && document.getElementById('log').getAttribute('aria-busy') === 'false'""",
            arg=before,
            timeout=REPLY_TIMEOUT_MS,
        )

    def type_and_send(self, text: str) -> None:
        """Types into the focused message box and presses Enter, as a person would."""
        before = self.items()
        assert self.focused()["id"] == "message"
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")
        self.wait_for_reply(before)

    def tab_to(self, pattern: str, *, backwards: bool = False, most: int = 30) -> dict:
        """Presses Tab (or Shift+Tab) until the focused control's text matches `pattern`."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(most):
            self.page.keyboard.press(key)
            focus = self.assert_focus_is_visible()
            if re.search(pattern, focus["text"]):
                return focus
        raise AssertionError(f"{most} presses of {key} never reached {pattern!r}")

    def press_choice(self, pattern: str, key: str) -> None:
        """Reaches an answer button from the message box by keyboard and presses it."""
        before = self.items()
        self.tab_to(pattern, backwards=True)
        self.page.keyboard.press(key)
        self.wait_for_reply(before)
        assert self.focused()["id"] == "message", "after an answer the keyboard is not in the box"

    def axe(self) -> list[dict[str, Any]]:
        """Runs axe-core for WCAG 2.2 A and AA; returns the violations."""
        result = self.page.evaluate(
            """async tags => {
              // New messages fade in: judge their colours once they are fully there.
              await Promise.all(document.getAnimations().map(a => a.finished));
              return axe.run(document, { runOnly: { type: 'tag', values: tags } });
            }""",
            WCAG_22_AA,
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [node["target"] for node in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]

    def assert_accessible(self) -> None:
        violations = self.axe()
        assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)
        assert self.errors == [], self.errors

    def restore(self, history: list[dict[str, Any]], settings: dict[str, Any]) -> None:
        """Puts a conversation in the tab's storage and reloads, as after a reload."""
        self.page.evaluate(
            """([history, settings]) => {
              sessionStorage.setItem('send-voices-chat-history', JSON.stringify(history));
              sessionStorage.setItem('send-voices-chat-settings', JSON.stringify(settings));
            }""",
            [history, settings],
        )
        self.page.reload()
        self.page.wait_for_function("() => window.SendVoicesText")

    def overflow(self) -> dict[str, Any]:
        """How far the page, or any visible element, reaches past the window's right edge."""
        return self.page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              const wide = [];
              for (const el of document.querySelectorAll('body *')) {
                if (el.closest('.visually-hidden, .skip-link')) continue;
                const box = el.getBoundingClientRect();
                if (box.width && (box.right > width + 0.5 || box.left < -0.5)) {
                  wide.push(el.tagName + '#' + el.id + '.' + el.className);
                }
              }
              return { width, scrollWidth: document.documentElement.scrollWidth,
                       wide: wide.slice(0, 10) };
            }"""
        )


@pytest.fixture
def new_chat(browser: Browser, stack: Stack) -> Iterator[Any]:
    """Makes tabs in fresh browser profiles; closes them afterwards."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Chat:
        context = browser.new_context(
            viewport=options.pop("viewport", {"width": 1024, "height": 900}),
            locale="en-GB",
            **options,
        )
        context.add_init_script(path=str(AXE))
        context.add_init_script(SPEECH_SPY)
        contexts.append(context)
        return Chat(stack, context)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def text_page(browser: Browser, stack: Stack) -> Iterator[Page]:
    """One chat page, for calling the page's text helpers (window.SendVoicesText)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{stack.api_url}/chat")
    page.wait_for_function("() => window.SendVoicesText")
    yield page
    context.close()


def marker(word: str) -> str:
    return f"{word}{uuid.uuid4().int % 10**6:06d}"


def wait_for_view(stack: Stack, text: str, timeout: float = 10.0) -> dict | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for view in stack.views(limit="100"):
            if text in view["text"]:
                return view
        time.sleep(0.25)
    return None


def test_the_start_state_has_no_wcag_22_aa_violations_and_shows_the_privacy_notice(
    new_chat: Any,
) -> None:
    chat = new_chat().open()

    chat.assert_accessible()
    notice = chat.page.locator("#privacy-notice")
    assert notice.is_visible()
    assert "only pass on your views if you say yes" in notice.inner_text()
    assert chat.page.locator("footer a[href='/chat/privacy']").is_visible()
    assert chat.page.locator("#empty-note").is_visible()

    chat.page.locator("#privacy-notice a").click()
    chat.page.wait_for_load_state("load")
    assert chat.page.locator("h1").inner_text() == "How we use what you tell us"
    chat.assert_accessible()


def test_the_accessibility_check_would_catch_a_message_box_without_a_label(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    chat.page.evaluate("() => document.querySelector('label[for=message]').remove()")

    assert "label" in {violation["id"] for violation in chat.axe()}


def test_a_person_asks_about_a_topic_and_shares_a_view_by_keyboard_alone(
    new_chat: Any, stack: Stack
) -> None:
    chat = new_chat().open()
    page = chat.page
    word = marker("kumquat")  # a fruit, not a name: the anonymiser rightly removes "Clementine"

    page.keyboard.press("Tab")
    assert chat.assert_focus_is_visible()["text"] == "Skip to the message box"
    page.keyboard.press("Enter")
    assert chat.assert_focus_is_visible()["id"] == "message"

    chat.type_and_send("hello")
    assert "welcome" in chat.log_text().lower()
    chat.press_choice(r"^1 Ask about support", "Space")
    chat.press_choice(r"^1 EHC plans", "Enter")
    assert "education, health and care" in chat.log_text().lower()
    chat.assert_accessible()  # mid-conversation

    chat.type_and_send(
        f"The annual review was a disaster, nobody from the council came ({word}). "
        "Please ring me on 07700 900456."
    )
    assert "May I pass" in chat.log_text()
    assert wait_for_view(stack, word, timeout=0.5) is None, "passed on before the person said yes"
    chat.press_choice(r"^1 Yes", "Space")
    assert "Your view will go to the parent carer forum" in chat.log_text()

    # Normally immediate; a slow, busy machine can push it into the outbox's retry.
    shared = wait_for_view(stack, word, timeout=40.0)
    assert shared is not None, "the consented view did not reach GET /api/v1/views"
    assert shared["channel"] == "webchat"
    assert "900456" not in shared["text"]
    chat.assert_accessible()
    assert page.context.cookies() == [], "the chat set a cookie"
    assert all(url.startswith(stack.api_url) for url in chat.requests), chat.requests


def test_choosing_arabic_sends_its_own_name_and_sets_direction_per_message(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    page = chat.page

    before = chat.items()
    page.select_option("#language", "ar")
    page.get_by_role("button", name="Change language").click()
    chat.wait_for_reply(before)

    said = page.locator(".message-user .text").last
    assert said.inner_text() == "العربية"
    assert (said.get_attribute("lang"), said.get_attribute("dir")) == ("ar", "rtl")
    (event,) = chat.user_events()
    assert event["text"] == "العربية"
    assert {"channel": "webchat", "language": "ar"}.items() <= event["metadata"].items()
    # Each reply reads in the direction of its own script, whatever the assistant answered in.
    for reply in page.locator(".message-bot .text").all():
        arabic = re.search(r"[\u0600-\u06FF]", reply.inner_text()) is not None
        assert reply.get_attribute("dir") == ("rtl" if arabic else "ltr")

    page.locator("#message").focus()
    chat.type_and_send("ما هي خطة EHC؟")
    said = page.locator(".message-user .text").last
    assert (said.get_attribute("lang"), said.get_attribute("dir")) == ("ar", "rtl")
    chat.assert_accessible()


def test_a_restored_arabic_conversation_reads_right_to_left_and_aloud_in_arabic(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    chat.restore(ARABIC_CONVERSATION, {"language": "ar"})
    page = chat.page

    texts = page.locator(".message .text")
    assert texts.count() == 5
    for i in range(5):
        assert texts.nth(i).get_attribute("dir") == "rtl"
        assert texts.nth(i).evaluate("el => getComputedStyle(el).direction") == "rtl"
    choices = page.locator(".choice")
    assert choices.count() == 3 and choices.first.get_attribute("dir") == "rtl"
    assert choices.first.is_disabled(), "an answered question's buttons came back pressable"
    assert page.locator("#language").input_value() == "ar"
    chat.assert_accessible()

    read = page.locator(".message-bot .read-aloud").first
    read.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("() => window.__spoken")
    assert spoken == [{"text": ARABIC_CONVERSATION[1]["text"], "lang": "ar"}]


def test_easy_read_gives_one_sentence_a_message_and_tells_the_assistant(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    page = chat.page
    page.locator("#easy-read").focus()
    page.keyboard.press("Space")
    assert page.locator("#easy-read").is_checked()
    assert "Easy Read is on" in page.locator("#status").inner_text()

    page.locator("#message").focus()
    chat.type_and_send("what is an EHC plan?")
    pieces = chat.bot_texts()
    assert len(pieces) >= 3
    for piece in pieces:
        if not re.search(r"\n\d", piece):  # a question keeps its numbered options
            assert len(re.findall(r"[.!?](\s|$)", piece)) <= 1, piece
    metadata = chat.user_events()[-1]["metadata"]
    assert {"channel": "webchat", "easy_read": True}.items() <= metadata.items()
    assert "language" not in metadata, "a language was sent that nobody chose"
    chat.assert_accessible()

    page.locator("#easy-read").focus()
    page.keyboard.press("Space")
    assert len(chat.bot_texts()) < len(pieces)


def test_the_conversation_and_settings_survive_a_reload_and_a_new_conversation_clears_them(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    page = chat.page
    page.locator("#message").focus()
    chat.type_and_send("hello")
    page.locator("#easy-read").check()
    before = (chat.sender(), page.locator("#log").inner_text())

    page.reload()
    page.wait_for_function("() => window.SendVoicesText")
    assert (chat.sender(), page.locator("#log").inner_text()) == before
    assert page.locator("#easy-read").is_checked()

    page.get_by_role("button", name="Start a new conversation").click()
    assert chat.focused()["text"] == "No, keep my conversation"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert chat.items() == 0 and page.locator("#empty-note").is_visible()
    assert chat.sender() != before[0]


@pytest.mark.parametrize("width", [320, 640])
def test_the_page_fits_a_narrow_window_and_200_percent_text_without_sideways_scrolling(
    new_chat: Any, width: int
) -> None:
    chat = new_chat(viewport={"width": width, "height": 800}).open()
    page = chat.page
    chat.restore(ARABIC_CONVERSATION, {"language": "ar", "easyRead": True})
    if width == 640:  # 200% text size on a 1280 px window is this, and then some
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    page.locator("#message").focus()
    chat.type_and_send("hello")

    overflow = chat.overflow()
    assert overflow["scrollWidth"] <= overflow["width"], overflow
    assert overflow["wide"] == [], overflow
    for control in ("#message", "#send", "#language", "#easy-read"):
        assert page.locator(control).is_visible()


def test_text_from_anyone_is_shown_as_text_and_the_policy_blocks_inline_script(
    new_chat: Any,
) -> None:
    chat = new_chat().open()
    page = chat.page
    page.locator("#message").focus()
    chat.type_and_send('<img src="x" onerror="window.__pwned = 1"><b>bold</b>')

    assert page.locator("#log img, #log b").count() == 0
    assert "<b>bold</b>" in page.locator(".message-user .text").last.inner_text()
    blocked = page.evaluate(
        """() => {
          const results = {};
          try {
            const s = document.createElement('script');
            s.textContent = 'window.__inline = 1';
            document.body.appendChild(s);
          } catch (e) { results.script = e.name; }
          try { document.body.insertAdjacentHTML('beforeend', '<i>x</i>'); }
          catch (e) { results.html = e.name; }
          results.inline = window.__inline === 1;
          results.pwned = window.__pwned === 1;
          return results;
        }"""
    )
    assert blocked["html"] == "TypeError", "Trusted Types let a script write HTML"
    assert not blocked["inline"] and not blocked["pwned"], blocked


def test_new_messages_do_not_move_when_the_person_asks_for_reduced_motion(
    new_chat: Any,
) -> None:
    still = new_chat(reduced_motion="reduce").open()
    moving = new_chat(reduced_motion="no-preference").open()
    for chat in (still, moving):
        chat.page.locator("#message").focus()
        chat.type_and_send("hello")

    def animation(chat: Chat) -> str:
        return chat.page.locator(".message").first.evaluate(
            "el => getComputedStyle(el).animationName"
        )

    assert animation(still) == "none"
    assert animation(moving) == "appear"


@pytest.mark.parametrize(
    ("text", "preferred", "lang", "direction"),
    [
        ("مرحبًا بك، كيف يمكنني مساعدتك؟", "en", "ar", "rtl"),
        ("آپ کا بچہ اسکول جاتا ہے؟ میں مدد کر سکتا ہوں۔", "en", "ur", "rtl"),
        ("میں مدد کر سکتا ہوں", "ur", "ur", "rtl"),
        ("আপনার সন্তানের জন্য সাহায্য", "en", "bn", "ltr"),
        ("ਤੁਹਾਡੇ ਬੱਚੇ ਲਈ ਮਦਦ", "en", "pa", "ltr"),
        ("Вашій дитині потрібна допомога", "en", "uk", "ltr"),
        ("Dzień dobry, jak mogę pomóc?", "en", "pl", "ltr"),
        ("Bună ziua, cum vă pot ajuta cu copilul?", "en", "ro", "ltr"),
        ("Waan ku caawin karaa, waxaad i weydiin kartaa", "en", "so", "ltr"),
        ("Hello, how can I help you and your child?", "pl", "en", "ltr"),
        ("EHCP", "pl", "pl", "ltr"),
    ],
)
def test_each_message_gets_its_language_from_its_script_and_words(
    text_page: Page, text: str, preferred: str, lang: str, direction: str
) -> None:
    found = text_page.evaluate(
        "([t, p]) => { const l = SendVoicesText.detectLanguage(t, p);"
        " return [l, SendVoicesText.directionOf(l)]; }",
        [text, preferred],
    )
    assert found == [lang, direction]


def test_easy_read_splits_sentences_but_keeps_a_numbered_list_with_its_question(
    text_page: Page,
) -> None:
    page = text_page
    menu = (
        "Hello. What would you like to do? Reply with a number:\n"
        "1 Ask about support for your child\n2 Tell the parent carer forum your views\n3 Help"
    )
    assert page.evaluate("t => SendVoicesText.splitEasyRead(t, 'en')", menu) == [
        "Hello.",
        "What would you like to do?",
        "Reply with a number:\n1 Ask about support for your child\n"
        "2 Tell the parent carer forum your views\n3 Help",
    ]
    urdu = "آپ کا شکریہ۔ کیا میں اسے آگے بھیج سکتا ہوں؟"
    assert len(page.evaluate("t => SendVoicesText.splitEasyRead(t, 'ur')", urdu)) == 2


def test_screenshots_of_english_arabic_easy_read_and_320_px(
    new_chat: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = screenshot_dir(tmp_path_factory)

    english = new_chat(reduced_motion="reduce").open()
    english.page.locator("#message").focus()
    english.type_and_send("hello")
    english.press_choice(r"^1 Ask about support", "Enter")
    english.page.keyboard.type("What is an EHC plan?")
    english.page.keyboard.press("Tab")  # the Send button, focused
    english.page.screenshot(path=str(folder / "webchat-english.png"), full_page=True)

    arabic = new_chat(reduced_motion="reduce").open()
    arabic.restore(ARABIC_CONVERSATION, {"language": "ar"})
    arabic.page.screenshot(path=str(folder / "webchat-arabic-rtl.png"), full_page=True)

    easy = new_chat(reduced_motion="reduce").open()
    easy.page.locator("#easy-read").check()
    easy.page.locator("#message").focus()
    easy.type_and_send("What is an EHC plan?")
    easy.page.screenshot(path=str(folder / "webchat-easy-read.png"), full_page=True)

    narrow = new_chat(reduced_motion="reduce", viewport={"width": 320, "height": 640}).open()
    narrow.page.locator("#message").focus()
    narrow.type_and_send("hello")
    narrow.page.screenshot(path=str(folder / "webchat-320px.png"), full_page=True)

    for name in ("english", "arabic-rtl", "easy-read", "320px"):
        assert (folder / f"webchat-{name}.png").stat().st_size > 10_000
