"""Text from a file or a request, made safe to print on a terminal or in a log line.

A model file or an HTTP request can hold any characters. Printed raw, an
escape sequence such as ``ESC]0;title BEL`` retitles the user's terminal and
``ESC[31m`` recolours it. Every front door that prints text it did not write
itself passes it through ``printable`` first.
"""

__all__ = ["printable"]


def printable(text, keep=""):
    """Return str(text) with every control character written as a Python escape.

    Escaped is every character Python does not count as printable, but the
    space and those in ``keep`` (a multi-line text keeps "\\n\\t"): controls
    (C0, DEL, C1), format characters such as the bidirectional overrides,
    line and paragraph separators, lone surrogates and unassigned code
    points. Accented letters and other scripts stay. A byte of a file name
    that was not UTF-8 (a surrogate Python's surrogateescape made of it) is
    written as the byte, \\xNN.

    >>> printable("setosa")
    'setosa'
    >>> printable("\\x1b]0;owned\\x07\\x1b[31mred")
    '\\\\x1b]0;owned\\\\x07\\\\x1b[31mred'
    >>> printable("caf\\u00e9 \\u202eevil")
    'café \\\\u202eevil'
    >>> printable("bad\\udcffname\\n", keep="\\n")
    'bad\\\\xffname\\n'
    """
    text = str(text)
    if text.isprintable():  # the common case: nothing to escape (a space is printable)
        return text
    return "".join(c if c.isprintable() or c == " " or c in keep else _escape(c) for c in text)


def _escape(character):
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape's stand-in for a byte that was not UTF-8
        return "\\x%02x" % (code - 0xDC00)
    if code < 0x100:
        return "\\x%02x" % code
    if code < 0x10000:
        return "\\u%04x" % code
    return "\\U%08x" % code
