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
from insights.suppress import (
    COMPLEMENT,
    HIDDEN,
    THRESHOLD,
    Constraint,
    Protected,
    adds_up,
    mean_of,
    protect,
    same_sum,
    shown,
    small,
)
from pacing import Routine
from stretch_content import Content

ESCAPED = html.escape(HIDDEN)
ENDS = (End.FINISHED, *GAVE_UP, *SAFETY_ENDS, End.IN_PROGRESS)
ANSWERS = (Answer.YES, Answer.NO, Answer.UNANSWERED)


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


def cell(p: Protected, key: str) -> str:
    return f'<td data-key="{html.escape(key)}">{html.escape(p.text(key))}</td>'


def pct(p: Protected, part: str, whole: str, key: str) -> str:
    return f'<td data-key="{html.escape(key)}">{html.escape(p.share(part, whole))}</td>'


def bold(p: Protected, key: str, shown_as: str | None = None) -> str:
    return f"<b data-key='{html.escape(key)}'>{html.escape(p.text(key) if shown_as is None else shown_as)}</b>"


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


# -- every count the report shows, and how they are linked ----------------------------------------


def end_key(stretch: str, end: End) -> str:
    return f"ends.{stretch}.{end.value.replace(' ', '_')}"


def weeks_in(counts: Counts) -> list[str]:
    return sorted({w for w, _ in counts.conversations_by_week})


