"""Did-you-mean by sound: a word typed with a wrong homophone (天燃气 for 天然气, 管里 for 管理, 新扬路 for 新阳路).

A phone's pinyin input method offers every character of the syllable typed, without tones, and a wrong pick is the
commonest slip people make; the word then finds nothing, or a relaxed answer drops it. The word with one character
replaced by another of the same toneless syllable (pypinyin's table of readings; common characters only, GB2312's
6,763) is offered when the index holds it far more often than the word as typed: each Han pair of it is looked up in
the term dictionary (no search). The offer is then checked by a search like every other (`_did_you_mean`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Container
from functools import cache

from gongkai.indexer.analysis import HAN_CLASS

_HAN_WORD = re.compile(f"[{HAN_CLASS}]{{2,8}}")
#: An offer's rarest pair must be held by this many times more records than the typed word's rarest (and by some).
MORE_OFTEN = 10
#: Grammatical characters are never offered in place of one typed: their pairs are common beside anything (地灾防治 was
#: offered 地在防治, 公司注销登报 公司注销的报).
_FUNCTION_CHARACTERS = frozenset("的地得了着过在是和与及或也就都而把被给对从向于为以之其这那个们吗呢吧啊呀有所")
#: At most this many offers a word, the most held first.
MOST_OFFERS = 2


#: The fuzzy syllables input methods offer by default for southern speakers (Fujian's among them): zh/z, ch/c, sh/s,
#: n/l at the start, -ng/-n at the end (旧村改照 for 旧村改造, 营业执照 typed 营业自照).
_FUZZY = [(re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"^n(?=[aeiouv])"), "l"), (re.compile(r"(?<=[aei])ng$"), "n")]


def _sound(reading: str) -> str:
    """A reading without its tone, its fuzzy parts folded: zhào → zao."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")  # ü (ǚ, ǜ …) is no u
    sound = "".join(c for c in decomposed if not unicodedata.combining(c))
    for pattern, replacement in _FUZZY:
        sound = pattern.sub(replacement, sound)
    return sound


@cache
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(character → its sounds, sound → the common characters read so). Loaded on the first offer
    (pypinyin's table: about 0.2 s of CPU, once a process)."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings: dict[str, tuple[str, ...]] = {}
    by_sound: dict[str, list[str]] = defaultdict(list)
    for code, value in pinyin_dict.items():
        char = chr(code)
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            continue
        sounds = tuple(dict.fromkeys(_sound(r) for r in value.split(",")))
        readings[char] = sounds
        for sound in sounds:
            by_sound[sound].append(char)
    return readings, {sound: tuple(chars) for sound, chars in by_sound.items()}


def sound_alikes(word: str, doc_freq: Callable[[str, str], int], names: Container[str] | None = None) -> list[str]:
    """`word` with one character replaced by a homophone, the index holding it far more often, the most held first;
    [] for a word that is no run of 2-8 Han characters. `names` (None: the default synonym groups' words): words records
    hold in another form (社保卡: 社会保障卡): a replacement making one of them around it is offered whatever its pairs
    (search14: 社保咔丢了 was offered nothing, 保卡 being no record's pair); the offer is still given only if it finds
    something."""
    if not _HAN_WORD.fullmatch(word):
        return []
    if names is None:
        names = _group_words()
    readings, by_sound = _table()
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    held = {pair: doc_freq("all_bigrams", pair) for pair in pairs}
    typed = min(held.values())
    scored: dict[str, int] = {}
    for i, char in enumerate(word):
        unchanged = [held[p] for n, p in enumerate(pairs) if n not in (i - 1, i)]
        elsewhere = bool(unchanged) and min(unchanged) <= typed * MORE_OFTEN  # the slip is elsewhere: no character here makes the word common
        for sound in readings.get(char, ()):
            for other in by_sound.get(sound, ()):
                if other == char or other in _FUNCTION_CHARACTERS:
                    continue
                offer = word[:i] + other + word[i + 1 :]
                if names and _names_around(offer, i, names):
                    scored[offer] = max(scored.get(offer, 0), typed * MORE_OFTEN + 1)
                    continue
                if elsewhere:
                    continue
                freq = min(unchanged) if unchanged else None
                for pair in ([word[i - 1] + other] if i else []) + ([other + word[i + 1]] if i + 1 < len(word) else []):
                    count = doc_freq("all_bigrams", pair)
                    freq = count if freq is None else min(freq, count)
                    if freq <= typed * MORE_OFTEN:
                        break
                else:
                    if freq is not None and freq > 0:
                        scored[word[:i] + other + word[i + 1 :]] = freq
    return sorted(scored, key=lambda w: -scored[w])[:MOST_OFFERS]


@cache
def _group_words() -> frozenset[str]:
    """The words of the default synonym groups (gongkai.settings.DEFAULT_SYNONYMS), folded."""
    from gongkai.settings import DEFAULT_SYNONYMS
    from gongkai.textnorm import fold

    return frozenset(fold(word).strip() for group in DEFAULT_SYNONYMS for word in group if word.strip())


def _names_around(text: str, at: int, names: Container[str]) -> bool:
    """Whether a word of `names` (two to six characters) stands in `text` over the character at `at`."""
    return any(text[start : start + size] in names for size in range(2, 7) for start in range(max(0, at - size + 1), at + 1)
               if start + size <= len(text))


def one_sound_apart(a: str, b: str) -> bool:
    """Whether b is a with one character replaced by another of the same (toneless, fuzzy) sound: 吉政办 and 集政办 (jí)."""
    if len(a) != len(b):
        return False
    changed = [(x, y) for x, y in zip(a, b) if x != y]
    if len(changed) != 1:
        return False
    readings = _table()[0]
    x, y = changed[0]
    return bool(set(readings.get(x, ())) & set(readings.get(y, ())))


def warm() -> None:
    """Load the table now (a server at start), not on the first did-you-mean."""
    _table()
