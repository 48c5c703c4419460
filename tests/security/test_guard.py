"""The input guard's rules alone: the command filter agrees with Rasa's parser; the checks, limits and tokens."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from sanic import Sanic

from channels.guard import (
    InvalidInputError,
    RateLimit,
    RateLimiter,
    check_metadata,
    check_sender,
    check_text,
    guard,
    rasa_command,
    user_intents,
)
from channels.guard import commands as guard_commands
from channels.rest import RestOutput
from channels.session_token import SessionSigner
from storage import failures

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"

# (typed, the intent Rasa's parser would run, the name the guard reads, whether the guard refuses it)
TYPED: list[tuple[str, str | None, str | None, bool]] = [
    ("/restart", "restart", "restart", True),
    ("/ restart", "restart", "restart", True),
    ("  /restart  ", "restart", "restart", True),
    ("/restart@0.9", "restart", "restart", True),
    ("/restart{}", "restart", "restart", True),
    ('/ back{"x": 1}', "back", "back", True),
    ("/back", "back", "back", True),
    ("/session_start", "session_start", "session_start", True),
    ("/EXTERNAL_hold_over", "EXTERNAL_hold_over", "EXTERNAL_hold_over", True),
    ("/next_step", "next_step", "next_step", False),
    ("/ next_step ", "next_step", "next_step", False),
    ('/request_stretch{"stretch": "cat_cow"}', "request_stretch", "request_stretch", False),
    ("/restart please", None, "restart please", True),
    ("/", None, None, False),
    ("/ ", None, None, False),
    ("/@1", None, None, False),
    ("hello /restart", None, None, False),
    ("restart", None, None, False),
    ("//restart", None, "/restart", True),
    ("/restart\n", "restart", "restart", True),
    ("/\trestart", "restart", "restart", True),
]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(DOMAIN_FILE))


@pytest.mark.parametrize(("text", "rasa_runs", "read", "refused"), TYPED)
def test_the_command_filter_sees_the_intent_rasa_would_run(
    domain: Domain, text: str, rasa_runs: str | None, read: str | None, refused: bool
) -> None:
    """Rasa's own parser (RegexMessageHandler calls it on every message) and ``rasa_command``, each
    against the expectation written out; whatever Rasa would run must be sendable or refused."""
    unpacked = YAMLStoryReader.unpack_regex_message(Message({TEXT: text}), domain)
    assert (unpacked.get(INTENT) or {}).get(INTENT_NAME_KEY) == rasa_runs
    ours = rasa_command(text)
    assert ours == read
    assert (ours is not None and ours not in user_intents(domain)) is refused


def test_internal_intents_are_not_sendable(domain: Domain) -> None:
    allowed = user_intents(domain)
    assert {"next_step", "greet", "request_stretch", "out_of_scope"} <= allowed
    assert not {"restart", "back", "session_start", "nlu_fallback", "EXTERNAL_hold_over"} & allowed


def test_the_sendable_intents_are_the_given_domains_own() -> None:
    """Read from the domain object (the served model's), not from a file: an intent it lacks is not sendable."""
    small = Domain.from_dict({"intents": ["greet", "wave", "EXTERNAL_tick"]})
    assert user_intents(small) == {"greet", "wave"}


def test_the_served_intents_come_from_the_running_model(domain: Domain, monkeypatch: pytest.MonkeyPatch) -> None:
    served = Domain.from_dict({"intents": ["greet", "wave"]})
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(processor=SimpleNamespace(domain=served))))
    monkeypatch.setattr(Sanic, "get_app", lambda: app)
    assert guard_commands.served_intents() == {"greet", "wave"}
    app.ctx.agent.processor.domain = domain  # a model replaced at run time
    assert "next_step" in guard_commands.served_intents() and "wave" not in guard_commands.served_intents()
    app.ctx.agent.processor = None  # no model loaded yet: no command reaches Rasa
    assert guard_commands.served_intents() == frozenset()


def test_the_guard_passes_only_the_commands_it_is_given() -> None:
    reached: list[str] = []

    async def rasa(message: UserMessage) -> None:
        reached.append(message.text or "")
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    guarded = guard(rasa, allowed_commands=lambda: frozenset({"wave"}))

    async def send(text: str) -> list[dict[str, Any]]:
        output = RestOutput()
        await guarded(UserMessage(text, output, "rest:guard-commands", input_channel="rest"))
        messages: list[dict[str, Any]] = output.messages
        return messages

    assert [m.get("text") for m in asyncio.run(send("/wave"))] == ["ok"]
    refused = asyncio.run(send("/next_step"))
    assert reached == ["/wave"]
    assert [m.get("text") for m in refused] == [
        'That isn\'t a command I know. Say "help" to hear what I can do. Nothing has changed in your stretch.'
    ]


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


def _turn(on_new_message: Callable[[UserMessage], Awaitable[None]], sender: str = "rest:guard-turn") -> list[str]:
    """One REST turn through the guard: the texts the person gets."""
    output = RestOutput()
    guarded = guard(on_new_message, allowed_commands=frozenset)

    async def send() -> None:
        await guarded(UserMessage("next", output, sender, input_channel="rest"))

    asyncio.run(send())
    return [str(m.get("text")) for m in output.messages]


def test_a_turn_whose_place_could_not_be_stored_is_told_so_instead() -> None:
    async def store_fails(message: UserMessage) -> None:
        failures.record(message.sender_id, "save")
        await message.output_channel.send_response(message.sender_id, {"text": "Step 2 of 6"})

    texts = _turn(store_fails)
    assert texts[0] == "Step 2 of 6"
    assert len(texts) == 2 and "I can't save your place right now" in texts[1] and "(763) 201-8191" in texts[1]


def test_another_conversations_storage_failure_is_not_this_turns() -> None:
    async def other_fails(message: UserMessage) -> None:
        failures.record("rest:someone-else", "read")
        await message.output_channel.send_response(message.sender_id, {"text": "Step 2 of 6"})

    assert _turn(other_fails) == ["Step 2 of 6"]


def test_a_turn_that_sends_nothing_or_fails_still_gets_an_answer() -> None:
    async def silent(message: UserMessage) -> None:
        return None

    async def broken(message: UserMessage) -> None:
        raise RuntimeError("the action server went away")

    for on_new_message in (silent, broken):
        texts = _turn(on_new_message)
        assert len(texts) == 1 and "trouble on my side" in texts[0] and "(763) 201-8191" in texts[0]