def figures(counts: Counts, out: Outcomes | None, content: Content) -> tuple[dict[str, int], list[Constraint]]:
    """Every count the report shows (in a table or as a bar), by its ``data-key``, and what links them:
    each row or column of parts with its total, two breakdowns of one count, what a shown mean says.
    ``insights.suppress.protect`` decides from these what is hidden."""
    values: dict[str, int] = {}
    links: list[Constraint] = []

    channels, weeks = channels_in(counts), weeks_in(counts)
    for c in channels:
        for w in weeks:
            values[f"week.{w}.conversations.{c}"] = counts.conversations_by_week[w, c]
            values[f"week.{w}.sessions.{c}"] = counts.sessions_by_week[w, c]
        values[f"conversations.{c}"] = counts.conversations[c]
        values[f"sessions.{c}"] = sum(counts.sessions_by_week[w, c] for w in weeks)
        links.append(adds_up(f"conversations.{c}", [f"week.{w}.conversations.{c}" for w in weeks]))
        links.append(adds_up(f"sessions.{c}", [f"week.{w}.sessions.{c}" for w in weeks]))
    values["conversations.total"] = counts.total_conversations
    links.append(adds_up("conversations.total", [f"conversations.{c}" for c in channels]))
    values["turns.total"] = counts.total_turns

    for stretch in content.stretches:
        s = stretch.id
        values[f"started.{s}"] = counts.started[s]
        for e in ENDS:
            values[end_key(s, e)] = counts.ends[s, e]
        links.append(adds_up(f"started.{s}", [end_key(s, e) for e in ENDS]))
        steps = range(Routine(stretch).total)
        for group, ends in (("gave_up", GAVE_UP), ("safety", SAFETY_ENDS)):
            values[f"{group}.{s}"] = sum(counts.ends[s, e] for e in ends)
            links.append(adds_up(f"{group}.{s}", [end_key(s, e) for e in ends]))
            for i in steps:
                values[f"stop.{s}.{i + 1}.{group}"] = sum(counts.ended_at[s, i, e] for e in ends)
            links.append(adds_up(f"{group}.{s}", [f"stop.{s}.{i + 1}.{group}" for i in steps]))

    values["screens.asked"] = counts.screens_asked
    values["red_flag.asked"] = counts.red_flag_asked
    for a in ANSWERS:
        values[f"screens.{a.name.lower()}"] = counts.screens[a]
        values[f"red_flag.{a.name.lower()}"] = counts.red_flag_questions[a]
    links.append(adds_up("screens.asked", [f"screens.{a.name.lower()}" for a in ANSWERS]))
    links.append(adds_up("red_flag.asked", [f"red_flag.{a.name.lower()}" for a in ANSWERS]))
    kinds = emergency_kinds(counts)
    for k in kinds:
        values[f"emergency.{k}"] = counts.emergencies[k]
    for source in counts.emergency_sources:
        values[f"emergency_source.{source}"] = counts.emergency_sources[source]
    values["emergency_source.none"] = 0
    values["emergency.total"] = sum(counts.emergency_sources.values())
    links.append(adds_up("emergency.total", [f"emergency_source.{s}" for s in counts.emergency_sources]))
    links.append(adds_up("emergency.total", [f"emergency.{k}" for k in kinds]))  # when each advice is one kind
    for s, n in counts.pain_stops.items():
        values[f"pain_stops.{s}"] = n
    values["pain_stops.total"] = sum(counts.pain_stops.values())
    links.append(adds_up("pain_stops.total", [f"pain_stops.{s}" for s in counts.pain_stops]))
    for stretch in content.stretches:  # a pain stop is a run ended in pain (when the run started in the period)
        if stretch.id in counts.pain_stops:
            links.append(adds_up(end_key(stretch.id, End.PAIN), [f"pain_stops.{stretch.id}"]))

    for action in counts.fallback_actions:
        values[f"fallback.{action}"] = counts.fallback_actions[action]
        behind = [f"fallback_intent.{x}.{intent}" for x, intent in counts.fallback_intents if x == action]
        links.append(adds_up(f"fallback.{action}", behind))
    for (action, intent), n in counts.fallback_intents.items():
        values[f"fallback_intent.{action}.{intent}"] = n
    for k in FALLBACK_KINDS:
        values[f"fallback_kind.{k}"] = counts.fallback_kinds[k]
    links.append(
        same_sum([f"fallback.{a}" for a in counts.fallback_actions], [f"fallback_kind.{k}" for k in FALLBACK_KINDS])
    )
    for intent, n in counts.not_understood.items():
        values[f"not_understood.{intent}"] = n
    links.append(adds_up("fallback_kind.not_understood", [f"not_understood.{x}" for x in counts.not_understood]))
    for key in ("fallback.none", "fallback_kind.none", "fallback_intent.none", "not_understood.none"):
        values[key] = 0

    if out is not None:
        values["outcomes.before"] = out.checkins["before"]
        values["outcomes.after"] = out.checkins["after"]
        values["outcomes.people"] = out.people
        values["outcomes.paired"] = out.paired
        values["outcomes.sessions_improved"] = out.sessions_improved
        values["outcomes.followed"] = out.followed
        values["outcomes.followed_improved"] = out.followed_improved
        for n in (1, 2, outcomes.HABIT):
            values[f"outcomes.weeks_with.{n}"] = out.person_weeks[n]
        for phase, position, mean in (("before", 0, out.mean_before), ("after", 1, out.mean_after)):
            scores = [0] * 11
            for pair in out.pairs:
                scores[pair[position]] += 1
            keys = [f"outcomes.{phase}_score.{score}" for score in range(11)]
            values.update(zip(keys, scores, strict=True))
            links.append(adds_up("outcomes.paired", keys))
            if mean is not None:
                links.append(
                    mean_of(
                        f"outcomes.mean_{phase}", dict(zip(keys, range(11), strict=True)), out.paired, round(mean, 1)
                    )
                )
    return values, links


def emergency_kinds(counts: Counts) -> list[str]:
    return [k for k in EMERGENCY_KINDS if counts.emergencies[k] or k != "other"]


# -- sections ------------------------------------------------------------------------------------


