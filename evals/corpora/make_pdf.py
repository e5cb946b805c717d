"""Rebuilds the PDF guides of the eval corpora from the public text kept below.

Run:  python evals/corpora/make_pdf.py          (needs fpdf2: pip install fpdf2; works offline)

The text is the page as the stored copy gives it (Bureau of Labor Statistics Occupational Outlook
Handbook text republished by the site named in SOURCE), laid out as a printable guide: a title,
bold headings in a larger font, paragraphs and a bulleted list. The creation date is fixed so that
a rebuild gives the same bytes. evals/check_cases.py reads the text from plain_text() without
importing fpdf.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Each guide is a list of blocks: ("title", text), ("h", heading), ("p", paragraph), ("ul", [items]).
GUIDES: dict[str, dict] = {
    "validation/englishonline-electricians.pdf": {
        "source": "http://englishonlineacademy.com/blog/2015/01/18/careers-in-the-usa-electricians/",
        "title": "Careers in the USA: Electricians",
        "blocks": [
            ("title", "Careers in the USA: Electricians"),
            ("p", "Electricians inspect electrical components, such as transformers and circuit breakers."),
            ("h", "Quick Facts: Electricians"),
            (
                "ul",
                [
                    "2012 Median Pay: $49,840 per year, $23.96 per hour",
                    "Entry-Level Education: High school diploma or equivalent",
                    "Job Outlook, 2012-22: 20% (Faster than average)",
                ],
            ),
            ("h", "What Electricians Do"),
            (
                "p",
                "Electricians install and maintain electrical power, communications, lighting, and control "
                "systems in homes, businesses, and factories.",
            ),
            ("h", "Work Environment"),
            (
                "p",
                "Electricians work indoors and outdoors, in nearly every type of facility. Almost all "
                "electricians work full time, which may include evenings and weekends. Although the work is "
                "not as dangerous as other construction occupations, potential injuries include electrical "
                "shocks and burns, cuts, and falls.",
            ),
            ("h", "How to Become an Electrician"),
            (
                "p",
                "Although most electricians learn through an apprenticeship, some start out by attending a "
                "technical school. Most states require electricians to be licensed.",
            ),
            ("h", "Pay"),
            ("p", "The median annual wage for electricians was $49,840 in May 2012."),
            ("h", "Job Outlook"),
            (
                "p",
                "Employment of electricians is projected to grow 20 percent from 2012 to 2022, faster than "
                "the average for all occupations. As homes and businesses require more wiring, electricians "
                "will be needed to install the necessary components. Electricians with the widest variety of "
                "skills should have the best job opportunities.",
            ),
        ],
    },
}

CREATED = _dt.datetime(2015, 1, 18, 12, 0, 0, tzinfo=_dt.UTC)


def plain_text(name: str) -> str:
    """The guide's text as a reader sees it, ending with its Source line (what the checker matches)."""
    guide = GUIDES[name]
    lines: list[str] = []
    for kind, value in guide["blocks"]:
        if kind == "ul":
            lines.extend(f"- {item}" for item in value)
        else:
            lines.append(value)
    lines.append(f"Source: {guide['source']}")
    return "\n".join(lines)


def build(name: str) -> Path:
    from fpdf import FPDF  # imported here so that plain_text() needs only the standard library

    guide = GUIDES[name]
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title(guide["title"])
    pdf.set_author("U.S. Bureau of Labor Statistics, Occupational Outlook Handbook")
    pdf.set_subject(guide["source"])
    pdf.set_creator("evals/corpora/make_pdf.py")
    pdf.set_producer("fpdf2")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, value in guide["blocks"]:
        if kind == "title":
            pdf.set_font("Helvetica", "B", 20)
            pdf.multi_cell(width, 10, value)
            pdf.ln(4)
        elif kind == "h":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(width, 8, value)
            pdf.ln(1)
        elif kind == "p":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(width, 6, value)
            pdf.ln(2)
        elif kind == "ul":
            pdf.set_font("Helvetica", "", 11)
            for item in value:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(width - 4, 6, f"\x95 {item}")
            pdf.ln(2)
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(width, 5, f"Source: {guide['source']}")
    out = HERE / name
    pdf.output(str(out))
    return out


def main() -> None:
    for name in GUIDES:
        out = build(name)
        print(f"wrote {out.relative_to(HERE.parent.parent)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
