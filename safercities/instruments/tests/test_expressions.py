import pytest

from safercities.instruments.expressions import ExpressionError, parse_expression


def holds(source, values=None, current=None):
    return parse_expression(source).evaluate(values or {}, current)


def test_equality_and_inequality_compare_answer_strings():
    values = {"q": "yes"}

    assert holds("${q} = 'yes'", values)
    assert not holds("${q} != 'yes'", values)
    assert holds('${q} != "no"', values)
    assert holds("${missing} = ''", values)


def test_selected_checks_membership_in_a_space_separated_answer():
    values = {"problems": ["dark", "broken_path"]}

    assert holds("selected(${problems}, 'dark')", values)
    assert not holds("selected(${problems}, 'broken')", values)
    assert holds("count-selected(${problems}) = 2", values)


def test_numeric_comparisons_are_numeric_not_alphabetical():
    assert holds("${n} > 3", {"n": 10})
    assert not holds("${n} > 10", {"n": "9"})
    assert holds("${n} = 3", {"n": "3.0"})
    assert holds(". >= 0 and . <= 120", current=120)
    assert not holds(". >= 0 and . <= 120", current=121)


def test_comparisons_with_an_unanswered_question_are_false():
    assert not holds("${age} > 3", {})
    assert not holds("${age} < 3", {})
    assert not holds("${age} = 0", {})


def test_and_binds_tighter_than_or_and_parentheses_override_it():
    values = {"a": "x", "b": "n", "c": "n"}

    assert holds("${a} = 'x' or ${b} = 'y' and ${c} = 'z'", values)
    assert not holds("(${a} = 'x' or ${b} = 'y') and ${c} = 'z'", values)
    assert holds("not(${b} = 'y')", values)
    assert holds("not(${a} = 'x' and ${b} = 'n') or true()", values)


def test_the_current_value_and_string_length_work_in_constraints():
    assert holds(". != ''", current="text")
    assert not holds(". != ''", current=None)
    assert holds("string-length(.) <= 5", current="short")
    assert holds("number(.) div 2 = 1.5", current="3")


def test_arithmetic_never_raises_on_division_by_zero():
    assert not holds("1 div 0 < 0")
    assert holds("-1 div 0 < 0")
    assert not holds("0 div 0 = 0")
    assert holds("7 mod 3 = 1 and 2 * 3 - 1 = 5")


def test_references_are_listed_once_in_order():
    expression = parse_expression("${b} = 'x' and selected(${a}, 'y') or ${b} != ''")

    assert expression.refs == ("b", "a")
    assert not expression.uses_current


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "The expression is empty."),
        ("${q} = ", "Syntax error at position 8: expected a value, found end of expression."),
        ("(${q} = 'a'", "Syntax error at position 12: expected ')', found end of expression."),
        ("${q} = 'a' 'b'", "Syntax error at position 12: expected an operator, found 'b'."),
        ("eval('1')", "Unsupported function eval() at position 1."),
        ("__import__('os')", "Unsupported function __import__() at position 1."),
        ("${q} ; 1", "Unexpected character ';' at position 6."),
        ("selected(${q})", "selected() takes 2 argument(s), got 1."),
        ("${} = 1", "Empty reference ${} at position 1."),
        ("q = 1", "Syntax error at position 1: expected a value, found 'q'."),
    ],
)
def test_malformed_or_unsupported_expressions_are_refused(source, message):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)

    assert str(caught.value) == message


def test_nesting_deeper_than_the_limit_is_an_error_with_a_code_not_a_recursion_error():
    from safercities.instruments.expressions import MAX_DEPTH

    for source in [
        "(" * 400 + "1" + ")" * 400,
        "not(" * 400 + "true()" + ")" * 400,
        "-" * 5000 + "1",
    ]:
        with pytest.raises(ExpressionError) as caught:
            parse_expression(source)
        assert caught.value.code == "too_deep"
        assert caught.value.params["limit"] == MAX_DEPTH
    assert parse_expression("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH).evaluate({})


def test_long_chains_do_not_nest_and_evaluate_in_a_loop():
    assert parse_expression(" + ".join(["1"] * 20_000) + " = 20000").evaluate({})
    assert parse_expression(" or ".join(["false()"] * 20_000) + " or true()").evaluate({})
    assert not parse_expression(" and ".join(["true()"] * 20_000) + " and false()").evaluate({})
    assert parse_expression("10 - 2 - 3 = 5 and 2 * 3 mod 4 = 2 and 1 < 2 = true()").evaluate({})
