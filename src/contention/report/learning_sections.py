"""The report's learning section: estimates table, charts, sentences (each linking to its events),
per-source estimates, checks and a methods box; plus the citable tables written beside the report."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pandas as pd

from ..analyse import learn
from ..analyse.charts import before_after_chart, repertoire_chart
from ..analyse.landmarks import Landmark, known_landmarks
from ..analyse.sources import source_name
from ..link.episodes import build_episodes, episodes_frame

MIN_RESPONSES = 5  # fewer asserted responses than this in a country: no learning section for it
#: Without --country, at most this many countries (those with a known landmark and most responses).
MAX_DEFAULT_COUNTRIES = 6
TABLE_STEM = "learning-estimates"
MEASURE_LABELS = {"repression": "repression", "preemption": "preemption (surveillance)",
                  "accommodation": "accommodation", "rhetoric": "rhetoric",
                  "preemptive": "preemptive (any type flagged, and surveillance)",
                  "no_response": "no coded response", "any_repression": "any repression",
                  "any_accommodation": "any accommodation", "any_preemptive": "any preemptive response"}


def learning_sections(
    events: pd.DataFrame, *, n_boot: int = 1000, requests: list[tuple[str, Landmark]] | None = None,
    origin: str | tuple[str, ...] | None = None, window_years: float | None = None,
    results: list | None = None,  # type: ignore[type-arg]
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[tuple[str, str]]]:
    """(episodes table, event->episode map, [(heading, html)]) for the offline report.

    requests: (country, landmark) pairs to analyse (checked by ``analyse.request``); None:
        every country with a landmark in analyse/data/landmarks.toml and at least
        MIN_RESPONSES asserted responses (at most MAX_DEFAULT_COUNTRIES), at its default landmark.
    results: when a list, the LearningResult of each section is appended to it (for the tables).
    """
    if events.empty:
        return None, None, []
    episodes, mapping = build_episodes(events)
    ep = episodes_frame(episodes)
    sections = []
    for country, mark in (requests if requests is not None else default_requests(events)):
        result = learn(events, country=country, landmark=mark.date, landmark_name=mark.name, n_boot=n_boot,
                       origin=origin, window_years=window_years)
        if results is not None:
            results.append(result)
        title = f"What changed after {mark.name} ({country}, {mark.date})" if mark.name else \
            f"What changed after {mark.date} ({country})"
        sections.append((title, section_html(result)))
    return ep, mapping[["event_key", "episode_id"]] if not mapping.empty else None, sections


def default_requests(events: pd.DataFrame) -> list[tuple[str, Landmark]]:
    """Countries with a known landmark and enough asserted responses, most responses first."""
    known = known_landmarks()
    responses = events[(events["family"] != "protest") & (events["modality"].fillna("asserted") == "asserted")]
    counts = responses["country"].value_counts()
    chosen = [(str(c), known[str(c)][0]) for c, n in counts.items() if n >= MIN_RESPONSES and str(c) in known]
    return chosen[:MAX_DEFAULT_COUNTRIES]


def write_tables(results: list, out_dir: str | Path) -> list[Path]:  # type: ignore[type-arg]
    """Write every estimate of ``results`` to ``learning-estimates.csv`` and ``.json`` in ``out_dir``
    (the JSON also carries each analysis's methods box). RETURNS (list): the written paths."""
    if not results:
        return []
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    table = pd.concat([r.estimates_table() for r in results], ignore_index=True)
    csv_path, json_path = out / f"{TABLE_STEM}.csv", out / f"{TABLE_STEM}.json"
    table.to_csv(csv_path, index=False)
    payload = {"estimates": json.loads(table.to_json(orient="records")),
               "analyses": [{k: v for k, v in r.to_dict().items() if k in ("country", "landmark", "landmark_name",
                                                                         "origin", "window", "warnings", "methods")}
                            for r in results]}
    json_path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return [csv_path, json_path]


def section_html(result) -> str:  # type: ignore[no-untyped-def]
    """One analysis as HTML: warnings, estimates table, charts, sentences, sources, methods box."""
    parts = [f'<div class="learning-result" data-country="{escape(result.country)}" '
             f'data-landmark="{escape(result.landmark)}">']
    for w in result.warnings:
        parts.append(f'<p class="warning"><strong>{escape(w)}</strong></p>')
    parts.append(estimates_html(result))
    parts.append(f'<p class="muted">Download: <a href="{TABLE_STEM}.csv">{TABLE_STEM}.csv</a>, '
                 f'<a href="{TABLE_STEM}.json">{TABLE_STEM}.json</a> (every estimate with its interval).</p>')
    parts += [before_after_chart(result.before_after, landmark=result.landmark),
              repertoire_chart(result.shares_by_year), '<ul class="learning-sentences">']
    for s in result.sentence_list():
        if s.topic.startswith("warning"):
            continue
        links = " ".join(f'<a href="#ev-{escape(k)}">[{i}]</a>' for i, k in enumerate(s.event_keys[:12], 1))
        more = f" (+{len(s.event_keys) - 12} more)" if len(s.event_keys) > 12 else ""
        parts.append(f"<li>{escape(s.text)} {links}{more}</li>")
    parts.append("</ul>")
    if len(result.by_source):
        parts.append(sources_html(result))
    parts.append(methods_html(result))
    parts.append("</div>")
    return "\n".join(parts)


def _pct(x: object) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{100 * float(x):.0f}%"  # type: ignore[arg-type]


def _pts(x: object) -> str:
    return "n/a" if x is None or pd.isna(x) else f"{100 * float(x):+.0f}"  # type: ignore[arg-type]


def _cell(row: pd.Series, *, points: bool = False) -> str:
    f = _pts if points else _pct
    return f"{f(row['estimate'])} <span class=\"ci\">[{f(row['ci_low'])}, {f(row['ci_high'])}]</span>"


def estimates_html(result) -> str:  # type: ignore[no-untyped-def]
    """The before/after estimates as an HTML table (shares of responses, then of episodes)."""
    lv = f"{100 * result.level:.0f}%"
    rows = [f'<table class="learning-estimates"><caption>Before and after {escape(result.landmark)}: '
            f'estimate [{lv} interval]; differences in percentage points</caption>',
            "<thead><tr><th>measure</th><th>before</th><th>after</th><th>difference</th><th>episodes</th></tr></thead><tbody>",
            '<tr class="group"><th colspan="5">share of responses (mean over episodes with responses)</th></tr>']
    ba = result.before_after.set_index(["family", "period"])
    for fam in dict.fromkeys(result.before_after["family"]):
        b, a, d = ba.loc[(fam, "before")], ba.loc[(fam, "after")], ba.loc[(fam, "difference")]
        rows.append(f'<tr data-measure="{escape(fam)}"><td>{escape(MEASURE_LABELS.get(fam, fam))}</td><td>{_cell(b)}</td>'
                    f"<td>{_cell(a)}</td><td>{_cell(d, points=True)}</td>"
                    f"<td>{int(b['n_episodes'])} / {int(a['n_episodes'])}</td></tr>")
    if len(result.episode_measures):
        rows.append('<tr class="group"><th colspan="5">share of all episodes with protests</th></tr>')
        em = result.episode_measures.set_index(["measure", "period"])
        for m in dict.fromkeys(result.episode_measures["measure"]):
            b, a, d = em.loc[(m, "before")], em.loc[(m, "after")], em.loc[(m, "difference")]
            rows.append(f'<tr data-measure="{escape(m)}"><td>{escape(MEASURE_LABELS.get(m, m))}</td>'
                        f"<td>{int(b['count'])} of {int(b['n_episodes'])}: {_cell(b)}</td>"
                        f"<td>{int(a['count'])} of {int(a['n_episodes'])}: {_cell(a)}</td>"
                        f"<td>{_cell(d, points=True)}</td><td>{int(b['n_episodes'])} / {int(a['n_episodes'])}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def sources_html(result) -> str:  # type: ignore[no-untyped-def]
    """Per-source differences beside the pooled one."""
    pooled = result.before_after[result.before_after["period"] == "difference"].set_index("family")
    diffs = result.by_source[result.by_source["period"] == "difference"]
    sources = list(dict.fromkeys(diffs["source"]))
    head = "".join(f"<th>{escape(source_name(s))}</th>" for s in sources)
    rows = ['<table class="learning-sources"><caption>Change after the landmark by source (percentage points '
            '[interval]; episodes)</caption>', f"<thead><tr><th>measure</th><th>pooled</th>{head}</tr></thead><tbody>"]
    for fam in dict.fromkeys(diffs["family"]):
        cells = []
        for s in sources:
            r = diffs[(diffs["source"] == s) & (diffs["family"] == fam)]
            cells.append(f"<td>{_cell(r.iloc[0], points=True)}; {int(r.iloc[0]['n_episodes'])}</td>" if len(r) else "<td>n/a</td>")
        p = pooled.loc[fam]
        rows.append(f"<tr><td>{escape(MEASURE_LABELS.get(fam, fam))}</td><td>{_cell(p, points=True)}; "
                    f"{int(p['n_episodes'])}</td>{''.join(cells)}</tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def methods_html(result) -> str:  # type: ignore[no-untyped-def]
    """The methods box: sources and counts, episode rules, intervals, seed, taxonomy version."""
    m = result.methods
    interval, rules = m.get("interval", {}), m.get("episode_rules", {})
    sources = "; ".join(f"{escape(str(s['origin']))}: {s['protests']} protests, {s['responses']} responses"
                        for s in m.get("sources", [])) or "none"
    window = m.get("window") or [None, None]
    items = [
        ("Sources (asserted events)", sources),
        ("Selection", escape(f"country {result.country}" + (f", region {result.region}" if result.region else "")
                             + (f", origin {','.join(result.origin)}" if result.origin else ", every origin")
                             + (f", episodes starting {window[0] or '...'} to {window[1] or '...'}" if any(window) else ""))),
        ("Episodes", escape(f"{m.get('episodes', 0)} episodes; an episode is a run of protest in one region "
                            f"(place_level {rules.get('place_level')}) with gaps of at most {rules.get('gap_days')} days; "
                            f"a response belongs to it from {rules.get('lead_days')} days before to "
                            f"{rules.get('window_days')} days after (up to {rules.get('aftermath_days')} when its "
                            f"text says aftermath); the landmark episode goes {rules.get('spanning')}")),
        ("Unit", escape(str(rules.get("unit", "")))),
        ("Intervals", escape(f"{interval.get('method')} at {100 * float(interval.get('level', 0.95)):.0f}%; episode "
                             f"shares: {interval.get('episode_measures')}; bootstrap comparison with "
                             f"{interval.get('bootstrap_draws')} draws, seed {interval.get('seed')}")),
        ("Taxonomy", escape(f"v{m.get('taxonomy_version')}; contention {m.get('contention_version')}")),
    ]
    body = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
    return f'<div class="methods-box"><h4>Methods</h4><dl class="run">{body}</dl></div>'


def plan(events: pd.DataFrame, *, country: str | None = None, landmark: str | None = None,
         origin: str | None = None, window_years: float | None = None,
         results: list | None = None) -> tuple[list[tuple[str, Landmark]] | None, dict]:  # type: ignore[type-arg]
    """Checked (country, landmark) requests and the options for ``learning_sections``.

    Without ``country`` and ``landmark``: None (the default countries). A landmark needs a
    country. Bad values raise ConfigError (one line) via ``analyse.request.check_request``."""
    from ..analyse.request import check_request
    from ..errors import ConfigError

    options: dict = {"origin": origin, "window_years": window_years, "results": results}  # type: ignore[type-arg]
    if country is None and landmark is None and origin is None and window_years is None:
        return None, options
    if country is None:
        if landmark is not None:
            raise ConfigError("--landmark needs --country (which country's episodes to compare)")
        return None, options
    req = check_request(events, country=country, landmark=landmark, origin=origin, window_years=window_years)
    options["origin"] = req.origin
    return [(req.country, m) for m in req.landmarks], options
