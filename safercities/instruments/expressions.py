"""A safe evaluator for the subset of XLSForm (XPath 1.0) expressions the Hub understands.

Supported: ``${name}`` references, ``.`` (the current answer, for constraints), string
literals in single or double quotes, numbers, ``= != < <= > >=``, ``+ - * div mod``,
``and``/``or``, parentheses and the functions ``not()``, ``selected()``,
``count-selected()``, ``string-length()``, ``number()``, ``true()`` and ``false()``.

Expressions are tokenized and parsed into closures once; evaluation never uses ``eval``.
Values follow XPath 1.0 rules: references evaluate to strings (an unanswered question is
``''``), comparisons against a number compare numerically, ``<``/``>`` always compare
numerically, and a number that cannot be parsed is NaN (so ``${age} > 3`` is false when
``age`` is empty).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

Value = str | float | bool
Evaluator = Callable[[Mapping[str, object], object], Value]


#: How deeply parentheses, function calls and unary minus may nest in one expression.
#: Chains (``a or b or c``, ``1 + 2 + 3``) do not nest: they are evaluated in a loop.
MAX_DEPTH = 32


class ExpressionError(ValueError):
    """The expression is malformed or uses something outside the supported subset.

    ``code`` and ``params`` say what is wrong in a stable form (for translation); the
    message is the English wording.
    """

    def __init__(self, message: str, code: str = "syntax", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | \$\{(?P<ref>[^}]*)\}
  | (?P<number>\d+(?:\.\d*)?|\.\d+)
  | '(?P<sq>[^']*)'
  | "(?P<dq>[^"]*)"
  | (?P<op>!=|<=|>=|=|<|>|\(|\)|,|\+|-|\*)
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.-]*)
    """,
    re.VERBOSE,
)
_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*")

