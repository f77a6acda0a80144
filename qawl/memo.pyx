# cython: language_level=3
"""Remembered answers of the hottest one-argument functions (a token's clitic split, whether a
word can open a date): ``functools.lru_cache`` without its recency list.

An lru cache moves the entry it hits to the front of a linked list: on an article's 400 tokens,
each hit touches nodes scattered over a 65,536-entry memory, and measured on ANT's words a hit
cost 430 ns where a plain dict's cost 160. Here a hit is one dict look-up; when the memory is
full, the older half of what it holds (by first asking) is forgotten, so words that news keeps
using come back at once and the rest go. The function must be pure: the answers are the same.
"""

from functools import update_wrapper
from itertools import islice

cdef object _MISSING = object()


cdef class Memo:
    """``function`` with at most ``size`` answers remembered (a key must be hashable)."""

    cdef dict _answers
    cdef object _function
    cdef Py_ssize_t _size
    cdef dict __dict__  # the function's name, doc and module (update_wrapper), for pickling and help

    def __init__(self, function, Py_ssize_t size):
        if size < 2:
            raise ValueError("a memory holds at least two answers")
        self._answers = {}
        self._function = function
        self._size = size

    def __call__(self, key):
        answer = self._answers.get(key, _MISSING)
        if answer is _MISSING:
            answer = self._function(key)
            make_room(self._answers, self._size)
            self._answers[key] = answer
        return answer

    def __len__(self):
        return len(self._answers)

    def clear(self):
        self._answers.clear()

    def __reduce__(self):
        return self.__qualname__  # pickled as the module's function it stands for, not its memory


def make_room(dict memory, Py_ssize_t size):
    """Before a new answer goes into ``memory`` (a dict that remembers at most ``size``): when
    it is full, forget the older half of what it holds (a dict keeps the order keys came in),
    as ``Memo`` does. Clearing it all
    instead made every answer news keeps asking for new again: 28% of the entity base's
    candidate searches on ANT's articles 4,000-16,000 were of names asked before."""
    if len(memory) >= size:
        for key in list(islice(memory, len(memory) // 2)):
            del memory[key]


def memo(Py_ssize_t size):
    """Decorator: remember up to ``size`` answers of a pure one-argument function."""
    def wrap(function):
        return update_wrapper(Memo(function, size), function)
    return wrap
