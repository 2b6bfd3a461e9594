"""Search ranking: a name typed in the search comes first (QA: `/ Tim` showed Frances Allen)."""

from threety_tui.core.search_rank import rank

NAMES = ["frances allen", "grace hopper", "katim ode", "sam timmons", "tim berners-lee"]
"""Lower-cased, in name order, as the contact list holds them."""


def test_a_name_starting_with_the_search_comes_before_a_company_match() -> None:
    # Frances Allen matches "tim" only through her company, Optimizers.
    assert rank([0, 4], NAMES, "tim") == [4, 0]


def test_names_start_then_word_start_then_inside_then_other_fields() -> None:
    assert rank([0, 1, 2, 3, 4], NAMES, "tim") == [4, 3, 2, 0, 1]


def test_the_name_order_is_kept_within_a_tier() -> None:
    assert rank([1, 0], NAMES, "hopper-free") == [1, 0]
    assert rank([0, 1], NAMES, "xyz") == [0, 1]
