"""Safety triage from the text of one message: emergency, ask (a possible red flag), pain, or none.

Plain Python and numpy, no Rasa import: the actions call :func:`assess` on every user message. The
red-flag list and its sources live in stretch_content/content.yml; this package reads whose, when and
whether, and a learned reader (triage/learned.py, triage/model.npz) recognises symptoms the terms have
no words for (see docs/triage.md).
"""

from triage.assess import Assessment, Level, assess

__all__ = ["Assessment", "Level", "assess"]
