"""The same report and export from the scaled stack's PostgreSQL store (``make run-scaled``'s set-up).

The store is found as ``make report`` finds it: from the stack's endpoints.yml, with its
``${…}`` password read from the environment, as Rasa reads it.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fhir.resources.R4B.observation import Observation

from harness.scaled_stack import ScaledStack
from insights import __main__ as cli
from scaling import config
from scaling.services import DATABASE, DB_USER
from tests.insights.test_report_and_export import CONTRACT, read_report

WALKERS = 5
FOLD_NEXTS = 4


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    stack = ScaledStack(workdir=tmp_path_factory.mktemp("insights-scaled"), scale=1)
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_the_report_and_export_from_postgresql(
    scaled: ScaledStack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = uuid.uuid4().hex[:6]
    walkers = [f"pg{run}{i}" for i in range(WALKERS)]
    for sender in walkers:
        assert "Before we start" in scaled.rest(sender, "guide me through forward fold").text
        scaled.rest(sender, "no")
        for _ in range(FOLD_NEXTS):
            last = scaled.rest(sender, "next").text
        assert "finished the Forward Fold" in last
    assert "911" in scaled.rest(f"pgem{run}", "i can't control my bladder since this morning").text

    monkeypatch.setenv(config.POSTGRES_PASSWORD_ENV, scaled.postgres.password)
    endpoints = scaled.workdir / "endpoints.yml"
    engine = sa.create_engine(
        sa.engine.URL.create(
            "postgresql",
            username=DB_USER,
            password=scaled.postgres.password,
            host="127.0.0.1",
            port=scaled.postgres.port,
            database=DATABASE,
        )
    )
    now = time.time()
    with engine.begin() as conn:
        conn.execute(sa.text(CONTRACT.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS")))
        for n, sender in enumerate(walkers):
            for phase, score, at in (("before", 7, now - 300), ("after", 5, now - 60)):
                conn.execute(
                    sa.text("INSERT INTO progress_checkins VALUES (:p, :c, 'rest', :s, :ph, :sc, :at)"),
                    {
                        "p": f"{n:02d}" + "cd" * 31,
                        "c": f"rest:{sender}",
                        "s": f"s{n}",
                        "ph": phase,
                        "sc": score,
                        "at": at,
                    },
                )
    engine.dispose()

    report = tmp_path / "report.html"
    assert cli.main(["report", "--endpoints", str(endpoints), "--out", str(report)]) == 0
    keys = read_report(report).values
    assert keys["started.forward_fold"] == str(WALKERS)
    assert keys["ends.forward_fold.finished"] == str(WALKERS)
    assert keys["screens.no"] == str(WALKERS)
    assert keys["emergency.back"] == "<5"
    assert keys["outcomes.paired"] == str(WALKERS)
    assert keys["outcomes.mean_before"] == "7.0"
    assert "bladder" not in report.read_text(encoding="utf-8")
    assert os.environ[config.POSTGRES_PASSWORD_ENV] not in report.read_text(encoding="utf-8")

    assert cli.main(["export", "--endpoints", str(endpoints), "--out-dir", str(tmp_path)]) == 0
    lines = (tmp_path / "checkins.ndjson").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 * WALKERS
    for line in lines:
        Observation.parse_obj(json.loads(line))
