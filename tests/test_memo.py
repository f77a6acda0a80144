"""qawl.memo: remembered answers of pure one-argument functions, bounded."""

from __future__ import annotations

import pickle

import pytest

from qawl.arabic.segment import analyse_token, head
from qawl.memo import Memo, make_room, memo


def test_an_answer_is_computed_once_and_the_same_after() -> None:
    asked: list[str] = []

    def upper(word: str) -> str:
        asked.append(word)
        return word.upper()

    remembered = Memo(upper, 8)
    assert [remembered(w) for w in ["a", "b", "a", "a", "b"]] == ["A", "B", "A", "A", "B"]
    assert asked == ["a", "b"]


def test_a_full_memory_forgets_its_older_half() -> None:
    asked: list[int] = []

    def square(n: int) -> int:
        asked.append(n)
        return n * n

    remembered = Memo(square, 4)
    for n in range(4):
        remembered(n)
    remembered(4)  # full: 0 and 1 go, 2 and 3 stay
    assert len(remembered) == 3
    asked.clear()
    assert [remembered(n) for n in (3, 2, 4, 0)] == [9, 4, 16, 0]
    assert asked == [0]
    with pytest.raises(ValueError):
        Memo(square, 1)


def test_a_full_dict_memory_forgets_its_older_half_before_a_new_answer() -> None:
    memory = {n: n * n for n in range(6)}
    make_room(memory, 7)  # room left: nothing goes
    assert list(memory) == list(range(6))
    memory[6] = 36
    make_room(memory, 7)  # full: the three oldest go
    assert memory == {3: 9, 4: 16, 5: 25, 6: 36}


def test_a_remembered_function_keeps_its_name_and_pickles_as_itself() -> None:
    @memo(16)
    def double(n: int) -> int:
        """Twice n."""
        return 2 * n

    assert (double.__name__, double.__doc__, double(4)) == ("double", "Twice n.", 8)
    assert pickle.loads(pickle.dumps(head)) is head  # by its module's name, without its memory
    assert analyse_token("وبحلب") == analyse_token.__wrapped__("وبحلب")
