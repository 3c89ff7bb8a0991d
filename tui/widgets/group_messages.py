"""What the group screen's tabs post up to it: the facilitator chose a row (enter or a click).

The tabs show what they are given and never open a form or read the store; the screen
decides what a choice opens.
"""

from __future__ import annotations

from textual.message import Message

from meetings.models import Goal, Member


class GoalChosen(Message):
    """A goal of the purpose was chosen: edit it."""

    def __init__(self, goal: Goal):
        super().__init__()
        self.goal = goal


class MemberChosen(Message):
    """A member was chosen: edit them."""

    def __init__(self, member: Member):
        super().__init__()
        self.member = member


class MeetingChosen(Message):
    """A closed meeting was chosen in the history: open its minutes."""

    def __init__(self, meeting_id: str):
        super().__init__()
        self.meeting_id = meeting_id
