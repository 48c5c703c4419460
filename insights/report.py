"""The report: one self-contained HTML file (styles and PNG plots inline, no link to anything outside).

Every count passes through ``insights.suppress`` here, in the tables and in the plots alike. Each shown
number carries a ``data-key`` attribute (``conversations.rest``, ``ends.cat_cow.finished`` …) so it can
be read back by a program (the tests do).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from insights import conversations, outcomes, plots
from insights.counts import CHANNELS, GAVE_UP, OTHER_CHANNEL, SAFETY_ENDS, Answer, Counts, End
from insights.outcomes import Outcomes
from insights.replies import EMERGENCY_KINDS, FALLBACK_KINDS
from insights.suppress import HIDDEN, THRESHOLD, shown, small
from insights.suppress import share as share_of
from pacing import Routine
from stretch_content import Content

ESCAPED = html.escape(HIDDEN)


@dataclass(frozen=True)
class About:
    """What the report was made from: for its "how this was computed" section."""

    store: str
    generated: float
    checkins_table: bool
    include_text: bool
    seconds: float


def day(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def cell(value: int, key: str) -> str:
    return f'<td data-key="{html.escape(key)}">{html.escape(shown(value))}</td>'


def pct(part: int, whole: int, key: str) -> str:
    return f'<td data-key="{html.escape(key)}">{html.escape(share_of(part, whole))}</td>'


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def label(text: str) -> str:
    return f"<th scope=row>{html.escape(text)}</th>"


def image(uri: str, alt: str) -> str:
    return f'<figure><img src="{uri}" alt="{html.escape(alt)}"></figure>'


def channels_in(counts: Counts) -> list[str]:
    present = {c for _, c in counts.conversations_by_week} | set(counts.conversations)
    return [c for c in (*CHANNELS, OTHER_CHANNEL) if c in present or c in CHANNELS]


# -- sections ------------------------------------------------------------------------------------


def usage(counts: Counts) -> str:
    channels = channels_in(counts)
    weeks = sorted({w for w, _ in counts.conversations_by_week})
    rows = [
        [label(f"week of {w}")]
        + [cell(counts.conversations_by_week[w, c], f"week.{w}.conversations.{c}") for c in channels]
        + [cell(counts.sessions_by_week[w, c], f"week.{w}.sessions.{c}") for c in channels]
        for w in weeks
    ]
    rows.append(
        [label("whole period")]
        + [cell(counts.conversations[c], f"conversations.{c}") for c in channels]
        + [cell(sum(counts.sessions_by_week[w, c] for w in weeks), f"sessions.{c}") for c in channels]
    )
    headers = ["", *(f"conversations: {c}" for c in channels), *(f"sessions: {c}" for c in channels)]
    conv_plot = plots.bar_chart(
        "Conversations per week, by channel",
        weeks,
        {c: [counts.conversations_by_week[w, c] for w in weeks] for c in channels},
        ylabel="conversations",
    )
    sess_plot = plots.bar_chart(
        "Sessions per week, by channel",
        weeks,
        {c: [counts.sessions_by_week[w, c] for w in weeks] for c in channels},
        ylabel="sessions",
    )
    total = (
        "<p>Conversations in the period: "
        f"<b data-key='conversations.total'>{html.escape(shown(counts.total_conversations))}</b>; "
        f"messages from people: <b data-key='turns.total'>{html.escape(shown(counts.total_turns))}</b>.</p>"
    )
    return (
        "<h2 id=usage>Who uses it, on which channel</h2>"
        + total
        + table(headers, rows)
        + image(conv_plot, "Bar chart: conversations per week by channel")
        + image(sess_plot, "Bar chart: sessions per week by channel")
    )


def stretches(counts: Counts, content: Content) -> str:
    rows = []
    ends = [End.FINISHED, *GAVE_UP, *SAFETY_ENDS, End.IN_PROGRESS]
    for stretch in content.stretches:
        rows.append(
            [label(stretch.name), cell(counts.started[stretch.id], f"started.{stretch.id}")]
            + [cell(counts.ends[stretch.id, e], f"ends.{stretch.id}.{e.value.replace(' ', '_')}") for e in ends]
        )
    names = [s.name for s in content.stretches]
    funnel = plots.bar_chart(
        "Per stretch: started, finished, gave up, stopped for safety",
        names,
        {
            "started": [counts.started[s.id] for s in content.stretches],
            "finished": [counts.ends[s.id, End.FINISHED] for s in content.stretches],
            "gave up": [sum(counts.ends[s.id, e] for e in GAVE_UP) for s in content.stretches],
            "pain or emergency": [sum(counts.ends[s.id, e] for e in SAFETY_ENDS) for s in content.stretches],
        },
        horizontal=True,
        ylabel="runs of the stretch",
    )
    parts = [
        "<h2 id=stretches>Which stretches people finish, and where they stop</h2>",
        table(["stretch", "started", *(e.value for e in ends)], rows),
        image(funnel, "Bar chart per stretch: started, finished, gave up, stopped for pain or an emergency"),
    ]
    for stretch in content.stretches:
        routine = Routine(stretch)
        steps = list(range(routine.total))
        gave_up = [sum(counts.ended_at[stretch.id, i, e] for e in GAVE_UP) for i in steps]
        safety = [sum(counts.ended_at[stretch.id, i, e] for e in SAFETY_ENDS) for i in steps]
        if not any(gave_up) and not any(safety):
            continue
        labels = [f"{i + 1}" for i in steps]
        parts.append(
            image(
                plots.bar_chart(
                    f"{stretch.name}: the turn of the routine where runs ended without finishing (of {routine.total})",
                    labels,
                    {"gave up": gave_up, "pain or emergency": safety},
                    ylabel="runs",
                ),
                f"Bar chart: where runs of the {stretch.name} ended, by turn of the routine",
            )
        )
        stops = [
            [
                label(f"turn {i + 1}: {step_name(routine, i)}"),
                cell(gave_up[i], f"stop.{stretch.id}.{i + 1}.gave_up"),
                cell(safety[i], f"stop.{stretch.id}.{i + 1}.safety"),
            ]
            for i in steps
            if gave_up[i] or safety[i]
        ]
        parts.append(
            f"<h3>{html.escape(stretch.name)}: where runs ended</h3>"
            + table(["turn", "gave up", "pain or emergency"], stops)
        )
    return "".join(parts)


def step_name(routine: Routine, index: int) -> str:
    moment = routine.at(index)
    where = [f"step {moment.written}"]
    if moment.side:
        where.append(f"{moment.side} side")
    if moment.round:
        where.append(f"round {moment.round}")
    return ", ".join(where)


def safety(counts: Counts) -> str:
    answers = [Answer.YES, Answer.NO, Answer.UNANSWERED]
    rows = [
        [label("screen before exercise"), cell(counts.screens_asked, "screens.asked")]
        + [cell(counts.screens[a], f"screens.{a.name.lower()}") for a in answers],
        [label("red-flag question (triage)"), cell(counts.red_flag_asked, "red_flag.asked")]
        + [cell(counts.red_flag_questions[a], f"red_flag.{a.name.lower()}") for a in answers],
    ]
    kinds = [k for k in EMERGENCY_KINDS if counts.emergencies[k] or k != "other"]
    emergency_rows = [[label(EMERGENCY_KINDS[k]), cell(counts.emergencies[k], f"emergency.{k}")] for k in kinds]
    sources = sorted(counts.emergency_sources)
    source_rows = [[label(s), cell(counts.emergency_sources[s], f"emergency_source.{s}")] for s in sources]
    pain_rows = [[label(s), cell(n, f"pain_stops.{s}")] for s, n in sorted(counts.pain_stops.items())]
    pain_rows.append([label("all stretches"), cell(sum(counts.pain_stops.values()), "pain_stops.total")])
    plot = plots.bar_chart(
        "Safety: questions asked and answered, emergencies, pain stops",
        ["screen: yes", "screen: no", "red-flag q.: yes", "red-flag q.: no", "emergency advice", "pain stops"],
        {
            "count": [
                counts.screens[Answer.YES],
                counts.screens[Answer.NO],
                counts.red_flag_questions[Answer.YES],
                counts.red_flag_questions[Answer.NO],
                sum(counts.emergency_sources.values()),
                sum(counts.pain_stops.values()),
            ]
        },
        horizontal=True,
    )
    return (
        "<h2 id=safety>Safety</h2>"
        + table(["question", "asked", "answered yes", "answered no", "no clear answer"], rows)
        + "<h3>Emergency advice, by kind</h3>"
        + table(["kind", "times given"], emergency_rows)
        + "<h3>What led to it</h3>"
        + table(["source", "times"], source_rows or [[label("none"), cell(0, "emergency_source.none")]])
        + "<h3>Routines stopped because something hurt</h3>"
        + table(["stretch", "pain stops"], pain_rows)
        + image(plot, "Bar chart: safety questions answered yes and no, emergency advice, pain stops")
    )


def understanding(counts: Counts) -> str:
    total = counts.total_turns
    actions = sorted(counts.fallback_actions)
    rows = [
        [
            label(a),
            cell(counts.fallback_actions[a], f"fallback.{a}"),
            pct(counts.fallback_actions[a], total, f"fallback_share.{a}"),
        ]
        for a in actions
    ]
    kinds = [k for k in FALLBACK_KINDS if counts.fallback_kinds[k]]
    kind_rows = [
        [
            label(FALLBACK_KINDS[k]),
            cell(counts.fallback_kinds[k], f"fallback_kind.{k}"),
            pct(counts.fallback_kinds[k], total, f"fallback_kind_share.{k}"),
        ]
        for k in kinds
    ]
    intents = sorted(counts.fallback_intents.items(), key=lambda item: (-item[1], item[0]))
    intent_rows = [[label(f"{a}: {i or '(none)'}"), cell(n, f"fallback_intent.{a}.{i}")] for (a, i), n in intents]
    nu_rows = [
        [label(i or "(none)"), cell(n, f"not_understood.{i}")]
        for i, n in sorted(counts.not_understood.items(), key=lambda item: (-item[1], item[0]))
    ]
    plot = plots.bar_chart(
        "Messages answered by a fallback, by what it said (share of all messages)",
        [FALLBACK_KINDS[k] for k in kinds],
        {"messages": [counts.fallback_kinds[k] for k in kinds]},
        horizontal=True,
        ylabel="messages",
    )
    texts = ""
    if counts.not_understood_texts:
        top = counts.not_understood_texts.most_common(20)
        texts = (
            "<h3>Most common messages not understood (INCLUDE_TEXT=1)</h3><p class=warn>These are people's own words: "
            "this page now holds health information; keep it as the store is kept.</p>"
            + table(
                ["message", "times"], [[f"<td>{html.escape(t)}</td>", cell(n, "not_understood_text")] for t, n in top]
            )
        )
    return (
        "<h2 id=understanding>What it did not understand</h2>"
        + f"<p>Of <b data-key='turns.total2'>{html.escape(shown(total))}</b> messages, "
        "answered by a fallback action:</p>"
        + table(
            ["action", "messages", "share of all messages"],
            rows or [[label("none"), cell(0, "fallback.none"), "<td>–</td>"]],
        )
        + "<h3>What the fallback said</h3>"
        + table(
            ["kind", "messages", "share"], kind_rows or [[label("none"), cell(0, "fallback_kind.none"), "<td>–</td>"]]
        )
        + "<h3>The intents behind them</h3>"
        + table(["action: intent", "messages"], intent_rows or [[label("none"), cell(0, "fallback_intent.none")]])
        + "<h3>Not understood, by intent</h3><p>Counts only: the messages themselves are shown only when the report "
        "is made with INCLUDE_TEXT=1 by someone allowed to read the store.</p>"
        + table(["intent", "messages"], nu_rows or [[label("none"), cell(0, "not_understood.none")]])
        + image(plot, "Bar chart: fallback answers by kind")
        + texts
    )


def results(out: Outcomes | None) -> str:
    head = "<h2 id=outcomes>Outcomes: pain before and after, over weeks, the habit</h2>"
    if out is None:
        return head + "<p data-key='outcomes.none'>No check-ins: this store has no check-in table yet.</p>"
    mean_b = out.mean_before
    mean_a = out.mean_after
    hidden = small(out.paired) or mean_b is None or mean_a is None
    means = (
        f"<p>Mean pain (0-10) in sessions with both check-ins: before <b data-key='outcomes.mean_before'>"
        f"{ESCAPED if hidden else f'{mean_b:.1f}'}</b>, after <b data-key='outcomes.mean_after'>"
        f"{ESCAPED if hidden else f'{mean_a:.1f}'}</b>.</p>"
    )
    rows = [
        [label("check-ins before a session"), cell(out.checkins["before"], "outcomes.before")],
        [label("check-ins after a session"), cell(out.checkins["after"], "outcomes.after")],
        [label("people who checked in"), cell(out.people, "outcomes.people")],
        [label("sessions with both"), cell(out.paired, "outcomes.paired")],
        [label("of those, 2 points or 30% better after"), cell(out.sessions_improved, "outcomes.sessions_improved")],
        [label(f"people with {outcomes.MIN_SESSIONS}+ sessions"), cell(out.followed, "outcomes.followed")],
        [
            label("of those, 2 points or 30% better (first vs last 'before')"),
            cell(out.followed_improved, "outcomes.followed_improved"),
        ],
    ]
    share = (
        "<p>Share of sessions better after: <b data-key='outcomes.sessions_improved_share'>"
        f"{html.escape(share_of(out.sessions_improved, out.paired))}</b>; share of people followed who improved: "
        "<b data-key='outcomes.followed_improved_share'>"
        f"{html.escape(share_of(out.followed_improved, out.followed))}</b>.</p>"
    )
    before_after = [0] * 11, [0] * 11
    for b, a in out.pairs:
        before_after[0][b] += 1
        before_after[1][a] += 1
    pair_plot = plots.bar_chart(
        "Pain scores in sessions with both check-ins",
        [str(s) for s in range(11)],
        {"before": before_after[0], "after": before_after[1]},
        ylabel="sessions",
    )
    weeks = sorted(w for w, people in out.weekly.items() if not small(len(people)) and people)
    week_plot = plots.line_chart(
        f"Mean pain before a session, by week since the first\n(people with {outcomes.MIN_SESSIONS}+ sessions, "
        "weeks with 5+ people)",
        weeks,
        [sum(out.weekly[w]) / len(out.weekly[w]) for w in weeks],
        xlabel="week since the person's first session",
        ylabel="mean pain (0-10)",
        ylim=(0, 10),
    )
    habit_labels = ["1", "2", f"{outcomes.HABIT}+"]
    habit = plots.bar_chart(
        f"Sessions per person per week (the habit is {outcomes.HABIT} a week)",
        habit_labels,
        {"person-weeks": [out.person_weeks[1], out.person_weeks[2], out.person_weeks[outcomes.HABIT]]},
        ylabel="person-weeks",
    )
    habit_rows = [
        [label(f"{h} a week"), cell(out.person_weeks[n], f"outcomes.weeks_with.{n}")]
        for h, n in zip(habit_labels, (1, 2, 3), strict=True)
    ]
    return (
        head
        + table(["", "count"], rows)
        + means
        + share
        + image(pair_plot, "Bar chart: pain scores before and after sessions")
        + image(week_plot, "Line chart: mean pain before a session by week")
        + "<h3>The habit</h3>"
        + table(["sessions in a person's week", "person-weeks"], habit_rows)
        + image(habit, "Bar chart: sessions per person per week")
    )


def method(counts: Counts, about: About) -> str:
    rules = html.escape(conversations.__doc__ or "").split("\n\n")
    how = "".join(f"<p>{p.strip()}</p>" for p in rules if p.strip())
    return (
        "<h2 id=method>How this was computed, for what period</h2>"
        f"<p>Period: <b data-key='period.from'>{day(counts.start)}</b> to "
        f"<b data-key='period.to'>{day(counts.end)}</b> "
        f"(UTC; weeks start on Monday). Made {day(about.generated)} from <code>{html.escape(about.store)}</code>, "
        f"{counts.events_read:,} events read in one read-only transaction in {about.seconds:.1f} s. "
        f"Check-ins: {'the table progress_checkins' if about.checkins_table else 'none (no progress_checkins table)'}; "
        "a check-in whose conversation has been erased is not counted.</p>"
        f'<p><b>Suppression:</b> every count from 1 to {THRESHOLD - 1} is shown as "{ESCAPED}", in tables and plots '
        "(a bar is not drawn), and so is any share or mean made from such a count. 0 is shown. A total next to a "
        "single suppressed count can still narrow it down; read the report as what it is: for the clinic's staff.</p>"
        f"<p><b>Message text:</b> {'included (INCLUDE_TEXT=1)' if about.include_text else 'none: counts only'}.</p>"
        + how
        + "<p>Improvement is at least 2 points or at least 30% lower on the 0-10 scale (Farrar et al., Pain 2001; "
        "IMMPACT, Dworkin et al., J Pain 2008).</p>"
    )


STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a202c}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #cbd5e0}table{border-collapse:collapse;margin:.6rem 0}
th,td{border:1px solid #cbd5e0;padding:.25rem .6rem;text-align:right}th[scope=row]{text-align:left;font-weight:normal}
thead th{background:#edf2f7}figure{margin:1rem 0}img{max-width:100%}.warn{color:#9b2c2c}code{font-size:.9em}
"""


def render(counts: Counts, out: Outcomes | None, content: Content, about: About) -> str:
    """The whole report as one HTML document."""
    title = f"{content.clinic.name} stretch coach: what the clinic learns"
    period = f"{day(counts.start)} to {day(counts.end)}"
    nav = " · ".join(
        f"<a href='#{a}'>{t}</a>"
        for a, t in [
            ("usage", "use"),
            ("stretches", "stretches"),
            ("safety", "safety"),
            ("understanding", "understanding"),
            ("outcomes", "outcomes"),
            ("method", "how computed"),
        ]
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>"
        f'<p>{period}. Counts below {THRESHOLD} are shown as "{ESCAPED}".</p><nav>{nav}</nav>'
        + usage(counts)
        + stretches(counts, content)
        + safety(counts)
        + understanding(counts)
        + results(out)
        + method(counts, about)
        + "</body></html>"
    )
