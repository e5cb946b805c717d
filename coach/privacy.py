"""What people type is kept only as long as it must be, and without what identifies them.

`redact` replaces emails, phone numbers and ID-like numbers (a social security or national insurance number, a
card or account number: nine digits or more, however spaced) with "[removed]" before a message is stored or a
CV is read; figures of pay and ranges of years ("$45,000", "2019-2021") stay.
"""

from __future__ import annotations

import re

EMAIL = r"[\w.+-]+@[\w-]+\.[\w.-]+"
# a run of digits with separators: a phone, card, account or ID number when it holds nine digits or more
DIGIT_RUN = r"\+?\(?\d[\d ()./-]{7,}\d"
PRIVATE = re.compile(
    rf"{EMAIL}|{DIGIT_RUN}"
    r"|\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"  # a UK national insurance number
)


def _replace(m: re.Match[str]) -> str:
    said = m.group(0)
    if "@" in said or re.match(r"[A-Z]{2}", said):
        return "[removed]"
    return "[removed]" if sum(ch.isdigit() for ch in said) >= 9 else said


def redact(text: str) -> str:
    """Text with emails, phone numbers and ID-like numbers replaced by "[removed]"."""
    return PRIVATE.sub(_replace, text)
