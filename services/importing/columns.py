"""Which field each column feeds: Rapport's own headers, Salesforce, HubSpot and common Chinese ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("contacts", "accounts", "links")

# Header spellings after normalising (case, spaces, dots, dashes and underscores removed).
CONTACT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "contactname", "姓名", "联系人", "名字"),
    "first_name": ("firstname", "givenname", "名"),
    "last_name": ("lastname", "surname", "familyname", "姓"),
    "account": ("account", "accountname", "company", "companyname", "associatedcompany", "organization",
                "organisation", "客户", "公司", "单位", "客户名称", "公司名称"),
    "title": ("title", "jobtitle", "position", "职位", "职务", "头衔"),
    "department": ("department", "dept", "部门"),
    "aliases": ("aliases", "alias", "nickname", "englishname", "pinyin", "别名", "英文名"),
    "stance": ("stance", "态度", "立场"),
    "importance": ("importance", "重要性", "重要度"),
    "closeness": ("closeness", "亲密度", "关系"),
    "trust_stage": ("truststage",),
    "birthday": ("birthday", "birthdate", "dateofbirth", "dob", "生日", "出生日期"),
    "birthday_lunar": ("birthdaylunar", "lunar", "农历"),
    "email": ("email", "emailaddress", "workemail", "邮箱", "电子邮件", "邮件"),
    "phone": ("phone", "phonenumber", "businessphone", "workphone", "电话", "办公电话"),
    "mobile": ("mobile", "mobilephone", "mobilephonenumber", "cellphone", "手机", "手机号"),
    "do_not_contact": ("donotcontact", "donotcall", "hasoptedoutofemail", "勿扰"),
    "owner": ("owner", "ownername", "contactowner", "负责人", "销售"),
}
ACCOUNT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "accountname", "company", "companyname", "客户", "客户名称", "公司名称"),
    "aliases": ("aliases", "alias", "别名", "简称"),
    "industry": ("industry", "行业"),
    "region": ("region", "territory", "billingstate", "billingcity", "state", "地区", "区域", "省份"),
    "owner": ("owner", "ownername", "accountowner", "companyowner", "负责人", "销售"),
}
LINK_FIELDS: dict[str, tuple[str, ...]] = {
    "from": ("from", "fromcontact", "source"),
    "from_account": ("fromaccount",),
    "kind": ("kind", "relation", "relationship", "type", "关系"),
    "to": ("to", "tocontact", "target"),
    "to_account": ("toaccount",),
    "strength": ("strength", "强度"),
}
FIELDS = {"contacts": CONTACT_FIELDS, "accounts": ACCOUNT_FIELDS, "links": LINK_FIELDS}

# Columns holding identity numbers are dropped whole, before any cell is read.
_IDENTITY = re.compile(r"身份证|证件|护照|passport|idnumber|idcard|nationalid|ssn|socialsecurity|taxid", re.I)
_PERSON_ONLY = {"firstname", "lastname", "title", "jobtitle", "email", "phone", "phonenumber", "birthdate",
                "birthday", "stance", "importance", "closeness", "姓", "名", "姓名", "职位", "职务"}


def normalise(header: str) -> str:
    """A header reduced to what identifies it: `Account.Name`, `Account Name` and `account_name` agree."""
    return re.sub(r"[\s._\-/()（）]+", "", header.lstrip("\ufeff")).casefold()


@dataclass(frozen=True)
class Mapping:
    """Column index → field, the columns ignored, and those dropped for holding identity numbers."""

    fields: dict[int, str]
    ignored: tuple[str, ...]
    dropped: tuple[str, ...]


def map_columns(kind: str, header: tuple[str, ...]) -> Mapping:
    """Match each header to a field of the kind; the first column a field matches wins."""
    spellings = {s: field for field, names in FIELDS[kind].items() for s in names}
    fields: dict[int, str] = {}
    ignored: list[str] = []
    dropped: list[str] = []
    for i, raw in enumerate(header):
        key = normalise(raw)
        if _IDENTITY.search(key):
            dropped.append(raw)
        elif key in spellings and spellings[key] not in fields.values():
            fields[i] = spellings[key]
        elif raw:
            ignored.append(raw)
    return Mapping(fields, tuple(ignored), tuple(dropped))


def identity_columns(header: tuple[str, ...]) -> tuple[str, ...]:
    """The columns holding identity numbers (身份证, passport, SSN …), which are never read."""
    return tuple(h for h in header if _IDENTITY.search(normalise(h)))


def guess_kind(header: tuple[str, ...]) -> str | None:
    """links when there are from and to columns, contacts when any column is about a person, else accounts."""
    keys = {normalise(h) for h in header}
    if {"from", "to"} <= keys:
        return "links"
    if keys & _PERSON_ONLY or "account" in keys or "accountname" in keys and keys & {"name", "fullname"}:
        return "contacts"
    if keys & set(ACCOUNT_FIELDS["name"]):
        return "accounts"
    return None
