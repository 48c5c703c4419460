# What the clinic learns (insights/, docs/insights.md): the report and the check-ins for records.
# Included by the Makefile. Settings: FROM, TO (dates, UTC; default the last 30 days), STORE (a SQLite
# file or an SQLAlchemy URL; default the store endpoints.yml or ENDPOINTS configures), INCLUDE_TEXT=1
# (not-understood messages as text: only for someone allowed to read the store), FHIR_SUBJECT_SYSTEM.
# Outputs are owner-only (0600): build/insights/report.html, checkins.csv, checkins.ndjson.

export FROM TO STORE INCLUDE_TEXT FHIR_SUBJECT_SYSTEM

.PHONY: report export bench-insights

report: $(INSTALLED) ## the insights report (one HTML file, plots inline): make report FROM=2026-11-01 TO=2026-11-30
	$(BIN)/python -m insights report

export: $(INSTALLED) ## pain check-ins as CSV and FHIR R4 NDJSON (LOINC 72514-3): make export FHIR_SUBJECT_SYSTEM=<url>
	$(BIN)/python -m insights export

bench-insights: $(INSTALLED) ## the report's time on 100,000 synthetic conversations (SQLite)
	$(BIN)/python bench/insights_report.py
