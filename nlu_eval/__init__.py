"""Scoring a trained NLU model on the held-out files: shared by the pytest floors and the pipeline benchmark.

It lives outside tests/ and bench/ so that neither imports the other.
"""
