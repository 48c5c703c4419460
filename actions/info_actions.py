"""One-turn answers (welcome, the list of stretches, booking, help) that never lose a routine's place."""

from __future__ import annotations

from actions.base import CoachAction, Turn
from actions.routine_actions import ActionNextStep
from pacing import Reply, replies
from pacing.reply import join


def _keeping_place(turn: Turn, reply: Reply) -> Reply:
    return join(reply, replies.keep_place(turn.place.moment)) if turn.place else reply


class ActionGreet(CoachAction):
    def name(self) -> str:
        return "action_greet"

    def respond(self, turn: Turn) -> None:
        turn.say(_keeping_place(turn, replies.welcome(turn.content)))


class ActionListStretches(CoachAction):
    def name(self) -> str:
        return "action_list_stretches"

    def respond(self, turn: Turn) -> None:
        turn.say(_keeping_place(turn, replies.list_stretches(turn.content)))


class ActionBookingInfo(CoachAction):
    def name(self) -> str:
        return "action_booking_info"

    def respond(self, turn: Turn) -> None:
        turn.say(_keeping_place(turn, replies.booking(turn.content.clinic)))


class ActionHelp(CoachAction):
    def name(self) -> str:
        return "action_help"

    def respond(self, turn: Turn) -> None:
        moment = turn.place.moment if turn.place else None
        turn.say(replies.help_(turn.content, moment))


class ActionAffirm(CoachAction):
    """ "Yes" / "ok": carries on a routine, otherwise offers the stretches."""

    def name(self) -> str:
        return "action_affirm"

    def respond(self, turn: Turn) -> None:
        if turn.place is not None:
            ActionNextStep().act(turn, turn.place)
        else:
            turn.say(replies.list_stretches(turn.content))


class ActionDeny(CoachAction):
    """ "No": never ends a routine by itself; says how to carry on or leave."""

    def name(self) -> str:
        return "action_deny"

    def respond(self, turn: Turn) -> None:
        if turn.place is not None:
            turn.say(replies.keep_place(turn.place.moment))
        else:
            turn.say(replies.no_thanks(turn.content))
