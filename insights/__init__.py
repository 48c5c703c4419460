"""What the clinic learns: counts read from the tracker store, a report with plots, outcomes for records.

Plain Python (no Rasa import): ``store`` reads the store read-only in batches inside one transaction,
``conversations`` turns each conversation's events into counts, ``outcomes`` reads the pain check-ins,
``suppress`` hides every count below 5, ``report`` writes one self-contained HTML file and ``export``
the check-ins as CSV and FHIR R4 NDJSON. ``python -m insights report|export`` (``make report``,
``make export``); docs/insights.md says who may run it and what it reveals.
"""
