"""Voice tooling: the Alexa interaction model generated from the NLU data and content, and spoken demos."""
