"""The Timeline tab on merged ACLED-shaped data (AppTest, issue 25): both chart toggles work under the heat
strip, and the caption says how many marks are behind "+N" boxes instead of claiming that none is hidden."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    from .acled_shaped import merged_with_bundled

    return merged_with_bundled(tmp_path_factory.mktemp("timeline-app"), 2500)


def opened(merged, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("FACTIONLINE_DATA", str(merged))
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_both_chart_toggles_work_under_the_heat_strip(merged, monkeypatch):
    at = opened(merged, monkeypatch)
    assert not at.exception
    assert "Counts mode" in captions(at)  # the default for an ACLED import: a heat strip
    at.toggle(key="counts-False").set_value(True).run()
    assert not at.exception, at.exception  # was StreamlitDuplicateElementKey: key='counts-False'
    at.toggle(key="fatalities").set_value(True).run()
    assert not at.exception, at.exception
    assert len(at.get("plotly_chart")) >= 3  # the strip, events over time, fatalities over time
    from components.data.load import load

    whole = float(np.nansum(load(merged).number("fatalities")))
    assert f"**{whole:,.0f} fatalities** reported in the selection, each event counted once" in captions(at)


def test_the_caption_counts_the_marks_behind_plus_n_boxes(merged, monkeypatch):
    at = opened(merged, monkeypatch, faction="hamas", **{"from": "2024-01-01", "to": "2024-03-31"})
    assert not at.exception
    text = captions(at)
    assert "Event mode" in text
    assert "none hides another" not in text
    assert "behind “+N” boxes" in text or "Every mark is drawn." in text


def test_compare_defaults_follow_the_data_and_counts_over_time_leave_out_a_lone_early_event(merged, monkeypatch):
    """Merged ACLED-shaped data with the bundled 2007 event: Compare's default periods split the data's own
    span (before: 1989–2006 against 2007–2024, everything "new"); the counts chart fits the span and says
    the earlier event is left out (issue 25)."""
    at = opened(merged, monkeypatch, view="Compare")
    assert not at.exception
    line = next(c.value for c in at.caption if c.value.startswith("Events of each faction"))
    assert "2006" not in line and "2007" not in line and "2023" in line
    shown = at.dataframe[0].value
    assert (shown["events before"] > 0).sum() >= 2 and (shown["events now"] > 0).sum() >= 2
    at = opened(merged, monkeypatch)
    at.toggle(key="counts-False").set_value(True).run()
    assert "earlier event before" in captions(at) and "left out of this view" in captions(at)
