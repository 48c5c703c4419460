"""The check-ins in the forms records take: CSV (one row each) and FHIR R4 NDJSON (one Observation each).

Each Observation is LOINC 72514-3, "Pain severity - 0-10 verbal numeric rating [Score] - Reported", a
``valueInteger``, the ``effectiveDateTime`` of the answer, and the person only as the pseudonymous id the
store keeps (an HMAC of the conversation id, storage/progress.py) under the identifier system the clinic
sets (``FHIR_SUBJECT_SYSTEM``). Nothing else about the person leaves: no conversation id, no text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from insights.outcomes import CheckIn

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
DEFAULT_SUBJECT_SYSTEM = "urn:ispine-stretch-coach:person"
"""Used when the clinic has set no ``FHIR_SUBJECT_SYSTEM`` (the export says so)."""
CSV_COLUMNS = ("person", "time", "score", "phase", "channel", "session")
PHASE_NOTE = {"before": "Reported before a stretch session", "after": "Reported after a stretch session"}


def iso(timestamp: float) -> str:
    """Seconds since the epoch as an ISO 8601 instant with its UTC offset (FHIR dateTime)."""
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


def session_token(checkin: CheckIn) -> str:
    """The session as an opaque token (its id may be built from the conversation, which must not leave)."""
    return hashlib.sha256(f"{checkin.person}|{checkin.session_id}".encode()).hexdigest()[:16]


def csv_text(checkins: Iterable[CheckIn]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in checkins:
        writer.writerow([c.person, iso(c.at), c.score, c.phase, c.channel, session_token(c)])
    return buffer.getvalue()


def observation(checkin: CheckIn, subject_system: str) -> dict[str, Any]:
    """One FHIR R4 Observation for one check-in."""
    resource_id = hashlib.sha256(
        f"{checkin.person}|{checkin.session_id}|{checkin.phase}|{checkin.at}".encode()
    ).hexdigest()[:32]
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": "survey", "display": "Survey"}]}],
        "code": {
            "coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}],
            "text": "Pain severity 0-10",
        },
        "subject": {"identifier": {"system": subject_system, "value": checkin.person}},
        "effectiveDateTime": iso(checkin.at),
        "valueInteger": checkin.score,
        "note": [
            {"text": f"{PHASE_NOTE.get(checkin.phase, checkin.phase)} with the stretch coach ({checkin.channel})."}
        ],
    }


def ndjson_text(checkins: Iterable[CheckIn], subject_system: str) -> str:
    return "".join(json.dumps(observation(c, subject_system), separators=(",", ":")) + "\n" for c in checkins)
