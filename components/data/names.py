"""Finding known actors in running text, across the spellings outlets use for the same Arabic name
("Mousa Abu Marzook" and "Musa Abu Marzouk", "Azzam al-Ahmad" and "Azzam Al-Ahmed").

Each name is folded to a key per word: accents, case, hyphens and apostrophes dropped; the article
"al-"/"el-" dropped; common transliteration pairs made one (ou/oo → u, ee/ei/ie → i, q → k, kh → k,
ph → f, dh → d); doubled letters made single; and the vowels after a word's first letter dropped (Ahmad,
Ahmed → ahmd). A name matches where the text's words have the same keys in the same order. The folding
is deliberately narrow: it joins spellings of one name, and a reviewer confirms every match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from components.data.schema import split_list

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)
ARTICLES = {"al", "el", "ul", "ad", "ash", "as", "at", "az", "an", "ar"}
PAIRS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"), ("ie", "i"), ("q", "k"), ("kh", "k"), ("ph", "f"))
PAIRS += (("dh", "d"), ("ck", "k"))


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def fold_word(word: str) -> str:
    """One word's key ("Marzook" and "Marzouk" → "mrzk")."""
    w = re.sub(r"[^a-z]", "", _plain(word))
    for a, b in PAIRS:
        w = w.replace(a, b)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w[:1] + re.sub(r"[aeiouy]", "", w[1:]) if w else ""


def light(word: str) -> str:
    """A word's spelling key without dropping vowels ("Marzook", "Marzouk" → "marzuk"; "homes" stays
    itself): for one typed word, where the vowel-less key would join "homes" and "Hamas"."""
    w = re.sub(r"[^a-z]", "", _plain(word))
    for a, b in PAIRS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def fold(name: str) -> tuple[str, ...]:
    """A name's keys, word by word, articles dropped ("Azzam al-Ahmad" → ("azm", "ahmd"))."""
    words = []
    for word in _WORD.findall(str(name).replace("-", " ").replace("’", "'")):
        part = word.split("'")[-1] if "'" in word else word
        if _plain(part) in ARTICLES:
            continue
        key = fold_word(part)
        if key:
            words.append(key)
    return tuple(words)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str  # as written
    actor_id: str  # the known actor it names


@dataclass
class NameIndex:
    """Known names (an actor's name, aliases, crosswalk names) by their folded keys."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]]
    light_names: dict[str, set[str]] = field(default_factory=dict)  # one-word names' light keys, per actor

    @classmethod
    def build(cls, names: Iterable[tuple[str, str]]) -> NameIndex:
        """names: (name, actor_id) pairs. Names of one word shorter than 4 letters (codes, initials) are
        kept only in capitals as written (matched exactly, see find)."""
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, actor_id in names:
            keys = fold(name)
            if keys:
                index.setdefault(keys[0], []).append((keys, actor_id))
        lights: dict[str, set[str]] = {}
        for name, actor_id in names:
            words = name.split()
            if len(words) == 1:
                lights.setdefault(actor_id, set()).add(light(words[0]))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))  # the longest name first
        return cls(index, lights)

    def find(self, text: str, any_case: bool = False) -> list[Mention]:
        """Every known name in the text, longest first where two overlap, left to right. any_case: a
        search box's words, typed in lower case (then only names of two words or more, or of 5+ letters)."""
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text.replace("-", " "))]
        keys = []  # (key, start, end) per word, articles dropped
        for start, end, word in words:
            if word[-2:] in ("'s", "’s"):  # a possessive ("Qatar's mediator") names Qatar
                word, end = word[:-2], end - 2
            part = word.split("'")[-1].split("’")[-1]
            if _plain(part) in ARTICLES and len(part) <= 3:
                continue
            keys.append((fold_word(part), start, end))
        found, i = [], 0
        while i < len(keys):
            hit = None
            for name_keys, actor_id in self.by_first.get(keys[i][0], ()):
                n = len(name_keys)
                if tuple(k for k, _, _ in keys[i : i + n]) == name_keys:
                    word = text[keys[i][1] : keys[i][2]]
                    if any_case:
                        if n == 1 and (len(word) < 5 or light(word) not in self.light_names.get(actor_id, ())):
                            continue  # one typed word: its spelling must be the name's, vowels and all
                    elif n == 1 and len(keys[i][0]) < 3 and not word.isupper():
                        continue  # a short word: only an abbreviation written in capitals
                    elif not word[:1].isupper():
                        continue  # names are capitalised: "homes" is not "Hamas"
                    hit = (n, actor_id)
                    break
            if hit:
                n, actor_id = hit
                start, end = keys[i][1], keys[i + n - 1][2]
                found.append(Mention(start, end, text[start:end], actor_id))
                i += n
            else:
                i += 1
        return found


def name_index(ds) -> NameIndex:
    """The dataset's actor names, indexed once (search and drafting share it)."""
    return ds.memo("name-index", lambda: NameIndex.build(actor_names(ds)))


def actor_names(ds) -> list[tuple[str, str]]:
    """(name, actor_id) for every actor's name and alias of a dataset, and its last name for people."""
    pairs = []
    for row in ds.actors.to_dict(orient="records"):
        names = [row["name"], *split_list(row.get("aliases", ""))]
        pairs += [(n, row["actor_id"]) for n in names]
        if str(row.get("kind", "")) == "person" and len(row["name"].split()) > 1:
            pairs.append((row["name"].split()[-1], row["actor_id"]))  # "Abbas" for "Mahmoud Abbas"
        if str(row.get("kind", "")) == "state" and " " not in row["name"]:
            # its people and officials: "Egyptian", "Russian", "Iranian" ("Qatari", "Israeli" fold to the
            # name already, the final vowel dropped)
            pairs.append((row["name"] + "n", row["actor_id"]))
    return pairs
