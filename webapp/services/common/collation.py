"""Sort Vietnamese text the way a Vietnamese reader expects (a ă â b c d đ …)."""

import unicodedata

# Marks that make a letter of its own (ă, â, ê, ô, ơ, ư) rather than a tone.
_LETTERS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: i for i, letter in enumerate(" aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}


def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Key ordering by letters first, then by tone marks."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                base = _LETTERS.get((base, mark), base)
        letters.append(_RANK.get(base, 100 + ord(base)))
        tones.append(tone)
    return tuple(letters), tuple(tones), text
