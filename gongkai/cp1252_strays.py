"""Chinese text (GBK/GB18030) holding a few Windows-1252 punctuation bytes: Word's smart quotes, dashes and ellipsis
pasted from an English mail or document into a GBK export (“Zero-waste City” as 0x93 … 0x94). No Chinese codec reads
them; read whole as GB18030 the text is refused, and a quote before a letter or a Chinese character makes a GBK pair
with it (0x93 0x5A is 揨), so the byte after it is lost too.

Only for text the strict codec refused: there a byte of 0x80, 0x85, 0x91–0x97 standing where a character starts is the
Windows-1252 character it is. As a GBK lead byte each opens a pair of GBK/3's rare characters (lead bytes 0x81–0xA0 hold
no GB2312 character), so government text read so loses next to nothing.
"""

from __future__ import annotations

#: €, …, ‘ ’ “ ” •, – —: what Word's AutoFormat and English mail put into pasted text
_PUNCTUATION = frozenset(b"\x80\x85\x91\x92\x93\x94\x95\x96\x97")


def gb18030_with_cp1252(data: bytes, most: int | None = None) -> str | None:
    """`data` as GB18030 with each Windows-1252 punctuation byte standing where a character starts read as that
    character; None when another byte is no GB18030, or there are more such bytes than `most` (default: 4, or one in
    200 bytes of a longer text)."""
    limit = max(4, len(data) // 200) if most is None else most
    pieces: list[bytes] = []  # GB18030 runs, and between them single Windows-1252 bytes
    start = at = strays = 0
    size = len(data)
    while at < size:
        byte = data[at]
        if byte < 0x80:
            at += 1
        elif at + 3 < size and 0x30 <= data[at + 1] <= 0x39 and 0x81 <= data[at + 2] <= 0xFE and 0x30 <= data[at + 3] <= 0x39:
            at += 4  # a four-byte GB18030 character (𠮷 opens 0x95 0x32: a lead byte first, before the quotes' test)
        elif byte in _PUNCTUATION:
            strays += 1
            if strays > limit:
                return None
            pieces += [data[start:at], data[at : at + 1]]
            at += 1
            start = at
        else:
            at += 2
    if not strays:
        return None
    pieces.append(data[start:])
    try:
        return "".join(piece.decode("cp1252" if n % 2 else "gb18030") for n, piece in enumerate(pieces))
    except UnicodeDecodeError:
        return None
