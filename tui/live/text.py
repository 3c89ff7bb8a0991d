"""The live screen's text, as plain functions of the meeting: the agenda, the item's title,
the speaker line, what was captured under an item, a record in one line."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from meetings.live import LiveMeeting
from meetings.models import HOT_SEAT_PHASES, Group, ItemKind, ItemState, MeetingItem, Presence, Visibility

from ..format import clock, short_date

STATE_MARK = {ItemState.DONE: "✓", ItemState.SKIPPED: "–", ItemState.CURRENT: "▶", ItemState.PENDING: " "}
SPEAKING_KINDS = (ItemKind.ROUND, ItemKind.HOT_SEAT)


AGENDA_TITLE_WIDTH = 19


def agenda_labels(titles: list[str], width: int = AGENDA_TITLE_WIDTH) -> list[str]:
    """Each title in ``width`` cells, told apart from the others: a long title is cut at its end
    ("Accountability rou…"), unless that makes it look like another title's label; then it is cut
    in the middle, keeping the end that differs ("Issue presen…tion 1", "Issue presen…tion 2")."""

    def end_cut(title: str) -> str:
        return title if len(title) <= width else title[: width - 1] + "…"

    def middle_cut(title: str, tail: int) -> str:
        return title[: width - 1 - tail] + "…" + title[-tail:]

    labels = [end_cut(t) for t in titles]
    for label in set(labels):
        alike = [i for i, other in enumerate(labels) if other == label and len(titles[i]) > width]
        if len({titles[i] for i in alike}) < 2:
            continue  # one title, or the same title twice: nothing to tell apart
        for tail in range(6, width - 1):
            cut = {i: middle_cut(titles[i], tail) for i in alike}
            if len(set(cut.values())) == len({titles[i] for i in alike}):
                break
        for i, text in cut.items():
            labels[i] = text
    return labels


def agenda_text(live: LiveMeeting) -> Text:
    """Each item with its state mark and minutes spent of planned (red when over)."""
    meeting = live.meeting
    lines = Text()
    labels = agenda_labels([item.title for item in meeting.items])
    for index, item in enumerate(meeting.items):
        spent = live.item_elapsed(index) / 60
        over = spent > item.planned_minutes
        style = "bold reverse" if index == meeting.current else ("dim" if item.state in (ItemState.DONE, ItemState.SKIPPED) else "")
        lines.append(f"{STATE_MARK[item.state]} ", style=style)
        lines.append(labels[index].ljust(AGENDA_TITLE_WIDTH), style=style)
        minutes = f"{spent:.0f}/{item.planned_minutes}" if item.state != ItemState.PENDING or spent else f"{item.planned_minutes}"
        lines.append(minutes.rjust(6) + "\n", style="bold red" if over else style)
    return lines


def item_title(live: LiveMeeting, item: MeetingItem) -> Text:
    """Number, title, kind and the goal it serves; the topic and guidance below."""
    goal = live.group.purpose.goal(item.goal)
    title = Text()
    title.append(f"{live.meeting.current + 1}. {item.title}", style="bold")
    title.append(f"  ·  {item.kind.value.replace('_', ' ')}  ·  ", style="dim")
    title.append(f"serves: {goal.title}" if goal else "social glue", style="italic")
    if item.topic:
        title.append("\nTopic: ")
        title.append(item.topic)
    # The close panel shows its guidance below its fields: at 80x24 the fields need the rows.
    if item.guidance and item.kind != ItemKind.CLOSE:
        title.append("\n" + item.guidance, style="dim")
    return title


def shows_speaker(item: MeetingItem | None) -> bool:
    """Whether the item has a speaker line (an item without gives its row to the panel)."""
    return item is not None and (bool(item.speakers) or item.kind in SPEAKING_KINDS)


def speaker_line(live: LiveMeeting) -> Text:
    """Who has the floor, for how long of their share, who is next; a hot seat's phases."""
    item, group = live.item, live.group
    if item is None or not item.speakers:
        if item is not None and item.kind in SPEAKING_KINDS:
            if item.kind == ItemKind.HOT_SEAT:
                return Text("Nobody presents yet: h picks the presenter (t sets the challenge).", style="dim")
            return Text("Nobody to speak: r marks who is in the room.", style="dim")
        return Text()
    name = group.member_name(live.speaker())
    used, budget = live.speaker_elapsed(), live.speaker_budget()
    text = Text()
    text.append("Floor: ", style="bold")
    text.append(name, style="bold")
    text.append(f"   {clock(used)} of {clock(budget)}", style="bold red" if used > budget else "")
    text.append(f"  ({item.speaker_index + 1} of {len(item.speakers)})")
    upcoming = item.speakers[item.speaker_index + 1 :]
    if upcoming and item.kind == ItemKind.ROUND:
        text.append("  next: " + group.member_name(upcoming[0]), style="dim")
    if item.kind == ItemKind.HOT_SEAT:
        text.append("\n")
        text.append_text(phase_line(live))
        text.append("\n")
        text.append(group.hot_seat_protocol, style="italic")
    return text


