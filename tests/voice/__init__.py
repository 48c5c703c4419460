"""Voice channel tests: Alexa request verification, the skill endpoint end to end, SSML, and speech by ear."""
