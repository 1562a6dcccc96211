"""Forty-odd distinct ways a data directory can be broken, each with where the report must point.

Each case: (id, mutate(directory), file, row expected?, column or None). Used by the CLI and the app
tests in test_robustness.py.
"""

from .conftest import edit

ARTICLE = "articles/aj-2024-02-28-moscow-talks.txt"


def _e(file, old, new, count=1):
    return lambda d: edit(d, file, old, new, count)


def _write(file, content: bytes):
    return lambda d: (d / file).write_bytes(content)


def _remove(file):
    return lambda d: (d / file).unlink()


FACTIONS_HEADER = b"faction_id,name,kind,color,description\n"

CASES = [
    ("missing-table", _remove("quotes.csv"), "quotes.csv", False, None),
    (
        "missing-column",
        _e("factions.csv", "faction_id,name,kind,color", "faction_id,name,kind,colour"),
        "factions.csv",
        True,
        "color",
    ),
    ("duplicate-actor-id", _e("actors.csv", "bogdanov,Mikhail", "zomlot,Mikhail"), "actors.csv", True, "actor_id"),
    (
        "duplicate-event-id",
        _e("events.csv", "ev-2023-10-26-hamas-in-moscow,", "ev-2024-01-19-hamas-delegation-moscow,"),
        "events.csv",
        True,
        "event_id",
    ),
    ("blank-source-id", _e("sources.csv", "reuters,Reuters", ",Reuters"), "sources.csv", True, "source_id"),
    ("unknown-actor", _e("events.csv", "hamas;fatah,aj", "hamas;fatahh,aj"), "events.csv", True, "actor_ids"),
    (
        "unknown-faction",
        _e("actors.csv", "abbas,Mahmoud Abbas,person,fatah;pa", "abbas,Mahmoud Abbas,person,fatah;plo"),
        "actors.csv",
        True,
        "faction_ids",
    ),
    (
        "unknown-event",
        _e("quotes.csv", "ev-2024-02-18-abbas-welcomes-invitation", "ev-nope"),
        "quotes.csv",
        True,
        "event_id",
    ),
    (
        "unknown-outlet",
        _e(
            "quotes.csv",
            "direct,2024-02?,ev-2024-02-zomlot-guardian-interview,guardian",
            "direct,2024-02?,ev-2024-02-zomlot-guardian-interview,observer",
        ),
        "quotes.csv",
        True,
        "reported_by",
    ),
    (
        "unknown-speaker",
        _e("quotes.csv", "q-bogdanov-2024-02-16-invited,bogdanov", "q-bogdanov-2024-02-16-invited,lavrov"),
        "quotes.csv",
        True,
        "speaker_id",
    ),
    ("unknown-type", _e("events.csv", ",planned,meeting,", ",planned,summit,"), "events.csv", True, "event_type"),
    (
        "unknown-article",
        _e("events.csv", "hamas;fatah,aj-2024-02-28-moscow-talks", "hamas;fatah,aj-unknown"),
        "events.csv",
        True,
        "article_id",
    ),
    ("unknown-article-source", _e("articles.csv", ",aljazeera,", ",aj,"), "articles.csv", True, "source_id"),
    (
        "blank-actor-list",
        _e("events.csv", '"Moscow, Russia",hamas;fatah,aj', '"Moscow, Russia",,aj'),
        "events.csv",
        True,
        "actor_ids",
    ),
    ("impossible-day", _e("events.csv", '2024-02-29,"tomorrow', '2024-02-30,"tomorrow'), "events.csv", True, "date"),
    ("not-edtf", _e("events.csv", '2024-02-29,"tomorrow', '29/02/2024,"tomorrow'), "events.csv", True, "date"),
    (
        "interval-backwards",
        _e("events.csv", '2024-02-29,"tomorrow', '2024-03-02/2024-02-29,"tomorrow'),
        "events.csv",
        True,
        "date",
    ),
    ("blank-date", _e("events.csv", '2024-02-29,"tomorrow', ',"tomorrow'), "events.csv", True, "date"),
    ("bad-said-on", _e("quotes.csv", "paraphrase,2024-02-16", "paraphrase,16 Feb"), "quotes.csv", True, "said_on"),
    ("bad-published-on", _e("articles.csv", ",2024-02-28,", ",28.02.2024,"), "articles.csv", True, "published_on"),
    ("unknown-status", _e("events.csv", ",planned,", ",rumoured,"), "events.csv", True, "status"),
    (
        "unknown-quote-type",
        _e("quotes.csv", ",paraphrase,2024-02-26", ",indirect,2024-02-26"),
        "quotes.csv",
        True,
        "quote_type",
    ),
    ("colour-word", _e("factions.csv", "#999999", "grey"), "factions.csv", True, "color"),
    ("colour-short", _e("factions.csv", "#999999", "#12345"), "factions.csv", True, "color"),
    ("path-parent", _e("articles.csv", ARTICLE, "../article.txt"), "articles.csv", True, "path"),
    ("path-absolute", _e("articles.csv", ARTICLE, "/etc/passwd"), "articles.csv", True, "path"),
    ("path-sneaky", _e("articles.csv", ARTICLE, "articles/../../x.txt"), "articles.csv", True, "path"),
    ("article-missing", _remove(ARTICLE), "articles.csv", True, "path"),
    ("article-binary", _write(ARTICLE, b"\x00\x01\x02 not text"), "articles.csv", True, "path"),
    ("article-not-utf8", _write(ARTICLE, "Caf\xe9 de Moscou".encode("latin-1")), "articles.csv", True, "path"),
    (
        "evidence-reworded",
        _e(
            "events.csv",
            "Moscow received a delegation from Hamas on October 26",
            "Moscow hosted a delegation from Hamas on October 26",
            count=-1,
        ),
        "events.csv",
        True,
        "evidence",
    ),
    (
        "quote-reworded",
        _e("quotes.csv", "a purely technocratic", "an entirely technocratic"),
        "quotes.csv",
        True,
        "text",
    ),
    (
        "blank-title",
        _e("events.csv", ",Hamas and Fatah representatives to meet in Moscow,", ",,"),
        "events.csv",
        True,
        "title",
    ),
    ("blank-faction-name", _e("factions.csv", "qatar,Qatar,state", "qatar,,state"), "factions.csv", True, "name"),
    ("csv-binary", _write("factions.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "factions.csv", False, None),
    ("csv-latin1", _write("factions.csv", "faction_id,name\nh\xe9,x\n".encode("latin-1")), "factions.csv", True, None),
    ("csv-empty", _write("factions.csv", b""), "factions.csv", False, None),
    (
        "csv-unclosed-quote",
        _write("factions.csv", FACTIONS_HEADER + b'x,"unclosed,k,#000000,d\n'),
        "factions.csv",
        False,
        None,
    ),
    ("csv-stray-quote", _write("factions.csv", FACTIONS_HEADER + b'x,"a"b,k,#000000,d\n'), "factions.csv", False, None),
    (
        "csv-extra-cell",
        _write("factions.csv", FACTIONS_HEADER + b"x,n,k,#000000,d,extra\n"),
        "factions.csv",
        True,
        None,
    ),
    ("csv-missing-cells", _write("factions.csv", FACTIONS_HEADER + b"x,n,k\n"), "factions.csv", True, None),
    (
        "csv-duplicate-header",
        _write("factions.csv", b"faction_id,name,name,color,description\nx,n,k,#000000,d\n"),
        "factions.csv",
        True,
        None,
    ),
    ("parquet-corrupt", _write("events.parquet", b"PAR1 this is not parquet"), "events.parquet", False, None),
]
assert len({c[0] for c in CASES}) == len(CASES) >= 40
