"""A view that also asks something: which topic's explanation the parent gets first."""

from __future__ import annotations

from bot.actions.mixed import topic_answered, topic_asked


def ranking(*pairs: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_a_question_that_names_a_topic_is_answered_with_it() -> None:
    text = "the taxi keeps not turning up, can the council give him a different taxi?"
    assert topic_asked(text, ranking(("share_view", 0.9), ("topic_ehcp", 0.05))) == (
        "utter_topic_transport"
    )


def test_a_question_that_does_not_name_its_topic_is_answered_from_the_ranking() -> None:
    text = "we moved and the school is 9 miles away now, can the council help get him there"
    assert (
        topic_asked(
            text, ranking(("share_view", 0.6), ("topic_transport", 0.3), ("topic_ehcp", 0.05))
        )
        == "utter_topic_transport"
    )


def test_an_unsure_ranking_gives_no_answer_rather_than_a_wrong_one() -> None:
    text = "nothing has happened for months, what do we do now"
    assert topic_asked(text, ranking(("share_view", 0.9), ("topic_tribunal", 0.06))) is None


def test_a_view_with_no_question_gets_no_topic() -> None:
    text = "the EHCP is 40 weeks late and nobody answers our emails"
    assert topic_asked(text, ranking(("share_view", 0.5), ("topic_ehcp", 0.45))) is None


def test_text_speak_questions_count_as_questions() -> None:
    text = "ma son is 2 n behind wiv everything wat help is there"
    assert topic_asked(text, ranking(("share_view", 0.5), ("topic_early_years", 0.4))) == (
        "utter_topic_early_years"
    )


def test_what_the_parent_is_told_follows_the_intent_or_the_view() -> None:
    assert topic_answered({"intent": {"name": "topic_sendiass"}, "text": "sendiass?"}) == (
        "sendiass"
    )
    view = {
        "intent": {"name": "share_view"},
        "text": "we waited 18 months for speech therapy, how do we get more sessions?",
        "intent_ranking": ranking(("share_view", 0.7)),
    }
    assert topic_answered(view) == "speech_language_therapy"
    fallback = {"intent": {"name": "nlu_fallback"}, "text": "hmm"}
    assert topic_answered(fallback) is None
    clubs = {"intent": {"name": "find_service"}, "text": "any youth clubs for disabled teens"}
    assert topic_answered(clubs) == "short_breaks"
    swimming = {"intent": {"name": "find_service"}, "text": "autism friendly swimming in LS8"}
    assert topic_answered(swimming) is None


def test_the_question_sentence_of_a_longer_message_is_found() -> None:
    from bot.actions.question_focus import question_sentence

    text = "She is 9 and dyslexic, with no plan. What should school be doing for her?"
    assert question_sentence(text) == "What should school be doing for her?"
    assert question_sentence("what is an ehcp") is None  # one sentence: nothing to focus
    assert question_sentence("The taxi was late again. Nobody rang us.") is None


def test_a_confident_topic_for_the_question_sentence_is_answered() -> None:
    from bot.actions.question_focus import focused_topic

    seen = []

    def parse(sentence: str) -> dict:
        seen.append(sentence)
        return {"intent": {"name": "topic_sen_support", "confidence": 0.93}}

    text = "She is 9 and dyslexic, with no plan. What should school be doing for her?"
    assert focused_topic(text, parse) == "sen_support"
    assert seen == ["What should school be doing for her?"]
    unsure = {"intent": {"name": "topic_sen_support", "confidence": 0.3}}
    assert focused_topic(text, lambda _: unsure) is None
    assert focused_topic(text, lambda _: None) is None  # Rasa did not answer


def test_rasa_is_asked_over_http_with_its_token(tmp_path) -> None:
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from bot.actions.question_focus import rasa_parser

    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            requests_seen.append((self.path, body))
            payload = json.dumps({"intent": {"name": "topic_transport", "confidence": 0.9}})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(payload.encode())

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        parse = rasa_parser({"RASA_URL": url, "RASA_AUTH_TOKEN": "t0ken"})
        assert parse("how will he get there?")["intent"]["name"] == "topic_transport"
        assert requests_seen == [("/model/parse?token=t0ken", {"text": "how will he get there?"})]
    finally:
        server.shutdown()
    assert rasa_parser({"RASA_URL": url})("anything") is None  # server gone: no answer, no error
