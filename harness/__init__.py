"""The test harness: starts the real servers, signs Alexa requests, drives the web widget.

Tests and benchmarks both import it; it imports neither.
"""
