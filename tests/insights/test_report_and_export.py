"""The report's suppression and HTML, the outcomes, the export (validated as FHIR R4B), and bad stores."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.observation import Observation

from insights import __main__ as cli
from insights import export, outcomes
from insights.outcomes import CheckIn
from insights.suppress import share, shown
from tests.insights.derivable import derived, report_rows
from tests.insights.events import T0, Log

DAY = 86_400.0
SYSTEM = "https://clinic.example.org/fhir/coach-person"
CONTRACT = """CREATE TABLE progress_checkins (
  person TEXT NOT NULL, conversation_id TEXT NOT NULL, channel TEXT NOT NULL, session_id TEXT NOT NULL,
  phase TEXT NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), at DOUBLE PRECISION NOT NULL)"""
EVENTS = """CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,
  type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"""


class Keys(HTMLParser):
    """Every ``data-key`` value of a report, and its images."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.images: list[str] = []
        self._key: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self._key = found.get("data-key")
        if tag == "img":
            self.images.append(found.get("src") or "")

    def handle_data(self, data: str) -> None:
        if self._key is not None:
            self.values[self._key] = data.strip()
            self._key = None


def read_report(path: Path) -> Keys:
    keys = Keys()
    keys.feed(path.read_text(encoding="utf-8"))
    return keys


def test_counts_from_1_to_4_are_hidden_and_so_are_shares_made_from_them() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 123)] == ["0", "<5", "<5", "5", "123"]
    assert share(3, 100) == "<5"
    assert share(10, 3) == "<5"
    assert share(25, 100) == "25.0%"


def test_improvement_is_two_points_or_thirty_percent() -> None:
    assert outcomes.improved(6, 4)
    assert outcomes.improved(3, 2)  # 33% lower
    assert not outcomes.improved(8, 7)
    assert not outcomes.improved(0, 0)


def checkin(person: str, session: str, phase: str, score: int, at: float, conversation: str | None = None) -> CheckIn:
    return CheckIn(person, conversation or f"rest:{person}", "rest", session, phase, score, at)


def test_outcomes_pair_sessions_follow_people_and_count_the_habit() -> None:
    rows = []
    for p in range(6):  # six people, three sessions each in their first week, pain 6 → 4 in each session
        for s in range(3):
            at = T0 + p * 60 + s * DAY
            rows += [
                checkin(f"p{p}", f"p{p}s{s}", "before", 6 - s, at),
                checkin(f"p{p}", f"p{p}s{s}", "after", 4 - s, at + 600),
            ]
    rows.append(checkin("q", "q1", "before", 5, T0))  # a before with no after
    out = outcomes.read(rows, T0 - DAY, T0 + 30 * DAY)
    assert out.checkins == {"before": 19, "after": 18}
    assert out.people == 7
    assert out.paired == 18
    assert out.sessions_improved == 18
    assert out.followed == 6
    assert out.followed_improved == 6  # 6 before the first session, 4 before the third
    assert out.person_weeks == {3: 6, 1: 1}
    assert out.weekly[0] == [5.0] * 6


def store_with(tmp_path: Path, logs: list[Log], checkins: list[CheckIn] | None) -> Path:
    db = tmp_path / "tracker.db"
    with sqlite3.connect(db) as conn:
        conn.execute(EVENTS)
        rows = sorted((r for log in logs for r in log.rows), key=lambda r: r[3])
        conn.executemany(
            "INSERT INTO events (id, sender_id, type_name, timestamp, action_name, intent_name, data) "
            "VALUES (?,?,?,?,?,?,?)",
            [(i + 1, *r[1:]) for i, r in enumerate(rows)],
        )
        if checkins is not None:
            conn.execute(CONTRACT)
            conn.executemany(
                "INSERT INTO progress_checkins VALUES (?,?,?,?,?,?,?)",
                [(c.person, c.conversation_id, c.channel, c.session_id, c.phase, c.score, c.at) for c in checkins],
            )
    conn.close()
    return db


def many_people(n: int) -> tuple[list[Log], list[CheckIn]]:
    logs, rows = [], []
    for i in range(n):
        logs.append(Log(f"rest:person{i}").user("hi", "greet", at=T0 + i))
        rows += [
            checkin(f"h{i}", f"s{i}", "before", 7, T0 + i, f"rest:person{i}"),
            checkin(f"h{i}", f"s{i}", "after", 4, T0 + i + 600, f"rest:person{i}"),
        ]
    return logs, rows


