"""Who a rep means: matching a name as written (张伟, Zhang Wei, 张总, a typo) to known contacts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rapidfuzz.distance import OSA, Levenshtein

from domain.entities import Account, Contact

# Surname + one of these is how Chinese reps address people (许总, 王工, 李经理).
TITLE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "总": ("总", "CEO", "CTO", "CFO", "COO", "CIO", "president", "VP", "director"),
    "董": ("董事",), "工": ("工程师", "架构", "技术", "工"), "经理": ("经理", "manager"),
    "主任": ("主任",), "处长": ("处长",), "科长": ("科长",), "部长": ("部长",), "行长": ("行长",),
    "院长": ("院长",), "博士": ("博士", "Dr"), "老师": ("老师", "教授"), "局长": ("局长",),
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
SURNAME = "surname:"


@dataclass(frozen=True)
class Match:
    """The outcome of resolving one written name: one contact, several to choose from, or none."""

    written: str
    contact: Contact | None = None
    candidates: tuple[Contact, ...] = ()
    how: str = "none"  # exact / alias / pinyin / title / typo / none

    @property
    def ambiguous(self) -> bool:
        """True when the rep must choose between several contacts."""
        return self.contact is None and len(self.candidates) > 1


def name_keys(name: str) -> set[str]:
    """Spellings a name is known by: as written, without spaces, and in pinyin both orders."""
    plain = "".join(name.split()).casefold()
    keys = {plain}
    if _CJK.search(name):
        syllables = lazy_pinyin(name)
        keys.add("".join(syllables))
        if len(syllables) >= 2:
            keys.add("".join(syllables[1:] + syllables[:1]))  # Wei Zhang: given name first
    return keys


def search_keys(name: str, aliases: Iterable[str] = ()) -> set[str]:
    """Every spelling a contact can be found by, stored (and indexed) with the contact."""
    keys: set[str] = set()
    for spelling in (name, *aliases):
        keys |= name_keys(spelling)
        words = spelling.split()
        if len(words) > 1 and not _CJK.search(spelling):
            keys.add(words[0].casefold())  # "Priya" alone finds Priya Nair
    plain = "".join(name.split())
    if _CJK.match(plain) and len(plain) >= 2:
        keys |= {SURNAME + plain[:1], SURNAME + plain[:2]} if len(plain) >= 3 else {SURNAME + plain[:1]}
    return {k[:200] for k in keys if k}


def lookup_keys(names: Iterable[str]) -> set[str]:
    """What to look a log's names up by: their spellings, and the surname of forms like 许总."""
    keys: set[str] = set()
    for written in names:
        keys |= name_keys(written)
        for suffix in TITLE_SUFFIXES:
            if _CJK.search(written) and len(written) > len(suffix) and written.endswith(suffix):
                keys.add(SURNAME + written[: -len(suffix)])
    return {k[:200] for k in keys if k}


def pinyin_aliases(name: str) -> tuple[str, ...]:
    """The pinyin a contact can be found by (Zhang Wei), kept on the contact as an alias."""
    if not _CJK.search(name):
        return ()
    syllables = [s.capitalize() for s in lazy_pinyin(name)]
    return (" ".join(syllables),) if len(syllables) >= 2 else ()


def _keys_of(contact: Contact) -> set[str]:
    keys = name_keys(contact.name)
    for alias in contact.aliases:
        keys |= name_keys(alias)
    return keys


def _by_title_form(written: str, contacts: Sequence[Contact]) -> list[Contact]:
    for suffix, hints in TITLE_SUFFIXES.items():
        if len(written) > len(suffix) and written.endswith(suffix) and _CJK.search(written):
            surname = written[: -len(suffix)]
            return [
                c for c in contacts
                if c.name.startswith(surname) and c.name != written
                and any(h.casefold() in (c.title or "").casefold() for h in hints)
            ]
    return []


def _by_typo(written: str, contacts: Sequence[Contact]) -> list[Contact]:
    """Typos as IMEs make them: a homophone (张玮 for 张伟), or one letter or character off."""
    key = "".join(written.split()).casefold()
    if _CJK.search(written):
        sound = "".join(lazy_pinyin(key))
        return [c for c in contacts if any(
            "".join(lazy_pinyin(k)) == sound or (len(key) >= 3 and len(k) == len(key) and k[0] == key[0]
                                                 and Levenshtein.distance(key, k) == 1)
            for k in _plain_names(c) if _CJK.search(k)
        )]
    if len(key) < 5:
        return []
    limit = 1 if len(key) < 10 else 2
    return [c for c in contacts if any(OSA.distance(key, k) <= limit for k in _keys_of(c))]  # a swap counts as one


def _by_given_name(written: str, contacts: Sequence[Contact]) -> list[Contact]:
    """"Priya" for Priya Nair: an English first name alone, when the log does not say more."""
    key = written.strip().casefold()
    if _CJK.search(key) or " " in key or len(key) < 2:
        return []
    return [c for c in contacts if any(n.split()[0].casefold() == key for n in (c.name, *c.aliases) if n.split())]


def _plain_names(contact: Contact) -> list[str]:
    return ["".join(n.split()).casefold() for n in (contact.name, *contact.aliases)]


def match_person(written: str, contacts: Sequence[Contact]) -> Match:
    """Resolve a written name against contacts, strongest evidence first; never guess between two."""
    key = "".join(written.split()).casefold()
    tiers = (
        ("exact", [c for c in contacts if "".join(c.name.split()).casefold() == key]),
        ("alias", [c for c in contacts if key in {"".join(a.split()).casefold() for a in c.aliases}]),
        ("pinyin", [c for c in contacts if key in _keys_of(c)] if not _CJK.search(written) else []),
        ("title", _by_title_form(written, contacts)),
        ("given", _by_given_name(written, contacts)),
        ("typo", _by_typo(written, contacts)),
    )
    for how, found in tiers:
        unique = _unique(found)
        if len(unique) == 1:
            return Match(written, unique[0], unique, how)
        if len(unique) > 1:
            return Match(written, None, unique, how)
    return Match(written)


def _unique(contacts: Iterable[Contact]) -> tuple[Contact, ...]:
    seen: dict[int, Contact] = {}
    for c in contacts:
        seen.setdefault(c.id, c)
    return tuple(seen.values())


def match_account(written: str | None, accounts: Sequence[Account]) -> Account | None:
    """The account a rep means by name or alias (case and spaces ignored), or None."""
    if not written:
        return None
    key = "".join(written.split()).casefold()
    for account in accounts:
        names = [account.name, *account.aliases]
        if key in {"".join(n.split()).casefold() for n in names}:
            return account
    return None


def search_accounts(written: str, accounts: Sequence[Account]) -> list[Account]:
    """Accounts a rep may mean by a name, alias, part of a name (北辰 → 北辰银行) or one-letter typo."""
    exact = match_account(written, accounts)
    if exact is not None:
        return [exact]
    key = "".join(written.split()).casefold()
    if len(key) < 2:
        return []
    found = []
    for account in accounts:
        names = ["".join(n.split()).casefold() for n in (account.name, *account.aliases)]
        if any(key in n or OSA.distance(key, n) <= (1 if len(key) < 8 else 2) for n in names):
            found.append(account)
    return found