_FUNCTIONS: dict[str, tuple[int, int]] = {
    # name: (min args, max args)
    "not": (1, 1),
    "selected": (2, 2),
    "count-selected": (1, 1),
    "string-length": (1, 1),
    "number": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # ref, number, string, op, dot, name, end
    text: str
    pos: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        match = _TOKEN_RE.match(source, pos)
        if match is None:
            raise ExpressionError(f"Unexpected character {source[pos]!r} at position {pos + 1}.")
        kind = match.lastgroup
        if kind == "ref":
            tokens.append(_Token("ref", match.group("ref").strip(), pos))
        elif kind in ("sq", "dq"):
            tokens.append(_Token("string", match.group(kind), pos))
        elif kind != "ws":
            tokens.append(_Token(kind, match.group(kind), pos))
        pos = match.end()
    tokens.append(_Token("end", "", pos))
    return tokens


# --- XPath value conversions -----------------------------------------------------------


def to_xpath_string(value: object) -> str:
    """The string an ODK client would hold for a clean answer value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_to_string(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return " ".join(to_xpath_string(item) for item in value)
    return str(value)


def _number_to_string(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _to_number(value: Value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    if _NUMBER_RE.fullmatch(value):
        return float(value)
    return math.nan


def _to_bool(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not (value == 0 or math.isnan(value))
    return value != ""


def _to_string(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_to_string(value)
    return value


def _equals(left: Value, right: Value) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return _to_bool(left) == _to_bool(right)
    if isinstance(left, float) or isinstance(right, float):
        return _to_number(left) == _to_number(right)
    return left == right


_RELATIONAL: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _arith(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:  # XPath: division by zero gives +-Infinity or NaN, never an exception
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)
    if op == "div":
        return a / b
    return math.fmod(a, b)


# --- parser ----------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.index = 0
        self.refs: list[str] = []
        self.uses_current = False
        self.depth = 0

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"The expression nests more than {MAX_DEPTH} levels deep "
                f"(at position {self.current.pos + 1}).",
                "too_deep",
                limit=MAX_DEPTH,
                position=self.current.pos + 1,
            )

    def _leave(self) -> None:
        self.depth -= 1

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def _accept(self, kind: str, text: str | None = None) -> _Token | None:
        token = self.current
        if token.kind == kind and (text is None or token.text == text):
            self.index += 1
            return token
        return None

    def _expect(self, kind: str, text: str) -> None:
        if self._accept(kind, text) is None:
            raise self._error(f"expected {text!r}")

    def _error(self, what: str) -> ExpressionError:
        token = self.current
        found = "end of expression" if token.kind == "end" else repr(token.text)
        return ExpressionError(f"Syntax error at position {token.pos + 1}: {what}, found {found}.")

    def parse(self) -> Evaluator:
        if self.current.kind == "end":
            raise ExpressionError("The expression is empty.")
        node = self._or()
        if self.current.kind != "end":
            raise self._error("expected an operator")
        return node

    def _or(self) -> Evaluator:
        operands = [self._and()]
        while self._accept("name", "or"):
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else _make_or(operands)

    def _and(self) -> Evaluator:
        operands = [self._equality()]
        while self._accept("name", "and"):
            operands.append(self._equality())
        return operands[0] if len(operands) == 1 else _make_and(operands)

    def _equality(self) -> Evaluator:
        first = self._relational()
        rest: list[tuple[Callable[[Value, Value], Value], Evaluator]] = []
        while self.current.kind == "op" and self.current.text in ("=", "!="):
            negate = self.current.text == "!="
            self.index += 1
            rest.append((_not_equal if negate else _equals, self._relational()))
        return _make_chain(first, rest)

    def _relational(self) -> Evaluator:
        first = self._additive()
        rest: list[tuple[Callable[[Value, Value], Value], Evaluator]] = []
        while self.current.kind == "op" and self.current.text in _RELATIONAL:
            compare = _RELATIONAL[self.current.text]
            self.index += 1
            rest.append((_compare_with(compare), self._additive()))
        return _make_chain(first, rest)

    def _additive(self) -> Evaluator:
        first = self._multiplicative()
        rest: list[tuple[Callable[[Value, Value], Value], Evaluator]] = []
        while self.current.kind == "op" and self.current.text in ("+", "-"):
            op = self.current.text
            self.index += 1
            rest.append((_arith_with(op), self._multiplicative()))
        return _make_chain(first, rest)

    def _multiplicative(self) -> Evaluator:
        first = self._unary()
        rest: list[tuple[Callable[[Value, Value], Value], Evaluator]] = []
        while (self.current.kind == "op" and self.current.text == "*") or (
            self.current.kind == "name" and self.current.text in ("div", "mod")
        ):
            op = self.current.text
            self.index += 1
            rest.append((_arith_with(op), self._unary()))
        return _make_chain(first, rest)

    def _unary(self) -> Evaluator:
        if not self._accept("op", "-"):
            return self._primary()
        self._enter()
        operand = self._unary()
        self._leave()
        return lambda values, current: -_to_number(operand(values, current))

    def _primary(self) -> Evaluator:
        token = self.current
        if token.kind == "ref":
            self.index += 1
            return self._reference(token)
        if token.kind == "dot":
            self.index += 1
            self.uses_current = True
            return lambda values, current: to_xpath_string(current)
        if token.kind == "string":
            self.index += 1
            text = token.text
            return lambda values, current: text
        if token.kind == "number":
            self.index += 1
            number = float(token.text)
            return lambda values, current: number
        if self._accept("op", "("):
            self._enter()
            node = self._or()
            self._expect("op", ")")
            self._leave()
            return node
        if token.kind == "name":
            following = self.tokens[self.index + 1]
            if following.kind == "op" and following.text == "(":
                return self._function()
        raise self._error("expected a value")

    def _reference(self, token: _Token) -> Evaluator:
        name = token.text
        if not name:
            raise ExpressionError(f"Empty reference ${{}} at position {token.pos + 1}.")
        self.refs.append(name)
        return lambda values, current: to_xpath_string(values.get(name))

    def _function(self) -> Evaluator:
        token = self.current
        name = token.text
        if name not in _FUNCTIONS:
            raise ExpressionError(f"Unsupported function {name}() at position {token.pos + 1}.")
        self.index += 2  # name and "("
        self._enter()
        args: list[Evaluator] = []
        if not self._accept("op", ")"):
            args.append(self._or())
            while self._accept("op", ","):
                args.append(self._or())
            self._expect("op", ")")
        self._leave()
        low, high = _FUNCTIONS[name]
        if not low <= len(args) <= high:
            raise ExpressionError(f"{name}() takes {low} argument(s), got {len(args)}.")
        return _make_function(name, args)


def _make_or(operands: list[Evaluator]) -> Evaluator:
    return lambda v, c: any(_to_bool(operand(v, c)) for operand in operands)


def _make_and(operands: list[Evaluator]) -> Evaluator:
    return lambda v, c: all(_to_bool(operand(v, c)) for operand in operands)


def _not_equal(left: Value, right: Value) -> Value:
    return not _equals(left, right)


def _compare_with(compare: Callable[[float, float], bool]) -> Callable[[Value, Value], Value]:
    return lambda left, right: compare(_to_number(left), _to_number(right))


def _arith_with(op: str) -> Callable[[Value, Value], Value]:
    return lambda left, right: _arith(op, _to_number(left), _to_number(right))


def _make_chain(
    first: Evaluator, rest: list[tuple[Callable[[Value, Value], Value], Evaluator]]
) -> Evaluator:
    """Left-associative ``first op b op c …`` evaluated in a loop (no nesting per operator)."""
    if not rest:
        return first

    def evaluate(values: Mapping[str, object], current: object) -> Value:
        result = first(values, current)
        for combine, operand in rest:
            result = combine(result, operand(values, current))
        return result

    return evaluate


def _make_function(name: str, args: list[Evaluator]) -> Evaluator:
    if name == "true":
        return lambda v, c: True
    if name == "false":
        return lambda v, c: False
    first = args[0]
    if name == "not":
        return lambda v, c: not _to_bool(first(v, c))
    if name == "count-selected":
        return lambda v, c: float(len(_to_string(first(v, c)).split()))
    if name == "string-length":
        return lambda v, c: float(len(_to_string(first(v, c))))
    if name == "number":
        return lambda v, c: _to_number(first(v, c))
    second = args[1]  # selected()
    return lambda v, c: _to_string(second(v, c)).strip() in _to_string(first(v, c)).split()


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed expression. ``refs`` lists the question names it reads, in order."""

    source: str
    refs: tuple[str, ...]
    uses_current: bool
    _evaluate: Evaluator

    def evaluate(self, values: Mapping[str, object], current: object = None) -> bool:
        """Evaluate as a condition against clean answer values (``None`` = unanswered)."""
        return _to_bool(self._evaluate(values, current))


def parse_expression(source: str) -> Expression:
    """Parse ``source`` or raise :class:`ExpressionError` explaining what is wrong."""
    parser = _Parser(source)
    evaluator = parser.parse()
    refs = tuple(dict.fromkeys(parser.refs))
    return Expression(source, refs, parser.uses_current, evaluator)
