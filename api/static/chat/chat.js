// Web chat for the SEND assistant.
// Every piece of text from the assistant or the person is added with textContent, never
// parsed as HTML. The page sets no cookies: the conversation id, what was said and the
// person's settings live in this tab's sessionStorage, so a reload keeps them and closing
// the tab clears them.
(function () {
  "use strict";

  var Text = window.SendVoicesText;
  var SENDER_KEY = "send-voices-chat-sender";
  var HISTORY_KEY = "send-voices-chat-history";
  var SETTINGS_KEY = "send-voices-chat-settings";
  var HISTORY_LIMIT = 200;
  var MAX_LENGTH = 2000;

  var log = document.getElementById("log");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("message");
  var statusLine = document.getElementById("status");
  var announcer = document.getElementById("announcer");
  var emptyNote = document.getElementById("empty-note");
  var languageForm = document.getElementById("language-form");
  var languageSelect = document.getElementById("language");
  var easyReadBox = document.getElementById("easy-read");
  var newChat = document.getElementById("new-chat");
  var newChatConfirm = document.getElementById("new-chat-confirm");
  var newChatYes = document.getElementById("new-chat-yes");
  var newChatNo = document.getElementById("new-chat-no");
  var busy = false;
  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
  var synth = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window
    ? window.speechSynthesis
    : null;
  var speaking = null; // the read-aloud button whose message is being spoken

  // ---- storage -------------------------------------------------------------------------

  function store() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; // storage blocked by the browser's privacy settings
    }
  }

  function readJson(key, fallback) {
    var s = store();
    if (!s) return fallback;
    try {
      var value = JSON.parse(s.getItem(key) || "null");
      return value === null ? fallback : value;
    } catch (e) {
      return fallback;
    }
  }

  function writeJson(key, value) {
    var s = store();
    if (!s) return;
    try {
      s.setItem(key, JSON.stringify(value));
    } catch (e) {
      // Storage is full or blocked: the conversation still works, it just will not be restored.
    }
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function senderId() {
    var s = store();
    var id = s && s.getItem(SENDER_KEY);
    // Earlier versions kept the id in localStorage, where it outlived the tab: move it here.
    try {
      var old = window.localStorage.getItem(SENDER_KEY);
      if (old) {
        if (!id) id = old;
        window.localStorage.removeItem(SENDER_KEY);
      }
    } catch (e) {
      // localStorage blocked: nothing to move.
    }
    if (!id) id = randomId();
    if (s) s.setItem(SENDER_KEY, id);
    return id;
  }

  var sender = senderId();
  var history = readJson(HISTORY_KEY, []);
  if (!Array.isArray(history)) history = [];
  var settings = readJson(SETTINGS_KEY, {});
  if (typeof settings !== "object" || settings === null) settings = {};

  function saveHistory() {
    if (history.length > HISTORY_LIMIT) history = history.slice(-HISTORY_LIMIT);
    writeJson(HISTORY_KEY, history);
  }

  function saveSettings() {
    writeJson(SETTINGS_KEY, settings);
  }

  function remember(item) {
    history.push(item);
    saveHistory();
  }

  // ---- showing messages ----------------------------------------------------------------

  function preferredLanguage() {
    return settings.language || "en";
  }

  function setLanguage(element, lang) {
    element.setAttribute("lang", lang);
    element.setAttribute("dir", Text.directionOf(lang));
  }

  function languageOf(item) {
    return item.lang || Text.detectLanguage(item.text, preferredLanguage());
  }

  function updateEmptyNote() {
    emptyNote.hidden = history.length > 0;
  }

  function addItem(element) {
    log.appendChild(element);
    return element;
  }

  function readAloudButton(text, lang) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-small read-aloud";
    button.textContent = "Read aloud";
    button.addEventListener("click", function () {
      readAloud(button, text, lang);
    });
    return button;
  }

  function bubble(who, text, lang, options) {
    options = options || {};
    var item = document.createElement("li");
    item.className = "message message-" + who + (options.continued ? " message-continued" : "");
    var label = document.createElement("p");
    label.className = "who" + (options.continued ? " visually-hidden" : "");
    label.textContent = who === "user" ? "You" : who === "bot" ? "Assistant" : "Message";
    var body = document.createElement("p");
    body.className = "text";
    body.textContent = text;
    setLanguage(body, lang);
    item.appendChild(label);
    item.appendChild(body);
    if (who === "bot" && synth) item.appendChild(readAloudButton(text, lang));
    return addItem(item);
  }

  function markChosen(button) {
    button.classList.add("choice-chosen");
    var note = document.createElement("span");
    note.className = "visually-hidden";
    note.setAttribute("lang", "en");
    note.setAttribute("dir", "ltr");
    note.textContent = " (your answer)";
    button.appendChild(note);
  }

  function choicesItem(choices) {
    var item = document.createElement("li");
    item.className = "choices";
    var group = document.createElement("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Answers you can choose");
    choices.buttons.forEach(function (b) {
      if (!b.title) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-secondary choice";
      button.textContent = b.title;
      setLanguage(button, choices.lang || Text.detectLanguage(b.title, preferredLanguage()));
      button.disabled = !!choices.used;
      if (choices.used && choices.chosen === b.title) markChosen(button);
      button.addEventListener("click", function () {
        if (busy || choices.used) return;
        choices.used = true;
        choices.chosen = b.title;
        saveHistory();
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (other) {
          other.disabled = true;
        });
        markChosen(button);
        // The pressed button is now switched off: keep the keyboard in the message box.
        input.focus();
        send(b.payload || b.title, b.title);
      });
      group.appendChild(button);
    });
    item.appendChild(group);
    return addItem(item);
  }

  // Returns the list items it added.
  function render(item) {
    var added = [];
    if (item.buttons) {
      added.push(choicesItem(item));
    } else if (item.who === "bot" && settings.easyRead) {
      var lang = languageOf(item);
      Text.splitEasyRead(item.text, lang).forEach(function (piece, i) {
        added.push(bubble("bot", piece, lang, { continued: i > 0 }));
      });
    } else {
      added.push(bubble(item.who, item.text, languageOf(item)));
    }
    updateEmptyNote();
    return added;
  }

  function renderAll() {
    stopReading();
    while (log.firstChild) log.removeChild(log.firstChild);
    history.forEach(render);
    updateEmptyNote();
  }

  function scrollToNew(first) {
    if (!first) return;
    var behavior = reducedMotion && reducedMotion.matches ? "auto" : "smooth";
    var top = first.getBoundingClientRect().top;
    var bottom = form.getBoundingClientRect().bottom;
    if (bottom - top <= window.innerHeight) {
      form.scrollIntoView({ block: "end", behavior: behavior });
    } else {
      first.scrollIntoView({ block: "start", behavior: behavior });
    }
  }

  // Screen readers hear new messages through one polite live region, each in its language.
  function announce(parts) {
    while (announcer.firstChild) announcer.removeChild(announcer.firstChild);
    parts.forEach(function (part) {
      var p = document.createElement("p");
      p.textContent = part.text;
      if (part.lang) p.setAttribute("lang", part.lang);
      announcer.appendChild(p);
    });
  }

  function show(items) {
    var added = [];
    var spoken = [];
    items.forEach(function (item) {
      remember(item);
      added = added.concat(render(item));
      if (item.buttons) {
        var titles = item.buttons.map(function (b) { return b.title; }).filter(Boolean);
        spoken.push({ text: "You can choose an answer: " + titles.join(", ") + ".", lang: "en" });
      } else if (item.who !== "user") {
        var prefix = item.who === "bot" ? "" : "Message: ";
        spoken.push({ text: prefix + item.text, lang: item.lang || "en" });
      }
    });
    if (spoken.length) announce(spoken);
    scrollToNew(added[0]);
  }

  // The numbered options are also shown as buttons: keep them once, as buttons.
  function withoutButtonLines(text, buttons) {
    var titles = {};
    buttons.forEach(function (b) { titles[b.title.trim()] = true; });
    return text
      .split(/\r?\n/)
      .filter(function (line) { return !titles[line.trim()]; })
      .join("\n")
      .trim();
  }

  function repliesToItems(replies) {
    var items = [];
    if (!replies.length) {
      return [{ who: "note", text: "The assistant did not reply. Please try again.", lang: "en" }];
    }
    replies.forEach(function (reply) {
      var buttons = Array.isArray(reply.buttons)
        ? reply.buttons.map(function (b) {
          return { title: String(b.title || b.payload || ""), payload: String(b.payload || b.title || "") };
        }).filter(function (b) { return b.title; })
        : [];
      if (typeof reply.text === "string" && reply.text.trim()) {
        var text = buttons.length ? withoutButtonLines(reply.text, buttons) : reply.text;
        if (!text) text = reply.text;
        items.push({ who: "bot", text: text, lang: Text.detectLanguage(text, preferredLanguage()) });
      }
      if (buttons.length) items.push({ buttons: buttons, used: false });
    });
    return items.length ? items : repliesToItems([]);
  }

  // ---- talking to the assistant --------------------------------------------------------

  function setBusy(value) {
    busy = value;
    log.setAttribute("aria-busy", value ? "true" : "false");
    statusLine.textContent = value ? "Sending\u2026" : "";
  }

  function errorMessage(response, body) {
    if (body && body.error && body.error.message) return body.error.message;
    if (response && response.status === 422) return "Please write a shorter message.";
    return "Sorry, something went wrong. Please try again in a few minutes.";
  }

  function send(message, shownAs) {
    var shown = shownAs || message;
    show([{ who: "user", text: shown, lang: Text.detectLanguage(shown, preferredLanguage()) }]);
    setBusy(true);
    var body = { sender: sender, message: message };
    if (settings.language) body.language = settings.language;
    if (settings.easyRead) body.easy_read = true;
    fetch("/chat/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin"
    })
      .then(function (response) {
        return response.json().then(
          function (data) { return { response: response, body: data }; },
          function () { return { response: response, body: null }; }
        );
      })
      .then(function (result) {
        setBusy(false);
        if (result.response.ok && Array.isArray(result.body)) {
          show(repliesToItems(result.body));
        } else {
          show([{ who: "note", text: errorMessage(result.response, result.body), lang: "en" }]);
        }
      })
      .catch(function () {
        setBusy(false);
        show([{
          who: "note",
          text: "We could not reach the assistant. Please check your connection and try again.",
          lang: "en"
        }]);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) {
      statusLine.textContent = "Please wait for the answer before you send another message.";
      return;
    }
    var text = input.value.trim();
    if (!text) {
      statusLine.textContent = "Please write a message first.";
      input.focus();
      return;
    }
    if (text.length > MAX_LENGTH) {
      statusLine.textContent = "Please keep your message under " + MAX_LENGTH + " characters.";
      input.focus();
      return;
    }
    input.value = "";
    send(text);
    input.focus();
  });

  // Enter sends; Shift and Enter starts a new line. Never while a word is being composed
  // with an input method (Chinese, Japanese, some Indic keyboards).
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    event.preventDefault();
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  // ---- language and Easy Read ----------------------------------------------------------

  function applySettings() {
    var lang = settings.language || "en";
    languageSelect.value = lang;
    input.setAttribute("lang", lang);
    easyReadBox.checked = !!settings.easyRead;
    document.body.classList.toggle("easy-read", !!settings.easyRead);
  }

  languageForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) {
      statusLine.textContent = "Please wait for the answer before you change the language.";
      return;
    }
    var option = languageSelect.options[languageSelect.selectedIndex];
    if (!option) return;
    settings.language = option.value;
    saveSettings();
    applySettings();
    // The assistant switches language when a person names one: send the name, as they would.
    send(option.textContent.trim());
  });

  easyReadBox.addEventListener("change", function () {
    settings.easyRead = easyReadBox.checked;
    saveSettings();
    applySettings();
    renderAll();
    statusLine.textContent = settings.easyRead
      ? "Easy Read is on. Messages are shorter, one idea at a time."
      : "Easy Read is off.";
  });

  // ---- read aloud ----------------------------------------------------------------------

  function stopReading() {
    if (synth && speaking) synth.cancel();
    if (speaking) speaking.textContent = "Read aloud";
    speaking = null;
  }

  function localVoiceFor(lang) {
    var voices = synth.getVoices() || [];
    if (!voices.length) return undefined; // not known yet: let the browser choose by language
    var base = lang.split("-")[0].toLowerCase();
    var matching = voices.filter(function (voice) {
      return voice.localService && String(voice.lang).toLowerCase().split(/[-_]/)[0] === base;
    });
    if (!matching.length) return null;
    return matching.filter(function (voice) { return voice.default; })[0] || matching[0];
  }

  function readAloud(button, text, lang) {
    if (speaking === button) {
      stopReading();
      return;
    }
    stopReading();
    var voice = localVoiceFor(lang);
    if (voice === null) {
      statusLine.textContent = "Sorry, this device has no voice for this language, so it cannot read this message aloud.";
      return;
    }
    var utterance = new window.SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    if (voice) utterance.voice = voice;
    utterance.onend = utterance.onerror = function () {
      if (speaking === button) {
        button.textContent = "Read aloud";
        speaking = null;
      }
    };
    speaking = button;
    button.textContent = "Stop reading";
    synth.speak(utterance);
  }

  // ---- a new conversation --------------------------------------------------------------

  function closeConfirm() {
    newChatConfirm.hidden = true;
    newChat.setAttribute("aria-expanded", "false");
  }

  newChat.setAttribute("aria-expanded", "false");
  newChat.setAttribute("aria-controls", "new-chat-confirm");
  newChat.addEventListener("click", function () {
    newChatConfirm.hidden = false;
    newChat.setAttribute("aria-expanded", "true");
    newChatNo.focus();
  });

  newChatNo.addEventListener("click", function () {
    closeConfirm();
    newChat.focus();
  });

  newChatConfirm.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeConfirm();
      newChat.focus();
    }
  });

  newChatYes.addEventListener("click", function () {
    var s = store();
    if (s) {
      s.removeItem(SENDER_KEY);
      s.removeItem(HISTORY_KEY);
    }
    history = [];
    settings.language = null;
    saveSettings();
    applySettings();
    sender = senderId();
    renderAll();
    closeConfirm();
    statusLine.textContent = "You have started a new conversation.";
    input.focus();
  });

  // The skip link lands in the message box, ready to type.
  var skipLink = document.querySelector(".skip-link");
  if (skipLink) {
    skipLink.addEventListener("click", function (event) {
      event.preventDefault();
      input.focus();
    });
  }

  // ---- start ---------------------------------------------------------------------------

  applySettings();
  renderAll();
  // Browsers load their list of voices lazily: ask now, so it is there by the first click.
  if (synth) synth.getVoices();
})();
