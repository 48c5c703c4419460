"""The check-in's Skip and "how am I doing?": thin adapters onto pacing/checkin.py and pacing/progress.py."""

from __future__ import annotations

from actions import progress_history
from actions.base import CoachAction, Turn
from pacing import Reply, checkin, progress, replies
from pacing.reply import join


class ActionSkipCheckin(CoachAction):
    """The check-in's Skip button when no check-in is open (an open one is answered before this runs)."""

    def name(self) -> str:
        return "action_skip_checkin"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        nothing = checkin.closed(checkin.Answer(checkin.Reading.SKIP))
        turn.say(join(nothing, replies.way_forward(turn.content, moment)))
        if moment is not None:
            turn.keeps_hold = True
            turn.keep_hold_timer()


class ActionHowAmIDoing(CoachAction):
    """ "How am I doing?": sessions per week, stretches finished, pain before and after; the place is kept."""

    def name(self) -> str:
        return "action_how_am_i_doing"

    def respond(self, turn: Turn) -> None:
        known = progress_history.sessions(turn)
        if known is None:
            said = Reply.plain("I can't look up your history right now, sorry.")
        else:
            said = progress.history_reply(turn.content, known, progress_history.clock())
        if turn.place is not None:
            turn.keeps_hold = True
            turn.say(join(said, replies.keep_place(turn.place.moment)))
            turn.keep_hold_timer()
        else:
            turn.say(join(said, replies.way_forward(turn.content, None)))
