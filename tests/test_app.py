"""The app in Streamlit's AppTest: URL parameters, empty selection, bad data, unknown values."""

from streamlit.testing.v1 import AppTest

from .conftest import ROOT, edit

APP = str(ROOT / "dashboard.py")
MEETING = "ev-2024-02-29-hamas-fatah-meet-moscow"


def run(query: dict | None = None, data=None, monkeypatch=None, tab: str | None = None) -> AppTest:
    if data is not None:
        monkeypatch.setenv("FACTIONLINE_DATA", str(data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    if tab:
        at.session_state["view"] = tab  # the open tab (tabs are lazy: only the open one runs)
    return at.run()


def url(at: AppTest, name: str) -> list[str]:
    """A query parameter's values after the run (AppTest gives single values as str)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def counts_line(at: AppTest) -> str:
    return next(c.value for c in at.caption if "in the current selection" in c.value)


def test_default_view(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run()
    assert not at.exception
    assert counts_line(at).startswith("13 of 13 events")
    assert at.get("plotly_chart")
    assert "Quotes by the chosen speakers (7)" in [s.value for s in at.subheader]
    assert not at.warning and not at.error


def test_faction_from_url(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["pij"]})
    assert at.multiselect(key="w_factions").value == ["pij"]
    assert counts_line(at).startswith("1 of 13 events")


def test_every_parameter_from_url(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run(
        {
            "faction": ["hamas", "fatah"],
            "status": ["planned"],
            "type": ["meeting"],
            "from": "2024-02-01",
            "to": "2024-02-29",
            "q": "Moscow",
            "event": MEETING,
        }
    )
    assert not at.exception and not at.warning
    assert counts_line(at).startswith("1 of 13 events")
    assert any("Hamas and Fatah representatives to meet in Moscow" in m.value for m in at.markdown)
    assert any("tomorrow, Thursday" in c.value for c in at.caption)
    # the URL keeps the state it was opened with
    assert url(at, "faction") == ["hamas", "fatah"] and url(at, "event") == [MEETING]


def test_changing_a_filter_updates_the_url(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run()
    at.multiselect(key="w_factions").set_value(["russia"]).run()
    assert counts_line(at).startswith("5 of 13 events")
    assert url(at, "faction") == ["russia"]
    at.text_input(key="w_q").input("Bogdanov").run()
    assert url(at, "q") == ["Bogdanov"]
    assert counts_line(at).startswith("1 of 13 events")


def test_actor_options_follow_factions(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["russia"], "actor": ["bogdanov"]})
    assert at.multiselect(key="w_actors").options == ["Russia", "Mikhail Bogdanov"]
    at.multiselect(key="w_factions").set_value(["hamas"]).run()
    assert not at.exception
    assert at.multiselect(key="w_actors").value == []  # Bogdanov is not in Hamas


def test_unknown_values_show_a_notice(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["hamas", "nosuch"], "event": "ev-missing", "from": "not-a-date", "extra": "1"})
    assert not at.exception
    text = " ".join(w.value for w in at.warning)
    assert "'nosuch'" in text and "'ev-missing'" in text and "not-a-date" in text and "'extra'" in text
    assert at.multiselect(key="w_factions").value == ["hamas"]


def test_empty_selection(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["pij"], "status": ["planned"]})
    assert not at.exception
    assert any("Nothing matches these filters" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    at.button(key="reset-empty").click().run()
    assert counts_line(at).startswith("13 of 13 events")


def test_reset_clears_filters(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["hamas"], "q": "Moscow"})
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert at.multiselect(key="w_factions").value == [] and at.text_input(key="w_q").value == ""
    assert counts_line(at).startswith("13 of 13 events")
    assert "faction" not in at.query_params


def test_bad_data_directory_shows_the_report(data_copy, monkeypatch):
    edit(data_copy, "events.csv", ",planned,", ",rumoured,")
    (data_copy / "sources.csv").write_bytes(b"\x00binary")
    at = run(data=data_copy, monkeypatch=monkeypatch)
    assert not at.exception
    assert "cannot be opened" in at.error[0].value
    report = at.dataframe[0].value
    assert set(report["File"]) == {"events.csv", "sources.csv"}
    assert "rumoured" in " ".join(report["Problem"])


def test_missing_data_directory(tmp_path, monkeypatch):
    at = run(data=tmp_path / "absent", monkeypatch=monkeypatch)
    assert not at.exception and "cannot be opened" in at.error[0].value


def test_event_details_from_url(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"event": "ev-2024-02-zomlot-guardian-interview"})
    md = " ".join(m.value for m in at.markdown)
    assert "Hossam Zomlot speaks to The Guardian" in md
    assert "Quotes on this event \\(3\\)" in md or "Quotes on this event (3)" in md
    assert "told The Guardian · via Al Jazeera" in md  # the quote card's source line


def test_quote_cards_mark_verification(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run()
    md = " ".join(m.value for m in at.markdown)
    assert md.count("Verified verbatim in the stored article") == 2
    assert md.count("Paraphrase wording found in the stored article") == 5
    assert md.count("_Paraphrase:_") == 5 and md.count("> “") == 2


def test_table_and_downloads(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["qatar"]}, tab="Table & downloads")
    table = at.dataframe[0].value
    assert list(table["event_id"]) == ["ev-2024-02-qatar-egypt-help-form-government"]
    labels = [b.label for b in at.get("download_button")]
    assert "Events CSV (1)" in labels and "Quotes CSV (0)" in labels and "Events JSON (1)" in labels


def test_hostile_text_is_escaped(data_copy, monkeypatch):
    edit(
        data_copy,
        "events.csv",
        "Hamas and Fatah representatives to meet in Moscow",
        "**bold** [x](javascript:alert(1)) <script>alert(1)</script>",
    )
    at = run({"event": MEETING}, data=data_copy, monkeypatch=monkeypatch)
    assert not at.exception
    title = next(m.value for m in at.markdown if "script" in m.value and m.value.startswith("####"))
    assert "\\*\\*bold\\*\\*" in title and "\\[x\\]\\(javascript\\:" in title and "\\<script\\>" in title


def test_an_event_outside_the_filters_is_named(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"faction": ["qatar"], "event": MEETING})
    assert not at.exception
    assert any(MEETING in w.value and "outside the current filters" in w.value for w in at.warning)
    assert url(at, "event") == []


def test_the_table_sorts_the_whole_selection_from_the_link(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run({"sort": "Title", "desc": "true", "view": "Table & downloads"}, tab="Table & downloads")
    assert not at.exception
    table = at.dataframe[0].value
    titles = list(table["Title"])
    assert titles == sorted(titles, key=str.lower, reverse=True) and len(titles) == 13
    assert url(at, "sort") == ["Title"]  # the order stays in the link


def test_the_map_tab_places_the_bundled_events(monkeypatch):
    monkeypatch.delenv("FACTIONLINE_DATA", raising=False)
    at = run(tab="Map")
    assert not at.exception
    caption = next(c.value for c in at.caption if "places ·" in c.value)
    assert caption.startswith(":material/map: 2 places · 4 of 13 events placed")
    assert "Natural Earth" in caption and "nothing is fetched" in caption  # a base layer, offline (issue 25)