def usage(counts: Counts, p: Protected) -> str:
    channels, weeks = channels_in(counts), weeks_in(counts)
    rows = [
        [label(f"week of {w}")]
        + [cell(p, f"week.{w}.conversations.{c}") for c in channels]
        + [cell(p, f"week.{w}.sessions.{c}") for c in channels]
        for w in weeks
    ]
    rows.append(
        [label("whole period")]
        + [cell(p, f"conversations.{c}") for c in channels]
        + [cell(p, f"sessions.{c}") for c in channels]
    )
    headers = ["", *(f"conversations: {c}" for c in channels), *(f"sessions: {c}" for c in channels)]
    conv_plot = plots.bar_chart(
        "Conversations per week, by channel",
        weeks,
        {c: [p.bar(f"week.{w}.conversations.{c}") for w in weeks] for c in channels},
        ylabel="conversations",
    )
    sess_plot = plots.bar_chart(
        "Sessions per week, by channel",
        weeks,
        {c: [p.bar(f"week.{w}.sessions.{c}") for w in weeks] for c in channels},
        ylabel="sessions",
    )
    total = (
        f"<p>Conversations in the period: {bold(p, 'conversations.total')}; "
        f"messages from people: {bold(p, 'turns.total')}.</p>"
    )
    return (
        "<h2 id=usage>Who uses it, on which channel</h2>"
        + total
        + table(headers, rows)
        + image(conv_plot, "Bar chart: conversations per week by channel")
        + image(sess_plot, "Bar chart: sessions per week by channel")
    )


