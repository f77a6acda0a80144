# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""A word's mean letter n-gram score, compiled: the tagger asks it of every word it meets for
the first time (twice: the word and its stem), which cost a tenth of the tagger's time as
Python slices and dictionary look-ups.

An n-gram of up to four letters is a number (one byte a letter, each letter numbered in the
order the table first has it), so a word's grams are read off an array of its letters'
numbers with no string made. Grams are summed in the order ``features.letter_grams`` lists
them, so the mean is the same number to the last bit.
"""

from libc.stdint cimport uint32_t
from libcpp.unordered_map cimport unordered_map
from libcpp.vector cimport vector
from cython.operator cimport dereference as deref

cdef enum:
    MAX_GRAM = 4  # letters: four one-byte numbers fill the 32-bit key


cdef class LetterScores:
    cdef unordered_map[uint32_t, double] _table
    cdef dict _number  # letter -> 1..255 (0: a letter no gram of the table has)

    def __init__(self, table) -> None:
        """``table``: letter n-gram (1 to 4 letters, < and > marking a word's ends) -> score."""
        self._number = {}
        for gram, value in table.items():
            if not 0 < len(gram) <= MAX_GRAM:
                raise ValueError(f"letter n-grams are 1 to {MAX_GRAM} letters: {gram!r}")
            for letter in gram:
                if letter not in self._number:
                    if len(self._number) == 255:
                        raise ValueError("more than 255 letters in the n-gram table")
                    self._number[letter] = len(self._number) + 1
            self._table[self._key(gram)] = value

    def _key(self, str gram) -> int:
        cdef uint32_t key = 0
        for letter in gram:
            key = (key << 8) | <uint32_t>self._number[letter]
        return key

    def mean(self, str word) -> float:
        """The mean score of the word's letter n-grams, 1 to 4 letters, with its ends marked;
        a gram the table lacks scores 0."""
        cdef Py_ssize_t n = len(word) + 2, k, i, j, grams = 0
        cdef double total = 0.0
        cdef uint32_t key
        cdef vector[unsigned char] numbers
        cdef bint unknown
        numbers.resize(n)
        get = self._number.get
        numbers[0] = get("<", 0)
        for i in range(n - 2):
            numbers[i + 1] = get(word[i], 0)
        numbers[n - 1] = get(">", 0)
        for k in range(1, MAX_GRAM + 1):
            for i in range(n - k + 1):
                grams += 1
                key = 0
                unknown = False
                for j in range(i, i + k):
                    if numbers[j] == 0:
                        unknown = True
                        break
                    key = (key << 8) | numbers[j]
                if not unknown:
                    it = self._table.find(key)
                    if it != self._table.end():
                        total += deref(it).second
        return total / grams
