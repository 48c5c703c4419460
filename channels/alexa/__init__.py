"""Alexa custom skill endpoint: request verification, request → Rasa message, replies → one spoken response.

The channel class is ``channels.alexa.channel.AlexaInput`` (registered under that path in credentials.yml);
this package file stays import-free so the verifier can be used and tested without loading Rasa.
"""
