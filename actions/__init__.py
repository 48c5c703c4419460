"""Custom actions: thin adapters from Rasa's tracker to the pacing core. The action server imports every module here."""
