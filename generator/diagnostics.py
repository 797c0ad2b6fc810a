"""Located diagnostics with stable codes, and the catalogue that documents each code."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

DOCS_PAGE = "contributing/"  # the Contributing page, whose "#### E123" headings explain each code


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    fix: str

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code.startswith("W") else Severity.ERROR


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    code: str
    message: str
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def format(self, site_url: str | None = None) -> str:
        """One line per diagnostic (plus indented hint and link lines): path, message and
        hint come from entry files, so their control characters are shown escaped and no
        line of a build log can start with text from an entry (a ``::command``)."""
        text = (f"{one_line(self.path)}:{self.line}:{self.col}: {self.severity.value}[{self.code}]: "
                f"{one_line(self.message)}")
        if self.hint:
            text += f"\n  hint: {one_line(self.hint)}"
        link = docs_link(self.code, site_url)
        if link:
            text += f"\n  see: {link}"
        return text

    def format_github(self, site_url: str | None = None) -> str:
        kind = "error" if self.severity is Severity.ERROR else "warning"
        message = self.message + (f" (hint: {self.hint})" if self.hint else "")
        link = docs_link(self.code, site_url)
        if link:
            message += f" See {link}"
        return (
            f"::{kind} file={_gh_property(self.path)},line={self.line},col={self.col},"
            f"title={self.code}::{_gh_data(message)}"
        )


def docs_link(code: str, site_url: str | None) -> str | None:
    """Where the Contributing page explains ``code`` (its heading's anchor)."""
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"{base}{DOCS_PAGE}#{code.lower()}"


# Characters that end or rewrite a line on a terminal or in a CI log: C0/C1 controls
# (newlines, escape sequences) and the Unicode line and paragraph separators.
_LINE_BREAKING = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` on one line: control characters written as escapes (``\\n``, ``\\x1b``)."""
    return _LINE_BREAKING.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line, diagnostic.col, diagnostic.code)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    rows = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return (
        f"checked {files} file{'s' if files != 1 else ''}: "
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}"
    )


def _catalogue(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


# Stable codes: never renumber; retire a code rather than reuse it.
CODES: dict[str, Code] = _catalogue(
    # The file itself
    Code("E001", "File cannot be read or is too large",
         "Entries are small text files; keep each under the size limit and make sure it is readable."),
    Code("E002", "File is not valid UTF-8",
         "Save the file as UTF-8 (your editor's 'Save with encoding' menu)."),
    Code("E003", "Control character in the file",
         "Remove the invisible control character at the reported position; tabs and line breaks are fine."),
    Code("E004", "Symbolic link leaves the repository",
         "Replace the link with the file itself."),
    Code("E010", "File name is not YYYY-MM-DD-slug.md",
         "Rename the file to the entry's date and slug, e.g. 2026-06-02-mayo-microsoft-model.md."),
    Code("E011", "Entry file outside entries/",
         "Move the file into entries/ (or rename it if it is not an entry): "
         "only entries there are checked and published as entries."),
    # Front matter
    Code("E100", "No front matter",
         "Start the file with a line '---', the YAML fields, and another line '---'."),
    Code("E101", "Front matter is not valid YAML",
         "Fix the YAML syntax at the reported position; quote values that contain ': ' "
         "or start with a special character."),
    Code("E102", "Front matter is not a mapping",
         "The front matter must be 'key: value' lines."),
    Code("E103", "YAML anchors, aliases, tags or merge keys are not allowed",
         "Write the value out in full; entries use plain YAML only."),
    Code("E104", "Unknown front matter key",
         "Remove the key or correct its spelling; the hint names the closest known key."),
    Code("E105", "Required field missing",
         "Add the field; the required fields are title, date, tags, summary and sources."),
    Code("E106", "Field has the wrong type",
         "Give the field a value of the documented type (text, list, true/false)."),
    Code("E107", "Duplicate key in front matter",
         "Keep one of the two keys."),
    Code("E110", "Title is not one line of 10 to 200 characters",
         "Shorten or lengthen the title, and keep it on one line."),
    Code("E111", "Title contains HTML or Markdown",
         "Titles are plain text: remove the markup characters."),
    Code("E120", "Date is not a valid date",
         "Write the date as YYYY-MM-DD or an ISO 8601 date-time such as 2026-06-02T09:30:00+02:00."),
    Code("E121", "Date does not match the file name",
         "Make the file name's date and the 'date' field agree."),
    Code("E122", "'updated' is before 'date'",
         "An update comes after publication: correct 'updated' or 'date'."),
    Code("E130", "Wrong number of tags",
         "Give between 1 and 8 tags."),
    Code("E131", "Unknown tag",
         "Use a tag from entries/tags.yml (the hint names the closest), "
         "or add the tag there in the same pull request."),
    Code("E132", "Duplicate tag",
         "List each tag once."),
    Code("E140", "Summary is empty or more than one paragraph",
         "Write the lede as a single paragraph."),
    Code("E150", "No sources",
         "List at least one source with publisher and url."),
    Code("E151", "Source is missing publisher or url",
         "Each source needs 'publisher' and 'url'."),
    Code("E152", "Source URL is not an absolute http(s) URL",
         "Use the full address, starting with https:// (or http://)."),
    Code("E160", "Invalid id or alias",
         "'id' is a slug (lowercase letters, digits, single hyphens); an alias is an earlier "
         "slug, or the earlier address YYYY/MM/DD/slug if the date changed, never the current one."),
    Code("E170", "Unknown author",
         "Use an author slug from entries/authors.yml (the hint names the closest), "
         "or add the author there in the same pull request."),
    Code("E171", "Duplicate author",
         "List each author once."),
    Code("E180", "Image is missing src, alt or credit",
         "Give the image 'src', 'alt' (what it shows, for readers who cannot see it) "
         "and 'credit' (who made it), none empty."),
    Code("E181", "Image src is not an https URL or a file next to the entry",
         "Write an https:// address, or the relative path of an image file beside the entry "
         "(letters, digits, '.', '_' and '-')."),
    Code("E182", "Image file is missing or outside entries/",
         "Put the image file next to the entry (inside entries/) and check its name; "
         "names are case-sensitive."),
    Code("E183", "Image file type not allowed",
         "Use a .png, .jpg, .jpeg, .webp, .gif or .avif file."),
    Code("E184", "Image alt or credit is not one line",
         "Write the alt text (at most 300 characters) and the credit (at most 200) "
         "each on one line."),
    Code("E190", "Correction is missing its date or note",
         "Each correction is a 'date' and a 'note'; leave 'corrections' out if there are none."),
    Code("E191", "Correction date is not a valid date",
         "Write the date as YYYY-MM-DD or an ISO 8601 date-time."),
    Code("E192", "Correction is dated before the entry",
         "A correction comes after publication: correct its date or the entry's 'date'."),
    Code("E193", "Correction note is not one line",
         "Write the note as one line of plain text, at most 500 characters."),
    # Body
    Code("E200", "Required section missing",
         "Add the three sections in order: '## What's new', '## Context', '## Why it matters'."),
    Code("E201", "Section is empty or has the wrong content",
         "'What's new' is a bullet list; 'Context' and 'Why it matters' have at least one paragraph."),
    Code("E202", "Section appears twice",
         "Merge the two sections into one."),
    Code("E203", "Sections out of order",
         "Order the sections: What's new, Context, Why it matters."),
    Code("E204", "Unexpected heading or text outside the sections",
         "Only the three level-2 sections are allowed; put text inside them "
         "and use bold text instead of extra headings."),
    Code("E210", "Raw HTML is not allowed",
         "Use Markdown instead of HTML; write &lt; as '<' inside `code` if you need the character."),
    Code("E211", "Link scheme not allowed",
         "Links must be http(s), mailto or relative; javascript:, data:, file: and others are refused."),
    Code("E212", "Image without alt text",
         "Describe the image: `![what it shows](https://...)`."),
    Code("E213", "Markdown extension syntax not allowed",
         "File includes ('--8<--') and attribute lists ('{: ...}', '{#id}', '{.class}') are not allowed in entries."),
    Code("E214", "Placeholder text left in the entry",
         "Replace every 'TODO' placeholder that 'digest new' wrote with real text."),
    Code("E215", "Lists or quotes nested too deeply",
         "Nest lists and block quotes at most 4 levels deep; a brief rarely needs more than two."),
    # Across files
    Code("E300", "Two entries have the same slug",
         "Slugs are unique: rename one of the files (and keep the old slug in 'aliases' if it was published)."),
    Code("E301", "Alias collides with another entry's URL or alias",
         "Remove the alias or rename it."),
    Code("E302", "Two entries have the same id",
         "Ids are unique: give one of them another id."),
    # What readers already have (digest check --changed-since)
    Code("E310", "Published entry deleted without a redirect",
         "If the entry moved, list its old address in the aliases of the entry that replaces it "
         "(the old slug, or YYYY/MM/DD/slug if the date changed); a published entry is never "
         "simply deleted."),
    Code("E311", "Published entry changes its feed identity",
         "Set 'id' to the old entry's identity (its old slug, or its old 'id'), so feed readers "
         "do not show the entry twice."),
    # Tag vocabulary
    Code("E400", "Tag vocabulary file is invalid",
         "entries/tags.yml maps each tag slug to 'name' and 'description'."),
    Code("E401", "Tag slug is invalid",
         "Tag slugs are lowercase letters, digits and single hyphens."),
    # Author vocabulary
    Code("E410", "Author vocabulary file is invalid",
         "entries/authors.yml maps each author slug to 'name' and an optional 'url'."),
    Code("E411", "Author slug is invalid",
         "Author slugs are lowercase letters, digits and single hyphens."),
    Code("E412", "Author URL is not an absolute http(s) URL",
         "Use the full address of the author's page, starting with https:// (or http://)."),
    # Editor's notes (entries/editions/YYYY-MM-DD.md)
    Code("E500", "Editor's note name is not YYYY-MM-DD.md",
         "Name the note after the first day of its edition, e.g. entries/editions/2026-11-23.md."),
    Code("E501", "Editor's note date is not the first day of an edition",
         "Rename the note to the first day of its period (the hint names it); the period and "
         "the first day of the week are the 'editions' and 'week_start' settings."),
    Code("E502", "Editor's note front matter is missing or not valid YAML",
         "Start the note with '---', the fields, and another '---' line; the intro follows."),
    Code("E503", "Unknown or repeated key in an editor's note",
         "The keys are 'title' and 'top', each once; the intro is the text below the front matter."),
    Code("E504", "Editor's note field has the wrong type or length",
         "'title' is one line of 3 to 200 characters of plain text, 'top' an entry's slug or id."),
    Code("E505", "Editor's note intro is empty or more than one paragraph",
         "Write the intro as a single paragraph below the front matter."),
    Code("E506", "Editor's note intro has raw HTML or a refused link",
         "Use Markdown, and http(s), mailto or relative links only."),
    Code("E507", "Top story is not an entry",
         "Set 'top' to the slug (file name without date) or the 'id' of a brief of the edition."),
    Code("E508", "Top story is not in the edition's period",
         "Pick a brief dated within the edition, or move the pick to the note of its own edition."),
    Code("E509", "Top story is a draft",
         "Drafts are never in an edition: publish the brief first, or pick another."),
    # Warnings
    Code("W100", "Source has no quote",
         "Add the corroborating sentence as 'quote'."),
    Code("W140", "Summary of a draft is empty",
         "Write the lede before the draft is published; until then the draft builds and stays off the site."),
    Code("W201", "Section of a draft is empty",
         "Write the section before the draft is published; until then the draft builds and stays off the site."),
    Code("W214", "Placeholder text left in a draft",
         "Replace every 'TODO' before setting 'draft: false'; in a draft it is a reminder, not an error."),
    Code("W400", "Tag is not used by any entry",
         "Use the tag or remove it from entries/tags.yml."),
    Code("W401", "Tags look like near-duplicates",
         "Merge the two tags if they mean the same thing."),
)
