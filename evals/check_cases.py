"""Checks the eval datasets against their corpora (standard library only).

For each dataset and its corpus folder:
- every expected fact (each alternative of a nested list) occurs in some guide's text, case- and
  whitespace-insensitively (as the eval's fact check reads answers), and in a guide that one of the
  case's evidence strings points at;
- every evidence string is 5-60 characters and occurs in some guide's text once lower-cased with only
  letters and digits kept (as the eval's support check reads passages);
- unanswerable cases have no facts and no evidence; history turns are well formed; ids are unique
  (across both datasets);
- every guide file has at least MIN_PER_FILE cases whose evidence points at it;
- the folder's expect.json names every guide file, and its furniture and fact strings occur verbatim
  in the file (raw text for .txt/.md, visible text for .html, the generator's text for .pdf).

Guide text: .txt/.md as stored; .html with tags, scripts, styles and <head> stripped; .pdf the text kept
in evals/corpora/make_pdf.py (plain_text), so no PDF library is needed.
- a case's optional `guides` (the guide files it is about) names files of the corpus, and an answerable
  case's evidence occurs in at least one of them; no site has guides in two suites.

Run: python evals/check_cases.py [SUITE ...]      (default: every suite with an expect.json; exit 1 on failure)
     python evals/check_cases.py --corpus evals/corpora/NEW --dataset evals/datasets/NEW.jsonl
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"
MIN_PER_FILE = 8
GUIDE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


class _Visible(html.parser.HTMLParser):
    """Visible text of an HTML page: no <head>, <script>, <style>, <noscript>, <template>; blocks on new lines."""

    SKIP = {"head", "script", "style", "noscript", "template"}
    BLOCK = {
        "p",
        "div",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "br",
        "caption",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "main",
        "ul",
        "ol",
        "table",
        "form",
        "aside",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(raw: str) -> str:
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _pdf_generator():
    spec = importlib.util.spec_from_file_location("make_pdf", CORPORA / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # make_pdf imports fpdf only inside build()
    return module


def guide_texts(folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    make_pdf = None
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in GUIDE_SUFFIXES:
            continue
        if path.suffix.lower() == ".pdf":
            make_pdf = make_pdf or _pdf_generator()
            texts[path.name] = make_pdf.plain_text(f"{folder.name}/{path.name}")
        elif path.suffix.lower() in {".html", ".htm"}:
            texts[path.name] = html_text(path.read_text(encoding="utf-8"))
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def alnum(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", s.lower())


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s.lower())


def ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def check_dataset(
    split: str, path: Path, texts: dict[str, str], seen_ids: set[str], errors: list[str]
) -> Counter:
    per_file: Counter = Counter()
    counts = Counter()
    alnum_texts = {name: alnum(t) for name, t in texts.items()}
    squash_texts = {name: squash(t) for name, t in texts.items()}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: not JSON ({exc})")
            continue
        cid = case.get("id")
        where = f"{path.name}:{n} [{cid}]"
        missing = {"id", "question", "expected_facts", "evidence", "answerable"} - case.keys()
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}")
            continue
        if cid in seen_ids:
            errors.append(f"{where}: duplicate id")
        seen_ids.add(cid)
        if not isinstance(case["question"], str) or not case["question"].strip():
            errors.append(f"{where}: empty question")
        history = case.get("history")
        if history is not None:
            counts["follow-ups"] += 1
            if (
                not isinstance(history, list)
                or not history
                or any(
                    not isinstance(t, dict)
                    or t.get("role") not in {"user", "assistant"}
                    or not isinstance(t.get("content"), str)
                    for t in history
                )
            ):
                errors.append(f"{where}: history must be a non-empty list of {{role, content}} turns")
        guides = case.get("guides")
        if guides is not None and (
            not isinstance(guides, list) or any(not isinstance(g, str) or g not in texts for g in guides)
        ):
            errors.append(f"{where}: guides must list file names of this corpus, got {guides!r}")
        facts, evidence = case["expected_facts"], case["evidence"]
        if not case["answerable"]:
            counts["unanswerable"] += 1
            if facts or evidence:
                errors.append(f"{where}: unanswerable case with facts or evidence")
            continue
        counts["answerable"] += 1
        if not facts or not evidence:
            errors.append(f"{where}: answerable case needs facts and evidence")
        ev_files: set[str] = set()
        for e in evidence:
            if not 5 <= len(e) <= 60:
                errors.append(f"{where}: evidence {e!r} is {len(e)} characters (5-60)")
            hits = {name for name, t in alnum_texts.items() if alnum(e) and alnum(e) in t}
            if not hits:
                errors.append(f"{where}: evidence {e!r} occurs in no {split} guide")
            ev_files |= hits
        for name in ev_files:
            per_file[name] += 1
        if guides and ev_files and not ev_files & set(guides):
            errors.append(f"{where}: evidence points at {sorted(ev_files)}, none of its guides {guides}")
        for fact in facts:
            options = fact if isinstance(fact, list) else [fact]
            if not options or not all(isinstance(o, str) and o.strip() for o in options):
                errors.append(f"{where}: empty fact {fact!r}")
                continue
            for o in options:
                if not any(squash(o) in t for t in squash_texts.values()):
                    errors.append(f"{where}: fact {o!r} occurs in no {split} guide")
            if ev_files and not any(squash(o) in squash_texts[name] for o in options for name in ev_files):
                errors.append(
                    f"{where}: fact {fact!r} is in none of the guides its evidence points at {sorted(ev_files)}"
                )
    print(
        f"{split}: {counts['answerable'] + counts['unanswerable']} cases: {counts['answerable']} answerable, "
        f"{counts['unanswerable']} unanswerable ({counts['unanswerable'] / max(1, counts['answerable'] + counts['unanswerable']):.0%}), "
        f"{counts['follow-ups']} follow-ups"
    )
    for name in sorted(texts):
        flag = "" if per_file[name] >= MIN_PER_FILE else f"   <-- fewer than {MIN_PER_FILE}"
        print(f"  {per_file[name]:3d}  {name}{flag}")
        if per_file[name] < MIN_PER_FILE:
            errors.append(f"{split}/{name}: {per_file[name]} cases point at it (want {MIN_PER_FILE})")
    return per_file


def check_expect(folder: Path, texts: dict[str, str], errors: list[str]) -> None:
    path = folder / "expect.json"
    if not path.exists():
        errors.append(f"{path}: missing")
        return
    expect = json.loads(path.read_text(encoding="utf-8"))
    for name in sorted(set(texts) - set(expect)):
        errors.append(f"{path.name} ({folder.name}): no entry for {name}")
    for name, entry in expect.items():
        where = f"{folder.name}/expect.json [{name}]"
        if name not in texts:
            errors.append(f"{where}: no such guide file")
            continue
        for key in ("site", "title", "role", "furniture", "facts"):
            if key not in entry:
                errors.append(f"{where}: missing {key}")
        raw = (folder / name).read_text(encoding="utf-8") if name.endswith((".txt", ".md")) else texts[name]
        for key in ("furniture", "facts"):
            for s in entry.get(key, []):
                found = s in raw if name.endswith((".txt", ".md")) else ws(s) in ws(raw)
                if not found:
                    errors.append(f"{where}: {key} string {s!r} not in the file's text")
        if not 2 <= len(entry.get("facts", [])) <= 5:
            errors.append(f"{where}: {len(entry.get('facts', []))} facts (want 2-5)")


def _suites() -> dict[str, tuple[Path, Path]]:
    """Every suite of evals/suites.toml whose corpus has an expect.json: name -> (corpus folder, dataset)."""
    import tomllib

    data = tomllib.loads((HERE / "suites.toml").read_text(encoding="utf-8"))
    out = {}
    for name, suite in data.get("suites", {}).items():
        folder = HERE.parent / suite["corpus"]
        if (folder / "expect.json").exists():
            out[name] = (folder, HERE.parent / suite["dataset"])
    return out


def _args(argv: list[str]) -> tuple[dict[str, tuple[Path, Path]], int]:
    import argparse

    ap = argparse.ArgumentParser(description="Check eval datasets against their corpora.")
    ap.add_argument(
        "suites",
        nargs="*",
        help="suite names of evals/suites.toml (default: every suite with an expect.json)",
    )
    ap.add_argument(
        "--corpus", type=Path, help="one corpus folder (with --dataset), e.g. a pool folder being written"
    )
    ap.add_argument("--dataset", type=Path, help="the JSONL dataset for --corpus")
    ap.add_argument(
        "--min-per-file", type=int, default=MIN_PER_FILE, help="cases that must point at each guide"
    )
    a = ap.parse_args(argv)
    if a.corpus or a.dataset:
        if not (a.corpus and a.dataset):
            ap.error("--corpus and --dataset go together")
        return {a.corpus.name: (a.corpus, a.dataset)}, a.min_per_file
    known = _suites()
    unknown = [s for s in a.suites if s not in known]
    if unknown:
        ap.error(f"unknown suite(s) {unknown}; known: {sorted(known)}")
    return ({s: known[s] for s in a.suites} if a.suites else known), a.min_per_file


def main(argv: list[str] | None = None) -> int:
    global MIN_PER_FILE
    chosen, MIN_PER_FILE = _args(sys.argv[1:] if argv is None else argv)
    errors: list[str] = []
    seen_ids: set[str] = set()
    sites: dict[str, set[str]] = {}
    default = MIN_PER_FILE
    for split, (folder, dataset) in chosen.items():
        # a fresh-pages set is small by design (50+ cases on 10+ pages): 4 cases a guide
        MIN_PER_FILE = min(default, 4) if split.startswith("fresh") else default
        texts = guide_texts(folder)
        check_dataset(split, dataset, texts, seen_ids, errors)
        check_expect(folder, texts, errors)
        expect_path = folder / "expect.json"
        if expect_path.exists():
            sites[split] = {
                e.get("site") for e in json.loads(expect_path.read_text(encoding="utf-8")).values()
            }
    names = sorted(sites)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if sites[a] & sites[b]:
                errors.append(f"sites in both {a} and {b}: {sorted(sites[a] & sites[b])}")
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} failure(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