def test_the_report_is_one_file_with_images_suppressed_counts_and_no_text(tmp_path: Path) -> None:
    logs, rows = many_people(6)
    secret = Log("web:few").user("my secret words zebra", "nlu_fallback", at=T0 + 100).action("action_fallback")
    secret.bot(
        "Sorry, I didn't understand that. For questions about your back: call iSpine Pain Physicians at (763) 201-8191."
    )
    db = store_with(tmp_path, [*logs, secret], rows)
    out = tmp_path / "report.html"
    assert (
        cli.main(["report", "--store", str(db), "--out", str(out), "--from", "2026-11-29", "--to", "2026-12-10"]) == 0
    )
    page = out.read_text(encoding="utf-8")
    keys = read_report(out)
    assert keys.values["conversations.total"] == "7"
    assert keys.values["conversations.web"] == "<5"
    assert keys.values["conversations.rest"] == "*", "7 = 6 + <5 would give the 1"
    assert derived(keys.values, report_rows(keys.values)) == []
    assert keys.values["not_understood.nlu_fallback"] == "<5"
    assert keys.values["outcomes.paired"] == "6"
    assert keys.values["outcomes.mean_before"] == "7.0"
    assert keys.values["outcomes.mean_after"] == "4.0"
    assert keys.values["period.from"].startswith("2026-11-29")
    assert "zebra" not in page
    assert keys.images and all(src.startswith("data:image/png;base64,") for src in keys.images)
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", page), "nothing is fetched from outside"
    assert out.stat().st_mode & 0o777 == 0o600
    with_text = tmp_path / "with-text.html"
    cli.main(
        [
            "report",
            "--store",
            str(db),
            "--out",
            str(with_text),
            "--from",
            "2026-11-29",
            "--to",
            "2026-12-10",
            "--include-text",
        ]
    )
    assert "zebra" in with_text.read_text(encoding="utf-8")


def test_a_store_from_before_check_ins_says_there_are_none(tmp_path: Path) -> None:
    db = store_with(tmp_path, [Log().user("hi", "greet")], None)
    out = tmp_path / "r.html"
    assert (
        cli.main(["report", "--store", str(db), "--out", str(out), "--from", "2026-11-29", "--to", "2026-12-10"]) == 0
    )
    assert "outcomes.none" in read_report(out).values


@pytest.mark.parametrize("content", [b"", b"this is not a database at all" * 50, None])
def test_a_corrupt_missing_or_empty_store_is_a_clear_error_and_exit_1(
    tmp_path: Path, content: bytes | None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "tracker.db"
    if content is not None:
        db.write_bytes(content)
    assert cli.main(["report", "--store", str(db), "--out", str(tmp_path / "r.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cannot make the report: ") and "Traceback" not in err
    assert not (tmp_path / "r.html").exists()


def test_a_store_with_no_conversations_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = store_with(tmp_path, [], [])
    assert cli.main(["export", "--store", str(db), "--out-dir", str(tmp_path)]) == 1
    assert "holds no conversations" in capsys.readouterr().err


def test_the_export_is_csv_and_valid_fhir_and_leaves_out_an_erased_conversation(tmp_path: Path) -> None:
    logs, rows = many_people(3)
    rows.append(checkin("gone", "g1", "before", 9, T0, "rest:forgotten"))  # its conversation was erased
    db = store_with(tmp_path, logs, rows)
    assert cli.main(["export", "--store", str(db), "--out-dir", str(tmp_path), "--subject-system", SYSTEM]) == 0
    table = list(csv.DictReader(io.StringIO((tmp_path / "checkins.csv").read_text(encoding="utf-8"))))
    assert [r["person"] for r in table] == ["h0", "h0", "h1", "h1", "h2", "h2"] or sorted(
        r["person"] for r in table
    ) == ["h0", "h0", "h1", "h1", "h2", "h2"]
    assert {r["phase"] for r in table} == {"before", "after"}
    assert {r["score"] for r in table} == {"7", "4"}
    assert {r["channel"] for r in table} == {"rest"}
    assert all(r["time"].endswith("+00:00") for r in table)
    lines = (tmp_path / "checkins.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    for line in lines:
        data = json.loads(line)
        resource = Observation.parse_obj(data)  # fhir.resources' R4B model: types, cardinality, no unknown fields
        assert resource.status == "final"
        code: Any = resource.code
        subject: Any = resource.subject
        assert [(c.system, c.code) for c in code.coding] == [("http://loinc.org", "72514-3")]
        assert resource.valueInteger in (7, 4) and isinstance(data["valueInteger"], int)
        assert subject.identifier.system == SYSTEM
        assert subject.identifier.value.startswith("h")
        assert data["effectiveDateTime"].endswith("+00:00")
    text = (tmp_path / "checkins.ndjson").read_text() + (tmp_path / "checkins.csv").read_text()
    assert "gone" not in text and "rest:" not in text, "no erased person and no conversation id leaves"


def test_an_export_without_the_check_in_table_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = store_with(tmp_path, [Log().user("hi", "greet")], None)
    assert cli.main(["export", "--store", str(db), "--out-dir", str(tmp_path)]) == 1
    assert "no check-ins table" in capsys.readouterr().err


def test_a_bad_fhir_resource_is_refused_by_the_validator() -> None:
    good = export.observation(checkin("h", "s", "before", 3, T0), SYSTEM)
    Observation.parse_obj(good)
    with pytest.raises(ValueError):
        Observation.parse_obj({**good, "valueInteger": "three"})
    with pytest.raises(ValueError):
        Observation.parse_obj({k: v for k, v in good.items() if k != "status"})


def test_named_parameters_become_psycopg2_style_for_postgresql() -> None:
    from insights.store import driver_query

    class Dialect:
        name = "postgresql"

    class Conn:
        dialect = Dialect()

    sql = "SELECT x FROM events WHERE id > :last AND t = 'a:b' LIMIT :batch"
    assert driver_query(Conn(), sql) == "SELECT x FROM events WHERE id > %(last)s AND t = 'a:b' LIMIT %(batch)s"
