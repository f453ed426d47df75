"""The shape of an instrument: a FHIR R4 `Questionnaire` (the subset Repattern reads) and the
rules that score it and say which change matters. Plain pydantic, no Django, so `repattern
check-data` validates them without a database."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"

ItemType = Literal[
    "group", "display", "string", "text", "integer", "decimal", "choice", "boolean", "quantity"
]
ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class Coding(BaseModel):
    model_config = ConfigDict(extra="allow")

    system: str | None = None
    code: str = Field(min_length=1, max_length=100)
    display: str | None = None


class Extension(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str = Field(min_length=1)
    valueInteger: int | None = None
    valueDecimal: float | None = None
    valueString: str | None = None
    valueCoding: Coding | None = None


class AnswerOption(BaseModel):
    model_config = ConfigDict(extra="allow")

    valueInteger: int | None = None
    valueCoding: Coding | None = None
    valueString: str | None = None
    extension: list[Extension] = []

    @model_validator(mode="after")
    def one_value(self) -> AnswerOption:
        values = (self.valueInteger, self.valueCoding, self.valueString)
        if len([v for v in values if v is not None]) != 1:
            raise ValueError("give exactly one of valueInteger, valueCoding or valueString")
        return self

    def code(self) -> str:
        """What a form sends for this option."""
        if self.valueCoding is not None:
            return self.valueCoding.code
        return str(self.valueInteger if self.valueInteger is not None else self.valueString)

    def label(self) -> str:
        if self.valueCoding is not None:
            return self.valueCoding.display or self.valueCoding.code
        return str(self.valueInteger if self.valueInteger is not None else self.valueString)

    def number(self) -> float | None:
        """The option's value for scoring: its ordinal or weight extension, else the integer
        (or a numeric code) it holds; None if it has no number."""
        for ext in self.extension:
            if ext.url in (ORDINAL_VALUE, ITEM_WEIGHT):
                if ext.valueDecimal is not None:
                    return ext.valueDecimal
                if ext.valueInteger is not None:
                    return float(ext.valueInteger)
        if self.valueInteger is not None:
            return float(self.valueInteger)
        code = self.valueCoding.code if self.valueCoding else self.valueString or ""
        try:
            return float(code)
        except ValueError:
            return None


class Item(BaseModel):
    model_config = ConfigDict(extra="allow")

    linkId: str = Field(min_length=1, max_length=60)
    text: str = Field(default="", max_length=1000)
    type: ItemType
    required: bool = False
    repeats: bool = False
    maxLength: int | None = Field(default=None, ge=1, le=5000)
    extension: list[Extension] = []
    answerOption: list[AnswerOption] = []
    item: list[Item] = []

    @model_validator(mode="after")
    def consistent(self) -> Item:
        if self.type == "choice" and not self.answerOption:
            raise ValueError("a choice item needs answerOption")
        if self.type != "display" and self.type != "group" and not self.text.strip():
            raise ValueError("an item that asks something needs its text")
        low, high = self.bounds()
        if low is not None and high is not None and low >= high:
            raise ValueError(f"minValue {low:g} is not below maxValue {high:g}")
        return self

    def _extension(self, url: str) -> float | None:
        for ext in self.extension:
            if ext.url == url:
                return ext.valueDecimal if ext.valueDecimal is not None else ext.valueInteger
        return None

    def bounds(self) -> tuple[float | None, float | None]:
        """The lowest and highest answer: min/maxValue, or the numbers of the options."""
        if self.type == "choice":
            numbers = [n for n in (o.number() for o in self.answerOption) if n is not None]
            return (min(numbers), max(numbers)) if numbers else (None, None)
        return self._extension(MIN_VALUE), self._extension(MAX_VALUE)

    def unit(self) -> str:
        for ext in self.extension:
            if ext.url == UNIT and ext.valueCoding is not None:
                return ext.valueCoding.display or ext.valueCoding.code
        return ""


class Questionnaire(BaseModel):
    """A FHIR R4 Questionnaire; fields Repattern does not read (publisher, copyright...) are
    kept as they are."""

    model_config = ConfigDict(extra="allow")

    resourceType: Literal["Questionnaire"]
    id: str = Field(pattern=ID_PATTERN)
    url: str | None = None
    version: str | None = None
    title: str = Field(min_length=1, max_length=200)
    status: Literal["draft", "active", "retired", "unknown"]
    code: list[Coding] = []
    item: list[Item] = Field(min_length=1)


class Score(BaseModel):
    """How the answers become one number. `item`: the one item's answer; `mean`: the mean of
    the answered items; `sum`: their total, `reverse` items counted from the other end;
    `percent`: the total as a percentage of the most the answered items could total."""

    model_config = ConfigDict(extra="forbid")

    method: Literal["item", "mean", "sum", "percent"]
    items: list[str] = Field(min_length=1)
    item_min: float
    item_max: float
    reverse: list[str] = []
    min_answered: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def consistent(self) -> Score:
        if self.item_min >= self.item_max:
            raise ValueError("item_min must be below item_max")
        if self.method == "item" and len(self.items) != 1:
            raise ValueError("the 'item' method scores exactly one item")
        stray = sorted(set(self.reverse) - set(self.items))
        if stray:
            raise ValueError(f"reverse lists items that are not scored: {', '.join(stray)}")
        if self.min_answered is not None and self.min_answered > len(self.items):
            raise ValueError("min_answered is more than the items scored")
        return self


class Change(BaseModel):
    """Which change matters. `points` or `percent` of the baseline (either is enough); or a
    `level` the score itself reaches (a rating of change); or `mdc`: the minimal detectable
    change from the clinic's own repeated measurements."""

    model_config = ConfigDict(extra="forbid")

    points: float | None = Field(default=None, gt=0)
    percent: float | None = Field(default=None, gt=0, le=100)
    level: float | None = None
    mdc: bool = False
    source: str = Field(default="", max_length=500)

    @model_validator(mode="after")
    def says_something(self) -> Change:
        if self.points is None and self.percent is None and self.level is None and not self.mdc:
            raise ValueError("give points, percent, level or mdc (or leave change out)")
        return self


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=120)
    short: str = Field(min_length=1, max_length=40)
    kind: Literal["questionnaire", "measure"]
    licensed: bool = False
    unit: str = Field(default="", max_length=20)
    better: Literal["lower", "higher", "none"]
    score: Score
    change: Change | None = None
    observation: Coding | None = None
    qualifiers: list[str] = []
    note: str = Field(default="", max_length=1000)

    def score_range(self) -> tuple[float, float]:
        s = self.score
        if s.method == "percent":
            return 0.0, 100.0
        if s.method == "sum":
            return s.item_min * len(s.items), s.item_max * len(s.items)
        return s.item_min, s.item_max
