"""The live screen at 80x24, its design size: what the facilitator needs in the moment (whose
turn, time left, the phase and the protocol, the pacing advice) is never the part that is cut.

Each test reads what the terminal shows (``screen_text``) inside a widget's region, so a row
that is laid out but clipped, or pushed under the capture line, counts as not shown.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import Select

from meetings.files import bundled_templates
from meetings.models import Commitment, ItemKind, Template, TemplateItem
from meetings.store import Store
from tests.conftest import sample_group, sample_history
from tests.tui.test_meeting_flow import SMALL, open_setup, start_meeting, start_with_template
from tui.app import MastermindApp
from tui.format import clock
from tui.live import LiveScreen, ReviewTable
from tui.live.text import agenda_labels


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces made one space (a wrap moves words, not letters)."""
    return " ".join(text.split())


def shown_in(app, screen_text, selector: str) -> str:
    """What the terminal shows inside the widget's region, row by row, as one line of words."""
    region = app.screen.query_one(selector).region
    rows = screen_text(app).splitlines()
    visible = [rows[y][region.x : region.right] for y in range(region.y, min(region.bottom, len(rows)))]
    return words(" ".join(visible))


def whole_on_screen(app, selector: str) -> bool:
    """The widget got every row its content needs, above the message and capture line."""
    widget = app.screen.query_one(selector)
    region = widget.region
    centre = app.screen.query_one("#centre").region
    needed = widget.get_content_height(centre.size, app.size, region.width)
    return region.height >= needed > 0 and centre.contains_region(region)


async def to_kind(pilot, live: LiveScreen, kind: ItemKind) -> None:
    while live.live.item.kind != kind:
        await pilot.press("n")
        await pilot.pause()


