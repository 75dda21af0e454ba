"""The words of the generated pages, in the site's language.

Every heading, lane, column and sentence the core writes is a label looked up
by key in a catalogue: ``locales/<language>.yml``, one file per language,
English (``en.yml``) the base. A language's file may lack a key: that label
stays English. A site overrides single labels in ``mkdocs.yml`` (the plugin's
``labels:`` option). Adding a language is adding one file.

A label is a template with named placeholders (``{n} maps in {folders}``);
a counted label has one form per plural category of its language (``one``,
``few``, ``many``, ``other``). Labels are site text, not author text: they
go into Markdown as written, and the values filled in are already safe.
"""

from __future__ import annotations

import decimal
import string
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import babel
import babel.numbers
import yaml

from ..model.fields import did_you_mean

Text = str | Mapping[str, str]  # a label, or the forms of a counted one by plural category

BASE = "en"
#: Other names of a language, as Material's ``theme.language`` accepts them.
ALIASES = {"zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-hans": "zh", "zh-cn": "zh"}


#: The plural categories of the Unicode CLDR, in its order.
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


@cache
def plural_rule(language: str) -> Callable[[int], str]:
    """The CLDR plural rule of ``language`` for a count (Babel's data, every locale the
    CLDR knows); English's for a language it does not know."""
    try:
        return babel.Locale.parse(language, sep="-").plural_form
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale("en").plural_form


@cache
@cache
def _locale(language: str) -> babel.Locale:
    try:
        return babel.Locale.parse(language, sep="-")
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale(BASE)


@lru_cache(maxsize=8192)  # a site shows the same scores and figures over and over
def format_number(value: float, decimals: int, fixed: bool, language: str) -> str:
    """``value`` as ``language`` writes it (Babel's CLDR data): 3,5 in Polish, 3.5 in
    English, 12 500 in Russian; at most ``decimals`` decimals, exactly so many if
    ``fixed``."""
    pattern = "#,##0" + ("." + ("0" if fixed else "#") * decimals if decimals else "")
    # Babel rounds in a Decimal context of 28 digits, too few for a value of 1e26 with
    # decimals (the fuzzer's find): give it room for any float's integer part
    with decimal.localcontext(decimal.Context(prec=400)):
        return babel.numbers.format_decimal(value, format=pattern, locale=_locale(language))


def plural_categories(language: str) -> tuple[str, ...]:
    """The forms a counted label needs in ``language``: those that whole numbers take.
    CLDR rules look at n % 10, n % 100 and, for "many" in French and its kin, whole
    millions: so 0 to 999 and a million meet every category a count can take."""
    rule = plural_rule(language)
    found = {rule(n) for n in (*range(1000), 10**6)}
    return tuple(form for form in PLURAL_FORMS if form in found)


@dataclass(frozen=True)
class Labels:
    """The labels of one language, every key present (missing ones are English)."""

    language: str = BASE
    texts: Mapping[str, Text] = field(default_factory=dict, repr=False)
    #: the letters in the language's order; names sort by it (empty: by code point)
    alphabet: str = ""

    def __getitem__(self, key: str) -> str:
        return self(key)

    def __call__(self, key: str, **values: Any) -> str:
        """The label ``key`` with its placeholders filled in."""
        text = self.texts[key]
        if not isinstance(text, str):
            raise TypeError(f"label {key} is counted: use Labels.count()")
        return text.format(**values) if values else text

    def count(self, key: str, n: int, **values: Any) -> str:
        """The form of a counted label for ``n``; ``{n}`` in it is the number."""
        forms = self.texts[key]
        if isinstance(forms, str):
            return forms.format(n=n, **values)
        category = plural_rule(self.language)(n)
        return forms.get(category, forms.get("other", "")).format(n=n, **values)

    def number(self, value: float, decimals: int = 2, *, fixed: bool = False) -> str:
        """A figure as the site's language writes it (``format_number``)."""
        return format_number(value, decimals, fixed, self.language)

    def state(self, state: str) -> str:
        """A map's state (``current``, ``future``) in words: as-is, to-be."""
        return self(f"state.{state}")

    def sort_key(self, name: str) -> tuple[tuple[int, ...], str, str]:
        """Orders names by the language's alphabet: Polish Ł after L, before M.

        Letters outside the alphabet count as their base letter (é as e)
        when it is in the alphabet; other letters follow the alphabet's,
        digits and signs come before. Equal names then fall back to case and
        accents, so the order is stable.
        """
        return _sort_key(self.alphabet, name)


#: Every report sorts the maps by title, some once a row: the same few thousand names.
@lru_cache(maxsize=16384)
def _sort_key(alphabet: str, name: str) -> tuple[tuple[int, ...], str, str]:
    folded = name.casefold()
    if not alphabet:
        return (), folded, name
    return tuple(_rank(alphabet, char) for char in folded), folded, name


