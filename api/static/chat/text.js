// Plain text helpers for the web chat: which language a message is in, which way it reads,
// and how to split it into Easy Read pieces. No DOM here, so the browser tests can call
// these functions directly (window.SendVoicesText).
(function (global) {
  "use strict";

  var RIGHT_TO_LEFT = { ar: true, ur: true, fa: true, ps: true, he: true, yi: true, ckb: true };

  // Scripts that name their language (or, for Arabic and Cyrillic, a small family).
  var SCRIPTS = [
    { name: "arabic", pattern: /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g },
    { name: "bengali", pattern: /[\u0980-\u09FF]/g, lang: "bn" },
    { name: "gurmukhi", pattern: /[\u0A00-\u0A7F]/g, lang: "pa" },
    { name: "gujarati", pattern: /[\u0A80-\u0AFF]/g, lang: "gu" },
    { name: "devanagari", pattern: /[\u0900-\u097F]/g, lang: "hi" },
    { name: "cyrillic", pattern: /[\u0400-\u04FF]/g },
    { name: "hebrew", pattern: /[\u0590-\u05FF]/g, lang: "he" },
    { name: "han", pattern: /[\u4E00-\u9FFF\u3400-\u4DBF]/g, lang: "zh" },
    { name: "latin", pattern: /[A-Za-z\u00C0-\u024F]/g }
  ];

  // Letters Urdu uses and Arabic does not.
  var URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2\u06D3\u06D4]/;
  var UKRAINIAN_LETTERS = /[іїєґІЇЄҐ]/;

  // A few very common words, and letters, of each Latin-script language on the picker.
  // Enough to tell an English reply from a Polish one; not a general language detector.
  var LATIN_WORDS = {
    en: "the and you your to is of for can what with this that are we it have will not help",
    pl: "i w nie się na to jest że z do co jak dla czy może twoje dziecko dziecka pomoc albo",
    ro: "și si în de la pe este nu cu pentru ce sau să copilul copilului dumneavoastră ajutor",
    so: "waa iyo ku oo ka ah aad uu ayaa wax ma haa caawin ilmahaaga kuu waxaad",
    pt: "de que o a e do da em para com não uma um é seu sua você filho ajuda",
    es: "de que el la y en los para con no una un es su usted hijo por ayuda",
    fr: "le la les de et des un une est pour vous votre que pas en avec enfant aide",
    lt: "ir yra kad su į ne jūsų vaiko kaip ar už apie galite tai bet pagalba",
    tr: "ve bir bu için ile çocuğunuz de da mı ne nasıl siz sizin değil var yardım"
  };
  var LATIN_LETTERS = {
    pl: /[ąęłśźżńćĄĘŁŚŹŻŃĆ]/g,
    ro: /[șțăâîȘȚĂÂÎ]/g,
    pt: /[ãõÃÕ]/g,
    es: /[ñ¿¡Ñ]/g,
    fr: /[èêàùœëÈÊÀ]/g,
    lt: /[ėįųūčšžĖĮŲŪČŠŽ]/g,
    tr: /[ğışİĞŞ]/g
  };
  var WORD_SETS = {};
  Object.keys(LATIN_WORDS).forEach(function (code) {
    var set = {};
    LATIN_WORDS[code].split(" ").forEach(function (word) { set[word] = true; });
    WORD_SETS[code] = set;
  });

  function scriptOf(code) {
    if (code === "ar" || code === "ur" || code === "fa" || code === "ps") return "arabic";
    if (code === "uk" || code === "ru") return "cyrillic";
    var found = null;
    SCRIPTS.forEach(function (script) {
      if (script.lang === code) found = script.name;
    });
    return found || "latin";
  }

  function count(text, pattern) {
    var matches = text.match(pattern);
    return matches ? matches.length : 0;
  }

  function guessLatin(text, preferred) {
    var words = text.toLowerCase().split(/[^a-z\u00C0-\u024F\u0131]+/);
    var best = null;
    var bestScore = 0;
    Object.keys(WORD_SETS).forEach(function (code) {
      var score = 0;
      words.forEach(function (word) {
        if (WORD_SETS[code][word]) score += 1;
      });
      if (LATIN_LETTERS[code]) score += 2 * count(text, LATIN_LETTERS[code]);
      // Ties go to the language the person chose, then to English.
      if (code === preferred) score += 0.5;
      if (code === "en") score += 0.25;
      if (score > bestScore) {
        best = code;
        bestScore = score;
      }
    });
    if (best && bestScore >= 1) return best;
    return scriptOf(preferred) === "latin" && preferred ? preferred : "en";
  }

  /**
   * Guess the language of a message from its script (and, for Latin script, common words).
   * @param {string} text The message.
   * @param {string} [preferred] The language the person chose on the picker, if any.
   * @returns {string} A BCP 47 language code such as "en", "ar" or "ur".
   */
  function detectLanguage(text, preferred) {
    text = String(text || "");
    preferred = preferred || "en";
    var best = null;
    var bestCount = 0;
    SCRIPTS.forEach(function (script) {
      var n = count(text, script.pattern);
      if (n > bestCount) {
        best = script;
        bestCount = n;
      }
    });
    if (!best) return preferred;
    if (best.name === "latin") return guessLatin(text, preferred);
    if (scriptOf(preferred) === best.name) return preferred;
    if (best.name === "arabic") return URDU_LETTERS.test(text) ? "ur" : "ar";
    if (best.name === "cyrillic") return UKRAINIAN_LETTERS.test(text) ? "uk" : "ru";
    return best.lang;
  }

  /**
   * Which way a language reads.
   * @param {string} lang A language code.
   * @returns {"rtl"|"ltr"} The value for the dir attribute.
   */
  function directionOf(lang) {
    return RIGHT_TO_LEFT[String(lang || "").split("-")[0]] ? "rtl" : "ltr";
  }

  var LIST_LINE = /^\s*(\d+[.):]?|[-*\u2022])\s+\S/;

  function splitSentences(text, lang) {
    if (global.Intl && typeof global.Intl.Segmenter === "function") {
      try {
        var segmenter = new global.Intl.Segmenter(lang || "en", { granularity: "sentence" });
        var pieces = [];
        var iterator = segmenter.segment(text)[Symbol.iterator]();
        for (var step = iterator.next(); !step.done; step = iterator.next()) {
          var piece = step.value.segment.trim();
          if (piece) pieces.push(piece);
        }
        return pieces;
      } catch (e) {
        // An unknown language tag: fall through to the simple rule.
      }
    }
    return text
      .split(/(?<=[.!?\u061F\u06D4\u0964])\s+/)
      .map(function (s) { return s.trim(); })
      .filter(Boolean);
  }

  /**
   * Split a message into Easy Read pieces: one sentence each. A numbered or bulleted list
   * stays together with the sentence that introduces it, so "Reply with a number:" keeps
   * its options.
   * @param {string} text The message.
   * @param {string} [lang] Its language, for sentence boundaries.
   * @returns {string[]} The pieces, in order; never empty for a non-empty message.
   */
  function splitEasyRead(text, lang) {
    var lines = String(text || "").split(/\r?\n/);
    var chunks = [];
    lines.forEach(function (line) {
      if (!line.trim()) return;
      if (LIST_LINE.test(line) && chunks.length) {
        var last = chunks[chunks.length - 1];
        if (last.list || /[:\uFF1A]\s*$/.test(last.text)) {
          last.text += "\n" + line.trim();
          last.list = true;
          return;
        }
      }
      chunks.push({ text: line.trim(), list: LIST_LINE.test(line) });
    });
    var pieces = [];
    chunks.forEach(function (chunk) {
      if (chunk.list) {
        // The introducing line may hold several sentences: only its last one leads the list.
        var newline = chunk.text.indexOf("\n");
        var intro = newline < 0 ? chunk.text : chunk.text.slice(0, newline);
        var items = newline < 0 ? "" : chunk.text.slice(newline);
        var sentences = LIST_LINE.test(intro) ? [intro] : splitSentences(intro, lang);
        var leader = sentences.pop() || "";
        pieces.push.apply(pieces, sentences);
        pieces.push((leader + items).trim());
      } else {
        pieces.push.apply(pieces, splitSentences(chunk.text, lang));
      }
    });
    return pieces.length ? pieces : [String(text || "")];
  }

  global.SendVoicesText = {
    detectLanguage: detectLanguage,
    directionOf: directionOf,
    splitEasyRead: splitEasyRead
  };
})(window);
