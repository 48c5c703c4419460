"""Storage failures are loud: a full disk, a store deleted while running, a corrupt store at start.

Each is answered with the clear "can't save your place" reply (with the clinic's phone), logged at
ERROR, and never continued silently in memory. The store lives on a tiny tmpfs so the disk can be
filled for real (mounting needs root, as `make`'s apt installs do on the project's machines).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.stack import Stack
from pacing.replies import cannot_save
from stretch_content import load_content
from tests.bot_messages import said

CLINIC = load_content().clinic
CANNOT_SAVE = cannot_save(CLINIC).text


@dataclass
class TmpfsStack(Stack):
    """A stack whose tracker store sits on its own small filesystem."""

    store_dir: Path = field(default_factory=Path)

    @property
    def tracker_db(self) -> Path:
        return self.store_dir / "tracker.db"


def errors_logged(stack: Stack) -> list[str]:
    return [line for line in (stack.workdir / "rasa.log").read_text().splitlines() if " ERROR " in line]


def fill(directory: Path) -> Path:
    """Write until the filesystem is full; returns the filler file."""
    filler = directory / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TmpfsStack]:
    workdir = tmp_path_factory.mktemp("loud")
    store_dir = workdir / "store"
    store_dir.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(store_dir)], check=True)
    stack = TmpfsStack(workdir=workdir, store_dir=store_dir)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        subprocess.run(["umount", str(store_dir)], check=True)


def test_a_full_disk_is_answered_clearly_and_the_place_resumes_when_there_is_room(stack: TmpfsStack) -> None:
    sender = "full-disk"
    assert "Before we start" in said(stack.rest(sender, "guide me through cat cow"))
    assert "Cat/Cow: step 1\n" in said(stack.rest(sender, "no"))  # the screen before exercise answered
    before = len(errors_logged(stack))
    filler = fill(stack.store_dir)
    try:
        for _ in range(2):  # never a silent freeze: every turn that cannot be saved says so
            reply = said(stack.rest(sender, "next"))
            assert CANNOT_SAVE in reply and CLINIC.phone in reply
        assert len(errors_logged(stack)) > before
        # on the write-ahead log (storage/sqlite_file.py) a full disk may already fail the read
        failed = ("could not save a conversation", "could not read a conversation")
        assert any(f in line for line in errors_logged(stack) for f in failed), errors_logged(stack)[-3:]
    finally:
        filler.unlink()
    resumed = said(stack.rest(sender, "next"))
    assert CANNOT_SAVE not in resumed and "Cat/Cow: step 2, round 1 of at least 5" in resumed
    assert "Cat/Cow: step 3, round 1 of at least 5" in said(stack.rest(sender, "next"))


def test_a_store_deleted_while_running_is_not_replaced_by_memory(stack: TmpfsStack) -> None:
    sender = "deleted-store"
    stack.rest(sender, "guide me through cat cow")
    stack.rest(sender, "no")  # the screen before exercise
    stack.tracker_db.unlink()
    for _ in range(2):
        reply = said(stack.rest(sender, "next"))
        assert CANNOT_SAVE in reply and CLINIC.phone in reply
        assert "step 2, round 1 of at least 5" not in reply
    assert not stack.tracker_db.exists()  # no new, empty store quietly created
    assert any("is missing (deleted while running?)" in line for line in errors_logged(stack))


def test_a_corrupt_store_at_start_is_logged_and_answered(stack: TmpfsStack) -> None:
    stack.stop_rasa()
    garbage = b"this is not an SQLite database " * 64
    stack.tracker_db.write_bytes(garbage)
    stack.start_rasa()  # starts anyway, instead of exiting
    assert any("cannot be used" in line and "tracker.db" in line for line in errors_logged(stack))
    reply = said(stack.rest("after-corruption", "guide me through cat cow"))
    assert CANNOT_SAVE in reply and CLINIC.phone in reply
    assert stack.tracker_db.read_bytes() == garbage  # left as it was, for whoever repairs it