def _rank(alphabet: str, char: str) -> int:
    ranks = _ranks(alphabet)
    rank = ranks.get(char)
    if rank is None:
        base = unicodedata.normalize("NFD", char)[0]
        rank = ranks.get(base)
    if rank is not None:
        return 0x110000 + rank  # after digits and signs, before other letters
    if char.isalpha():
        return 0x110000 + len(alphabet) + ord(char)
    return ord(char)


@cache
def _ranks(alphabet: str) -> dict[str, int]:
    return {char: i for i, char in enumerate(alphabet)}


@dataclass(frozen=True)
class LoadedLabels:
    """Labels for a site, with what was wrong in asking for them."""

    labels: Labels
    #: the language has no catalogue: the site stays English (never fails a build)
    warnings: list[str] = field(default_factory=list)
    #: an override that cannot be used (unknown key, wrong placeholders): fails --strict
    errors: list[str] = field(default_factory=list)


def languages() -> list[str]:
    """The languages that have a catalogue."""
    folder = resources.files(__package__).joinpath("locales")
    return sorted(item.name.removesuffix(".yml") for item in folder.iterdir()
                  if item.name.endswith(".yml"))


def resolve_language(language: str | None) -> str | None:
    """The catalogue for a ``theme.language`` code (``zh-TW`` is ``zh-Hant``, ``de-AT``
    is ``de``), or None when there is none."""
    if not language:
        return BASE
    known = {code.casefold(): code for code in languages()}
    wanted = language.strip().replace("_", "-").casefold()
    wanted = ALIASES.get(wanted, wanted).casefold()
    return known.get(wanted) or known.get(wanted.split("-")[0])


#: PyYAML's C loader where PyYAML was built with libyaml (about ten times quicker)
_CATALOGUE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def read_catalogue(language: str) -> dict[str, Any]:
    """A locale file as it is: ``name``, ``plural``, ``alphabet`` and ``labels``."""
    path = resources.files(__package__).joinpath("locales", f"{language}.yml")
    # the package's own files, so the C loader's speed is safe to take: a build or a
    # `journeymaps check` reads English on every start
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_CATALOGUE_LOADER)
    return {**data, "labels": flatten(data.get("labels") or {})}


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested sections as dotted keys; a mapping of plural forms is one label."""
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping) and not (value and set(value) <= set(PLURAL_FORMS)):
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def placeholders(text: Text) -> set[str]:
    """The names a label fills in (in any of its forms)."""
    forms = [text] if isinstance(text, str) else list(text.values())
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(str(form))
            if name is not None}


def load_labels(language: str | None = BASE,
                overrides: Mapping[str, Any] | None = None) -> LoadedLabels:
    """The labels of ``language``, English where it has none, then the site's overrides."""
    warnings: list[str] = []
    resolved = resolve_language(language)
    if resolved is None:
        warnings.append(f"theme.language '{language}': journeymaps has no labels in this "
                        f"language, its pages stay English (it has {', '.join(languages())}); "
                        "override labels under the plugin's 'labels:' option, or add a "
                        "locale file (see the languages guide)")
        resolved = BASE
    base = read_catalogue(BASE)
    catalogue = read_catalogue(resolved)
    texts = {**base["labels"], **catalogue["labels"]}
    errors = []
    for key, value in flatten(overrides or {}).items():
        error = override_error(key, value, base["labels"], plural_categories(resolved))
        if error:
            errors.append(f"labels.{key}: {error}; that label is left as it was")
        else:
            texts[key] = value
    labels = Labels(resolved, texts, catalogue.get("alphabet") or "")
    return LoadedLabels(labels, warnings, errors)


def override_error(key: str, value: Any, english: Mapping[str, Text],
                   categories: tuple[str, ...]) -> str | None:
    """What makes ``value`` unusable as the label ``key`` (None when it is fine)."""
    if key not in english:
        return f"no such label{did_you_mean(key, list(english))} (the languages guide lists them)"
    counted = not isinstance(english[key], str)
    if isinstance(value, Mapping) and counted:
        if not all(isinstance(form, str) for form in value.values()):
            return "each plural form must be text"
        missing = [c for c in categories if c not in value]
        if missing:
            return f"the plural forms {', '.join(missing)} are missing"
    elif not isinstance(value, str):
        return ("must be text, or a mapping of plural forms to text" if counted
                else "must be text")
    try:
        used = placeholders(value)
    except ValueError as error:
        return f"{error} (write {{{{ and }}}} for a brace)"
    unknown = used - placeholders(english[key])
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in sorted(placeholders(english[key])))
        return (f"unknown placeholder {', '.join(f'{{{n}}}' for n in sorted(unknown))}; "
                f"this label may use {allowed or 'none'}")
    return None


ENGLISH = load_labels(BASE).labels
