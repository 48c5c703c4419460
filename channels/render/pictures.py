"""Where a step's picture is served, for channels that link it (the web page, REST clients)."""

from __future__ import annotations

import os

POSE_IMAGE_BASE_URL = os.environ.get("POSE_IMAGE_BASE_URL", "http://localhost:8080/poses/")
"""Where the web page serves the pose pictures; set it to the public URL in a real deployment."""


def pose_image_url(name: str) -> str:
    return f"{POSE_IMAGE_BASE_URL.rstrip('/')}/{name}.svg"