async def test_the_hot_seat_shows_presenter_phase_time_left_and_protocol_at_80x24(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await to_kind(pilot, live, ItemKind.HOT_SEAT)
        fixed_clock.advance(400)  # into the present phase's last two minutes
        await pilot.press("right_square_bracket")  # clarifying questions
        fixed_clock.advance(70)
        live.refresh_all()
        await pilot.pause()
        meeting = live.live
        left = meeting.phase_budget() - meeting.phase_elapsed()
        speaker = shown_in(app, screen_text, "#speaker")
        assert f"Floor: {meeting.group.member_name(meeting.speaker())}" in speaker
        assert f"Phase 2/4 clarifying questions {clock(left)} left" in speaker, speaker
        assert words(meeting.group.hot_seat_protocol) in speaker, speaker
        assert whole_on_screen(app, "#speaker") and whole_on_screen(app, "#item-clock")
        # Past its share, the phase says how far over.
        fixed_clock.advance(left + 30)
        live.refresh_all()
        await pilot.pause()
        assert "clarifying questions 0:30 over" in shown_in(app, screen_text, "#speaker")


async def test_the_pacing_advice_wraps_at_80_columns(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        fixed_clock.advance(minutes=40)  # the wins round ran 30 minutes over
        live.refresh_all()
        await pilot.pause()
        message = live.live.pacing().message
        assert "give the remaining items" in message and len(message) > 49
        assert shown_in(app, screen_text, "#pacing") == words(message)
        assert whole_on_screen(app, "#pacing") and whole_on_screen(app, "#speaker")


async def test_the_guidance_uses_the_rows_there_are_and_never_pushes_the_clocks_off(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        item = live.live.item
        assert item.kind == ItemKind.ROUND and item.guidance.count("\n") >= 2
        title = shown_in(app, screen_text, "#item-title")
        # The wins round's guidance is nine rows at 80x24, and the panel below needs one: all of it shows.
        assert title.endswith(words(item.guidance)), title
        assert whole_on_screen(app, "#item-title")
        # A page of guidance takes the rows there are, ends in "…", and the clocks, the
        # pacing advice and the speaker line keep theirs.
        item.guidance = "\n".join(f"Step {n}: say what the room should do now." for n in range(1, 31))
        live.refresh_all()
        await pilot.pause()
        title = shown_in(app, screen_text, "#item-title")
        assert "Step 1:" in title and "Step 30" not in title and title.endswith("…")
        for selector in ("#item-clock", "#meeting-clock", "#pacing", "#speaker"):
            assert whole_on_screen(app, selector), selector
        assert f"Floor: {live.group.member_name(live.live.speaker())}" in shown_in(app, screen_text, "#speaker")
        assert live.query_one("#kind-panel").region.height >= 1


def test_agenda_labels_tell_cut_titles_apart():
    assert agenda_labels(["Issue presentation 1", "Issue presentation 2", "Wins round"]) == [
        "Issue presen…tion 1", "Issue presen…tion 2", "Wins round",
    ]
    # A title cut alone keeps its start; one that fits is untouched; the same title twice stays alike.
    assert agenda_labels(["Accountability round of the month"]) == ["Accountability rou…"]
    assert agenda_labels(["Hot seat", "Hot seat"]) == ["Hot seat", "Hot seat"]
    # Titles that differ only far from the end keep enough of the end to differ.
    labels = agenda_labels(["Issue presentation of Ana, part 1", "Issue presentation of Ben, part 1"])
    assert len(set(labels)) == 2 and all(len(label) == 19 for label in labels)


async def test_the_agenda_tells_issue_presentation_1_from_2(sample_store, fixed_clock, screen_text):
    template = Template(slug="two-issues", name="Two issues", items=[
        TemplateItem(title="Opening", kind=ItemKind.DISCUSSION, minutes=5),
        TemplateItem(title="Issue presentation 1", kind=ItemKind.DISCUSSION, minutes=30),
        TemplateItem(title="Issue presentation 2", kind=ItemKind.DISCUSSION, minutes=30),
        TemplateItem(title="Close", kind=ItemKind.CLOSE, minutes=5),
    ])
    app = MastermindApp(sample_store, clock=fixed_clock)
    app._templates = [*bundled_templates(), template]
    async with app.run_test(size=SMALL) as pilot:
        setup = await open_setup(pilot)
        setup.query_one("#template", Select).value = "two-issues"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        agenda = shown_in(app, screen_text, "#agenda-list")
        assert "Issue presen…tion 1" in agenda and "Issue presen…tion 2" in agenda, agenda


@pytest.fixture
def carried_store(tmp_path) -> Iterator[tuple[Store, Commitment]]:
    """The sample history, its last meeting's first commitment carried twice already."""
    store = Store(tmp_path / "data")
    group = sample_group()
    store.save_group(group)
    history = sample_history(group)
    carried = history[-1].commitments[0] = history[-1].commitments[0].model_copy(update={"carried": 2})
    for meeting in history:
        store.save_meeting(meeting)
    yield store, carried
    store.close()


async def test_the_accountability_table_wraps_the_commitment_and_shows_times_carried(carried_store, fixed_clock, screen_text):
    store, carried = carried_store
    app = MastermindApp(store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await to_kind(pilot, live, ItemKind.ACCOUNTABILITY)
        table = live.query_one("#review-table", ReviewTable)
        row = table.get_row_index(f"commitment:{carried.id}")
        table.move_cursor(row=row)
        await pilot.pause()
        cells = [str(cell) for cell in table.get_row_at(row)]
        assert "2x" in cells
        # Every word of the commitment is on screen, wrapped in its column, not cut at 24 characters.
        assert words(carried.text) in words(cells[3])
        shown = shown_in(app, screen_text, "#review-table")
        assert "2x" in shown
        text_column = [str(table.get_row_at(i)[3]) for i in range(table.row_count)]
        assert max(len(line) for cell in text_column for line in cell.split("\n")) <= table.columns[table.ordered_columns[3].key].width
        assert table.rows[table.ordered_rows[row].key].height == len(cells[3].split("\n"))
        for word in carried.text.split():
            assert word in shown, (word, shown)


async def test_delete_drops_the_highlighted_commitment_and_x_goes_to_the_close(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=SMALL) as pilot:
        live = await start_meeting(pilot)
        await to_kind(pilot, live, ItemKind.ACCOUNTABILITY)
        table = live.query_one("#review-table", ReviewTable)
        assert app.focused is table
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        await pilot.press("delete")
        await pilot.pause()
        assert live.live.review_outcome(key.partition(":")[2]) == "dropped"
        footer = screen_text(app).splitlines()[-1]
        assert "del Dropped" in footer and "x Dropped" not in footer, footer
        await pilot.press("x")
        await pilot.pause()
        assert live.live.item.kind == ItemKind.CLOSE


async def test_under_80x24_a_message_says_how_big_the_window_must_be(sample_store, fixed_clock, screen_text):
    app = MastermindApp(sample_store, clock=fixed_clock)
    async with app.run_test(size=(60, 20)) as pilot:
        live = await start_meeting(pilot)
        await pilot.pause()
        assert "Make the window at least 80x24 (now 60x20)" in screen_text(app)
        # Keys still work under it.
        await pilot.press("n")
        await pilot.pause()
        assert live.live.meeting.current == 1
        await pilot.resize_terminal(100, 22)
        await pilot.pause()
        assert "Make the window at least 80x24 (now 100x22)" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = screen_text(app)
        assert "Make the window" not in text and "Accountability" in text
