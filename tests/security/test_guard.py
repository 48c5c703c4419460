"""The input guard's rules alone: the command filter agrees with Rasa's parser; the checks, limits and tokens."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from channels.guard import (
    DOMAIN_FILE,
    InvalidInputError,
    RateLimit,
    RateLimiter,
    check_metadata,
    check_sender,
    check_text,
    rasa_command,
    user_intents,
)
from channels.session_token import SessionSigner

TYPED = [
    "/restart",
    "/ restart",
    "  /restart  ",
    "/restart@0.9",
    "/restart{}",
    '/ back{"x": 1}',
    "/back",
    "/session_start",
    "/EXTERNAL_hold_over",
    "/next_step",
    "/ next_step ",
    '/request_stretch{"stretch": "cat_cow"}',
    "/restart please",
    "/",
    "/ ",
    "/@1",
    "hello /restart",
    "restart",
    "//restart",
    "/restart\n",
    "/\trestart",
]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(DOMAIN_FILE))


@pytest.mark.parametrize("text", TYPED)
def test_the_command_filter_sees_the_intent_rasa_would_run(domain: Domain, text: str) -> None:
    """Rasa's own parser (RegexMessageHandler calls it on every message) against ``rasa_command``."""
    unpacked = YAMLStoryReader.unpack_regex_message(Message({TEXT: text}), domain)
    rasa_intent = (unpacked.get(INTENT) or {}).get(INTENT_NAME_KEY)
    ours = rasa_command(text)
    if rasa_intent is not None:
        assert ours == rasa_intent
    allowed = user_intents()
    refused = ours is not None and ours not in allowed
    # whatever Rasa would run as an intent must be one a person may send; everything refused is not
    assert rasa_intent is None or rasa_intent in allowed or refused
    assert not refused or rasa_intent not in allowed


def test_internal_intents_are_not_sendable() -> None:
    allowed = user_intents()
    assert {"next_step", "greet", "request_stretch"} <= allowed
    assert not {"restart", "back", "session_start", "EXTERNAL_hold_over"} & allowed


@pytest.mark.parametrize("value", [None, 7, ["a"], {"a": 1}, "", "   ", "\udfff", "a\x00b", "a\nb", "x" * 257])
def test_bad_senders_are_refused(value: object) -> None:
    with pytest.raises(InvalidInputError):
        check_sender(value)


@pytest.mark.parametrize("value", ["ann", "+15551234567", "amzn1.ask.account." + "A" * 200, "Zoë 🙂"])
def test_good_senders_pass(value: str) -> None:
    assert check_sender(value) == value


@pytest.mark.parametrize("value", [None, 5, True, ["hi"], {"t": "hi"}, "hi \udfff", "\ud800", "a\x00"])
def test_bad_texts_are_refused(value: object) -> None:
    with pytest.raises(InvalidInputError):
        check_text(value)


def test_metadata_is_kept_only_when_small_and_encodable() -> None:
    assert check_metadata({"language": "en"}) == {"language": "en"}
    assert check_metadata({"k": "\udfff"}) is None
    assert check_metadata({"k": "x" * 5000}) is None
    assert check_metadata(["x"]) is None


def test_a_rate_limit_allows_a_burst_then_refills() -> None:
    now = [0.0]
    limiter = RateLimiter(RateLimit.parse("3/3"), clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b"), "each key has its own bucket"
    now[0] = 1.0
    assert limiter.allow("a") and not limiter.allow("a")


def test_a_rate_limiter_forgets_the_oldest_keys_beyond_its_bound() -> None:
    limiter = RateLimiter(RateLimit.parse("1/60"), max_keys=2, clock=lambda: 0.0)
    for key in ("a", "b", "c"):
        assert limiter.allow(key)
    assert limiter.allow("a"), "a was forgotten, so it starts a fresh bucket"
    assert not limiter.allow("c")


def test_rate_limit_settings() -> None:
    assert RateLimit.parse("60/60") == RateLimit(60, 60.0)
    assert RateLimit.parse("0").count == 0
    assert RateLimiter(RateLimit.parse("0")).allow("x")
    with pytest.raises(ValueError):
        RateLimit.parse("ten/60")


def test_owner_tokens_map_to_their_session_only() -> None:
    signer = SessionSigner(b"secret")
    token = signer.issue()
    session = signer.session_for(token)
    assert session is not None and session.startswith("web:") and len(session) == 4 + 32
    assert session[4:] not in token
    assert signer.session_for(token) == session
    assert SessionSigner(b"other").session_for(token) is None
    nonce, mac = token.split(".")
    assert signer.session_for(f"{nonce}.{'0' * 64}") is None
    assert signer.session_for(f"{nonce}x.{mac}") is None
    for junk in (None, 5, "", "a.b", session, "\udfff"):
        assert signer.session_for(junk) is None