def stretches(counts: Counts, content: Content, p: Protected) -> str:
    rows = [
        [label(stretch.name), cell(p, f"started.{stretch.id}")] + [cell(p, end_key(stretch.id, e)) for e in ENDS]
        for stretch in content.stretches
    ]
    names = [s.name for s in content.stretches]
    funnel = plots.bar_chart(
        "Per stretch: started, finished, gave up, stopped for safety",
        names,
        {
            "started": [p.bar(f"started.{s.id}") for s in content.stretches],
            "finished": [p.bar(end_key(s.id, End.FINISHED)) for s in content.stretches],
            "gave up": [p.bar(f"gave_up.{s.id}") for s in content.stretches],
            "pain or emergency": [p.bar(f"safety.{s.id}") for s in content.stretches],
        },
        horizontal=True,
        ylabel="runs of the stretch",
    )
    parts = [
        "<h2 id=stretches>Which stretches people finish, and where they stop</h2>",
        table(["stretch", "started", *(e.value for e in ENDS)], rows),
        image(funnel, "Bar chart per stretch: started, finished, gave up, stopped for pain or an emergency"),
    ]
    for stretch in content.stretches:
        routine = Routine(stretch)
        steps = list(range(routine.total))
        ended = [
            i
            for i in steps
            if p.values[f"stop.{stretch.id}.{i + 1}.gave_up"] or p.values[f"stop.{stretch.id}.{i + 1}.safety"]
        ]
        if not ended:
            continue
        labels = [f"{i + 1}" for i in steps]
        parts.append(
            image(
                plots.bar_chart(
                    f"{stretch.name}: the turn of the routine where runs ended without finishing (of {routine.total})",
                    labels,
                    {
                        "gave up": [p.bar(f"stop.{stretch.id}.{i + 1}.gave_up") for i in steps],
                        "pain or emergency": [p.bar(f"stop.{stretch.id}.{i + 1}.safety") for i in steps],
                    },
                    ylabel="runs",
                ),
                f"Bar chart: where runs of the {stretch.name} ended, by turn of the routine",
            )
        )
        stops = [
            [
                label(f"turn {i + 1}: {step_name(routine, i)}"),
                cell(p, f"stop.{stretch.id}.{i + 1}.gave_up"),
                cell(p, f"stop.{stretch.id}.{i + 1}.safety"),
            ]
            for i in ended
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


def safety(counts: Counts, p: Protected) -> str:
    rows = [
        [label("screen before exercise"), cell(p, "screens.asked")]
        + [cell(p, f"screens.{a.name.lower()}") for a in ANSWERS],
        [label("red-flag question (triage)"), cell(p, "red_flag.asked")]
        + [cell(p, f"red_flag.{a.name.lower()}") for a in ANSWERS],
    ]
    emergency_rows = [[label(EMERGENCY_KINDS[k]), cell(p, f"emergency.{k}")] for k in emergency_kinds(counts)]
    source_rows = [[label(s), cell(p, f"emergency_source.{s}")] for s in sorted(counts.emergency_sources)]
    pain_rows = [[label(s), cell(p, f"pain_stops.{s}")] for s in sorted(counts.pain_stops)]
    pain_rows.append([label("all stretches"), cell(p, "pain_stops.total")])
    plot = plots.bar_chart(
        "Safety: questions asked and answered, emergencies, pain stops",
        ["screen: yes", "screen: no", "red-flag q.: yes", "red-flag q.: no", "emergency advice", "pain stops"],
        {
            "count": [
                p.bar("screens.yes"),
                p.bar("screens.no"),
                p.bar("red_flag.yes"),
                p.bar("red_flag.no"),
                p.bar("emergency.total"),
                p.bar("pain_stops.total"),
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
        + table(["source", "times"], source_rows or [[label("none"), cell(p, "emergency_source.none")]])
        + "<h3>Routines stopped because something hurt</h3>"
        + table(["stretch", "pain stops"], pain_rows)
        + image(plot, "Bar chart: safety questions answered yes and no, emergency advice, pain stops")
    )


def understanding(counts: Counts, p: Protected) -> str:
    rows = [
        [label(a), cell(p, f"fallback.{a}"), pct(p, f"fallback.{a}", "turns.total", f"fallback_share.{a}")]
        for a in sorted(counts.fallback_actions)
    ]
    kinds = [k for k in FALLBACK_KINDS if counts.fallback_kinds[k]]
    kind_rows = [
        [
            label(FALLBACK_KINDS[k]),
            cell(p, f"fallback_kind.{k}"),
            pct(p, f"fallback_kind.{k}", "turns.total", f"fallback_kind_share.{k}"),
        ]
        for k in kinds
    ]
    intents = sorted(counts.fallback_intents.items(), key=lambda item: (-item[1], item[0]))
    intent_rows = [[label(f"{a}: {i or '(none)'}"), cell(p, f"fallback_intent.{a}.{i}")] for (a, i), _ in intents]
    nu_rows = [
        [label(i or "(none)"), cell(p, f"not_understood.{i}")]
        for i, _ in sorted(counts.not_understood.items(), key=lambda item: (-item[1], item[0]))
    ]
    plot = plots.bar_chart(
        "Messages answered by a fallback, by what it said (share of all messages)",
        [FALLBACK_KINDS[k] for k in kinds],
        {"messages": [p.bar(f"fallback_kind.{k}") for k in kinds]},
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
                ["message", "times"],
                [
                    [f"<td>{html.escape(t)}</td>", f"<td data-key='not_understood_text'>{html.escape(shown(n))}</td>"]
                    for t, n in top
                ],
            )
        )
    return (
        "<h2 id=understanding>What it did not understand</h2>"
        + f"<p>Of {bold(p, 'turns.total2', p.text('turns.total'))} messages, answered by a fallback action:</p>"
        + table(
            ["action", "messages", "share of all messages"],
            rows or [[label("none"), cell(p, "fallback.none"), "<td>–</td>"]],
        )
        + "<h3>What the fallback said</h3>"
        + table(
            ["kind", "messages", "share"], kind_rows or [[label("none"), cell(p, "fallback_kind.none"), "<td>–</td>"]]
        )
        + "<h3>The intents behind them</h3>"
        + table(["action: intent", "messages"], intent_rows or [[label("none"), cell(p, "fallback_intent.none")]])
        + "<h3>Not understood, by intent</h3><p>Counts only: the messages themselves are shown only when the report "
        "is made with INCLUDE_TEXT=1 by someone allowed to read the store.</p>"
        + table(["intent", "messages"], nu_rows or [[label("none"), cell(p, "not_understood.none")]])
        + image(plot, "Bar chart: fallback answers by kind")
        + texts
    )


def results(out: Outcomes | None, p: Protected) -> str:
    head = "<h2 id=outcomes>Outcomes: pain before and after, over weeks, the habit</h2>"
    if out is None:
        return head + "<p data-key='outcomes.none'>No check-ins: this store has no check-in table yet.</p>"

    def mean(phase: str, value: float | None) -> str:
        key = f"outcomes.mean_{phase}"
        if value is None:
            text = "–"
        elif p.hidden("outcomes.paired"):
            text = p.text("outcomes.paired")
        elif p.statistic_hidden(key):
            text = COMPLEMENT
        else:
            text = f"{value:.1f}"
        return f"<b data-key='{key}'>{html.escape(text)}</b>"

    means = (
        f"<p>Mean pain (0-10) in sessions with both check-ins: before {mean('before', out.mean_before)}, "
        f"after {mean('after', out.mean_after)}.</p>"
    )
    rows = [
        [label("check-ins before a session"), cell(p, "outcomes.before")],
        [label("check-ins after a session"), cell(p, "outcomes.after")],
        [label("people who checked in"), cell(p, "outcomes.people")],
        [label("sessions with both"), cell(p, "outcomes.paired")],
        [label("of those, 2 points or 30% better after"), cell(p, "outcomes.sessions_improved")],
        [label(f"people with {outcomes.MIN_SESSIONS}+ sessions"), cell(p, "outcomes.followed")],
        [label("of those, 2 points or 30% better (first vs last 'before')"), cell(p, "outcomes.followed_improved")],
    ]
    share = (
        "<p>Share of sessions better after: <b data-key='outcomes.sessions_improved_share'>"
        f"{html.escape(p.share('outcomes.sessions_improved', 'outcomes.paired'))}</b>; share of people followed who "
        "improved: <b data-key='outcomes.followed_improved_share'>"
        f"{html.escape(p.share('outcomes.followed_improved', 'outcomes.followed'))}</b>.</p>"
    )
    pair_plot = plots.bar_chart(
        "Pain scores in sessions with both check-ins",
        [str(s) for s in range(11)],
        {phase: [p.bar(f"outcomes.{phase}_score.{s}") for s in range(11)] for phase in ("before", "after")},
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
    habit_keys = [f"outcomes.weeks_with.{n}" for n in (1, 2, outcomes.HABIT)]
    habit = plots.bar_chart(
        f"Sessions per person per week (the habit is {outcomes.HABIT} a week)",
        habit_labels,
        {"person-weeks": [p.bar(k) for k in habit_keys]},
        ylabel="person-weeks",
    )
    habit_rows = [[label(f"{h} a week"), cell(p, k)] for h, k in zip(habit_labels, habit_keys, strict=True)]
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
        "(a bar is not drawn), and so is any share or mean made from such a count. 0 is shown. Wherever counts are "
        "shown with their total (a row, a column, two breakdowns of one count, a mean and the scores it was made "
        f'from), a count that could be worked out from the others is hidden too, shown as "{COMPLEMENT}" '
        "(complementary suppression): the smallest other count, else the total, else the mean; in a row whose "
        f'counts are all "{ESCAPED}", its 0s are "{ESCAPED}" too. So no hidden count can be worked out by '
        "subtraction.</p>"
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
    p = protect(*figures(counts, out, content))
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
        f'<p>{period}. Counts below {THRESHOLD} are shown as "{ESCAPED}"; "{COMPLEMENT}" is a count hidden so that '
        f'a "{ESCAPED}" cannot be worked out from a total.</p><nav>{nav}</nav>'
        + usage(counts, p)
        + stretches(counts, content, p)
        + safety(counts, p)
        + understanding(counts, p)
        + results(out, p)
        + method(counts, about)
        + "</body></html>"
    )