def phase_line(live: LiveMeeting) -> Text:
    """The hot seat's phase and its time left, one line at 80 columns:
    'Phase 2/4  clarifying questions  3:20 left' (red 'over' once its share is used)."""
    item = live.item
    phase = live.phase()
    if item is None or phase is None:
        return Text()
    number = min(item.phase_index, len(HOT_SEAT_PHASES) - 1) + 1
    left = live.phase_budget() - live.phase_elapsed()
    text = Text()
    text.append(f"Phase {number}/{len(HOT_SEAT_PHASES)} ", style="bold")
    text.append(f" {phase} ", style="bold reverse")
    if left >= 0:
        text.append(f"  {clock(left)} left", style="bold")
    else:
        text.append(f"  {clock(-left)} over", style="bold red")
    return text


def captured_text(live: LiveMeeting, kind: ItemKind) -> Text:
    """What the room captured: open asks with their offers (asks and offers), today's
    commitments per member (commitments), then the notes and commitments under this item."""
    m, group, name = live.meeting, live.group, live.group.member_name
    text = Text()
    if kind == ItemKind.ASKS_OFFERS:
        text.append("Open asks (O: offer form, or o: Name -> Owner what)\n", style="bold")
        # Today's asks first: they are what the room is answering, and would scroll out of view last.
        today = {a.id for a in m.asks}
        for ask in sorted(live.open_asks(), key=lambda a: a.id not in today):
            text.append(f"• {name(ask.owner)} asks ")
            text.append(ask.text)
            text.append(f"  [{ask.kind.value}]\n", style="dim")
            for offer in (o for o in m.offers if o.ask_id == ask.id):
                text.append(f"    ↳ {name(offer.by)} offers: ")
                text.append(offer.text + "\n")
    elif kind == ItemKind.COMMITMENTS:
        text.append("Commitments made today (C: form, or c: Name what by Fri)\n", style="bold")
        for member in group.active_members:
            mine = [c for c in m.commitments if c.owner == member.id]
            absent = m.presence(member.id) == Presence.ABSENT
            if not mine and absent:
                continue
            text.append(member.name + (" (absent)" if absent else ""), style="bold" if mine else "dim")
            text.append("\n" if mine else ": none yet\n", style="dim")
            for c in mine:
                text.append(f"  • {c.text}  (by {short_date(c.due)})\n")
    item = live.item
    notes = [n for n in m.notes if item and n.item_id == item.id]
    if notes:
        text.append("Notes and decisions on this item\n", style="bold")
        for note in notes:
            text.append(f"• {note.kind.value}: ", style="dim")
            text.append(note.text)
            text.append(" (forum only)\n" if note.visibility == Visibility.FORUM else "\n", style="dim")
    captured = [c for c in m.commitments if item and c.item_id == item.id] if kind != ItemKind.COMMITMENTS else []
    if captured:
        text.append("Commitments captured here\n", style="bold")
        for c in captured:
            text.append(f"• {name(c.owner)}: ")
            text.append(c.text + "\n")
    if not text.plain:
        text.append("Capture with / (quick line) or C A O D N (forms).", style="dim")
    text.rstrip()  # no blank last row: the item's guidance above can have it
    return text


def describe(record: Any, group: Group) -> str:
    """A captured record in one line: 'commitment · Ana Souza: send the survey (by Fri 13 Nov 2026)'."""
    name = group.member_name
    kind = type(record).__name__.lower()
    who = ""
    if hasattr(record, "owner"):
        who = name(record.owner) + ": "
    elif hasattr(record, "by"):
        who = name(record.by) + " offers: "
    label = getattr(record, "kind", kind)
    label = kind if kind != "note" else str(getattr(label, "value", label))
    forum = " (forum only)" if getattr(record, "visibility", None) == Visibility.FORUM else ""
    due = f" (by {short_date(record.due)})" if hasattr(record, "due") else ""
    return f"{label} · {who}{record.text}{due}{forum}"


def clock_texts(live: LiveMeeting) -> dict[str, Text]:
    """The item's clock, the meeting's clock and the pacing advice, by widget id."""
    item = live.item
    left = (item.planned_minutes * 60 if item else 0) - live.item_elapsed()
    paused = "" if live.running else "  PAUSED"
    item_clock = f"{clock(left)} left{paused}" if left >= 0 else f"{clock(-left)} over{paused}"
    pacing = live.pacing()
    return {
        "item-clock": Text(item_clock, style="bold red" if left < 0 else ""),
        "meeting-clock": Text(f"{clock(live.meeting_elapsed())} of {clock(live.length_minutes() * 60)}"),
        "pacing": Text(pacing.message, style="yellow" if pacing.over_by > 0.5 else "green"),
    }
