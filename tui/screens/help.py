"""The help screen (`?`): every key of every screen, and the quick-capture syntax."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

HELP = """\
# Mastermind keys

**Everywhere**: `?` this help, `ctrl+p` command palette (the actions of the screen you are on),
`ctrl+q` quit. Everything is saved as you go: quit or lose power at any moment and the meeting
resumes where it was.

## Home
`enter` start a meeting of the selected group, `r` resume an unfinished meeting,
`g` the group (purpose, members, history, health), `l` load the sample groups (empty data folder).

## Group (`g` from home)
`1`-`5` tabs (purpose, members, settings, history, health), `ctrl+s` save purpose and settings,
`R` purpose review, `escape` back. Purpose: `a` add goal, `e` edit, `x` remove. Members: `a` add,
`e` edit, `x` retire (or bring back), `l` ledger. History: `enter` the minutes again.
Review: `[`/`]` earlier/later period, `y` year, `q` quarter, `t` last 12 months, `c` copy.

## Setup
`tab` moves between fields. In the attendance table: `p` present, `l` late, `a` absent,
`s` substitute, `h` hot seat on/off (suggested: who has waited longest). In the agenda table:
`g` change the goal an item serves (or social glue). In the guests table: `c` came, or invited
and did not come (kept for group health, left out of the minutes), `delete` remove.
`ctrl+s` start the meeting.

## Live meeting
`space` pause or resume, `n` next item, `b` back, `k` skip, `+`/`-` five minutes more or less,
`]`/`[` next or previous speaker (in a hot seat: next phase), `shift+up`/`shift+down` move the
current item, `i` add an item, `g` goal of this item, `t` topic, `/` quick capture,
`C` commitment form, `A` ask form, `O` offer form, `D` decision, `N` note, `e` edit what was
captured, `x` go to the close item. At 80 columns the footer shows the keys the current item
needs most; all of the above always work.

**Undo**: `u` takes back the last action (a capture, a mark, a move, a change of the room), saved
before it shows; press again for the one before. The clock is the room's: undo never rewinds it.

**The room changes**: `r` opens the room: on the highlighted member `l` late (arrived now), `p`
present, `a` absent after all, `e` left early; `g` a guest walks in (and who invited them), `m` a
new member joins on the spot. `h` opens the hot seats not yet run: `enter` picks or swaps the
presenter of the highlighted seat (who waited longest is shown), `+` adds one, `delete` leaves it
without a presenter. A hot seat counts as held only once its presenter had the floor.

**Pasting** several lines into the capture line saves one record per line (one undo takes them
all back); a line that does not read waits in the line to be corrected, then the next.

**Close**: the cursor starts in the ratings field (`x 8 9 7 enter`). `tab`/`shift+tab` move
through the fields, `space` toggles a goal or a hot seat, `enter` saves a field, `esc` leaves a
field, `ctrl+e` ends the meeting: it asks once, listing what closing leaves behind (text typed
but not saved is saved first; commitments not reviewed; hot seats that did not get the floor).

**Purpose review**: `up`/`down` pick a point (a goal or one of the four questions), `N` note or
`D` decision under it; quick `n:`/`d:` lines go under it too.

**Accountability** (on the highlighted row): `d` done, `p` partial, `m` missed, `c` carried,
`delete` dropped, `o` clear; for asks: `t` matched, `i` introduced, `f` fulfilled, `delete`
dropped. `x` goes to the close here too, as everywhere.

## Quick capture
`c: Ana send the survey by Fri` a commitment (due dates: `by Fri`, `by 2026-12-01`, `by 1 Dec`,
`by tomorrow`, `in 2 weeks`, `next`; none means the next meeting) ·
`a: Ben intro to a hospital buyer` an ask · `o: Farah -> Ben Maria at St Luke's` an offer on Ben's
open ask · `d: ...` a decision · `n: ...` a note. Add `!` after the letter (`n!: ...`) to keep
it forum-only: kept, never in the minutes. Members by first name, full name or initials.

## Minutes
`c` copy (clipboard, and always saved to a file), `s` save .txt/.md/.eml/.ics, `e` email draft,
`f` text or Markdown, `m` per-member follow-ups.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help", id="close-help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(HELP)
        yield Footer()
