"""Input channels: thin adapters between a transport (REST, socket.io, Alexa) and Rasa."""
