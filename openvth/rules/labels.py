"""Code lists of the rules with the Dutch label of each code beside it (one place for both).

A member is written `NAME = "code", "label"`: it is its code (a `str`, stored and compared), `member.label` says it
in Dutch, `labels()` maps every member to its label and `choices()` gives the (code, label) pairs of a form or a
model field."""

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    label: str

    def __new__(cls, code: str, label: str = "") -> Self:  # `X(code)` finds a member: the label is only declared
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict["LabelledEnum", str]:
        return {member: member.label for member in cls}

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]
