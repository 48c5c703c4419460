"""The clinic's web page: the page server, the chat widget's set-up and the pose pictures."""
