"""The pacing core: where a person is in a routine, what comes next, and how each turn is shown or spoken.

Plain Python with no Rasa import, so it is tested directly and shared by every channel.
"""

from pacing.reply import Act, Choice, Reply
from pacing.routine import Moment, Routine

__all__ = ["Act", "Choice", "Moment", "Reply", "Routine"]
