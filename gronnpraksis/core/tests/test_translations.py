"""The Norwegian catalogues are complete, safe to format, compiled, and used by the pages."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "gronnpraksis" / "locale"
NORWEGIAN = ["nb", "nn"]
ALL_LANGUAGES = ["nb", "nn", "en"]

# %(name)s-style placeholders (python-format) and {name}-style ones (python-brace-format).
PERCENT_PLACEHOLDER = re.compile(r"%\([^)]*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")
BRACE_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    def source(self, index: int) -> str:
        """The English text the msgstr at `index` translates (plural forms after the first use msgid_plural)."""
        return self.msgid if index == 0 or self.msgid_plural is None else self.msgid_plural


def _unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise AssertionError(f"{path}:{number}: expected a quoted string, got {text!r}")
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader: comments, flags, msgctxt, msgid, msgid_plural, msgstr[n] and continuation lines.

    Obsolete entries (#~) are skipped; a new entry starts at a blank line or at a keyword that cannot
    continue the current one.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None
    pending_flags: set[str] = set()

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if current is not None and current.msgstr:
                finish()
            pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith("#"):
            if current is not None and current.msgstr:
                finish()
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3), path, number)
            if (
                keyword in ("msgctxt", "msgid")
                and current is not None
                and (current.msgstr or keyword == "msgctxt")
            ):
                finish()
            if current is None:
                current = Entry(flags=pending_flags, line=number)
                pending_flags = set()
            if keyword == "msgctxt":
                current.msgctxt, target = value, ("msgctxt", None)
            elif keyword == "msgid":
                current.msgid, target = value, ("msgid", None)
            elif keyword == "msgid_plural":
                current.msgid_plural, target = value, ("msgid_plural", None)
            else:
                slot = int(index) if index is not None else 0
                current.msgstr[slot], target = value, ("msgstr", slot)
            continue
        if line.startswith('"') and current is not None and target is not None:
            value = _unquote(line, path, number)
            name, plural_slot = target
            if name == "msgstr" and plural_slot is not None:
                current.msgstr[plural_slot] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def mo_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"


def messages(language: str) -> list[Entry]:
    return [entry for entry in parse_po(po_path(language)) if not entry.is_header]


def header(language: str) -> dict[str, str]:
    entry = next(entry for entry in parse_po(po_path(language)) if entry.is_header)
    pairs = (line.split(":", 1) for line in entry.msgstr[0].splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def placeholders(text: str, entry: Entry) -> set[str]:
    found = set(PERCENT_PLACEHOLDER.findall(text))
    if "python-brace-format" in entry.flags:
        found |= set(BRACE_PLACEHOLDER.findall(text))
    return found


def label(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


def test_the_parser_reads_multiline_strings_plurals_and_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: nb\\n"\n\n'
        "#: a.py:1\n#, python-format\n"
        'msgid ""\n"Hello %(name)s, "\n"welcome \\"home\\"."\nmsgstr ""\n"Hei, %(name)s!\\n"\n\n'
        'msgid "one day"\nmsgid_plural "%(count)s days"\nmsgstr[0] "én dag"\nmsgstr[1] "%(count)s dager"\n'
        '#~ msgid "gone"\n#~ msgstr "borte"\n',
        encoding="utf-8",
    )
    header_entry, hello, days = parse_po(po)
    assert header_entry.is_header and header_entry.msgstr[0] == "Language: nb\n"
    assert hello.msgid == 'Hello %(name)s, welcome "home".'
    assert hello.msgstr == {0: "Hei, %(name)s!\n"}
    assert hello.flags == {"python-format"}
    assert days.msgid_plural == "%(count)s days" and days.msgstr == {0: "én dag", 1: "%(count)s dager"}


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalogue_header_names_language_charset_and_plural_forms(language):
    values = header(language)
    assert values.get("Language") == language
    assert "charset=UTF-8" in values.get("Content-Type", "")
    assert values.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_fuzzy_entries(language):
    fuzzy = [label(entry) for entry in parse_po(po_path(language)) if "fuzzy" in entry.flags]
    assert not fuzzy, f"{language}: fuzzy entries (check and translate them, then remove the flag): {fuzzy}"


@pytest.mark.parametrize("language", NORWEGIAN)
def test_every_message_is_translated(language):
    entries = messages(language)
    assert len(entries) > 100, f"{language}: the catalogue looks empty"
    untranslated = [label(entry) for entry in entries if not entry.msgstr or not all(entry.msgstr.values())]
    assert not untranslated, f"{language}: untranslated messages: {untranslated}"


@pytest.mark.parametrize("language", NORWEGIAN)
def test_plural_messages_have_both_norwegian_forms(language):
    for entry in messages(language):
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == [0, 1], (
                f"{language} {label(entry)}: expected msgstr[0] and msgstr[1]"
            )


@pytest.mark.parametrize("language", NORWEGIAN)
def test_placeholders_are_kept(language):
    problems = []
    for entry in messages(language):
        allowed = placeholders(entry.msgid, entry) | placeholders(entry.msgid_plural or "", entry)
        for index, text in entry.msgstr.items():
            if not text:
                continue
            needed = placeholders(entry.source(index), entry)
            if entry.msgid_plural is not None and index == 0:
                needed -= {"%(count)s", "%(count)d"}  # "one …" may spell the number out
            present = placeholders(text, entry)
            if not needed <= present:
                problems.append(f"{label(entry)} lacks {sorted(needed - present)} in {text!r}")
            if not present <= allowed:  # an unknown %(key)s raises KeyError when the page renders
                problems.append(f"{label(entry)} has unknown {sorted(present - allowed)} in {text!r}")
    assert not problems, f"{language}: " + "\n".join(problems)


@pytest.mark.parametrize("language", NORWEGIAN)
def test_leading_and_trailing_newlines_are_kept(language):
    problems = []
    for entry in messages(language):
        for index, text in entry.msgstr.items():
            source = entry.source(index)
            if source.startswith("\n") != text.startswith("\n") or source.endswith("\n") != text.endswith(
                "\n"
            ):
                problems.append(label(entry))
    assert not problems, f"{language}: newline mismatch: {problems}"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    """The committed .mo is what Django reads; it must hold exactly what the .po says (run compilemessages)."""
    assert mo_path(language).exists(), f"{mo_path(language)} is missing: run make messages"
    with mo_path(language).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages(language):
        if not all(entry.msgstr.values()):
            continue  # untranslated: gettext falls back to the msgid
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            got = (
                compiled.gettext(key)
                if entry.msgctxt is None
                else compiled.pgettext(entry.msgctxt, entry.msgid)
            )
            if got != entry.msgstr[0]:
                stale.append(label(entry))
        else:
            for n, index in ((1, 0), (2, 1)):
                if entry.msgctxt is None:
                    got = compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                else:
                    got = compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if got != entry.msgstr[index]:
                    stale.append(label(entry))
    assert not stale, f"{language}: the .mo is older than the .po for: {stale}"


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        ("nb", "Register", "Meld deg på"),
        ("nn", "Register", "Meld deg på"),
        ("nb", "My page", "Min side"),
        ("nn", "My page", "Mi side"),
        ("nb", "Submit a contribution", "Send inn bidrag"),
        ("nn", "Submit a contribution", "Send inn bidrag"),
        ("nb", "NOK %(price)s", "%(price)s kr"),
        ("nb", "free", "gratis"),
    ],
)
def test_key_terms(language, msgid, expected):
    with mo_path(language).open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    assert compiled.gettext(msgid) == expected


@pytest.mark.parametrize("language", NORWEGIAN)
def test_optional_fields_use_the_norwegian_word(language):
    word = {"nb": "(valgfritt)", "nn": "(valfritt)"}[language]
    wrong = [
        label(entry)
        for entry in messages(language)
        if "(optional)" in entry.msgid and word not in entry.msgstr[0]
    ]
    assert not wrong, f"{language}: “(optional)” not translated as {word}: {wrong}"


def test_front_page_is_norwegian_by_default(client, edition):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nb"' in html
    assert "Meld deg på" in html
    assert "Send inn bidrag" in html


def test_front_page_in_nynorsk(client, edition):
    html = client.get("/nn/").content.decode()
    assert 'lang="nn"' in html
    assert "Meld deg på" in html
    assert "Mi side" in html


def test_front_page_in_english(client, edition):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Register" in html
    assert "Meld deg på" not in html
