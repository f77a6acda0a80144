"""A record crosses process boundaries (the pool, Dask) pickled: as the tuple of each
object's fields, and the same record after."""

from __future__ import annotations

import pickle
from dataclasses import astuple, fields

from qawl.pipeline import analyse
from qawl.record import Article, Record
from qawl.samples import load


def _records() -> list[Record]:
    return [analyse(a) for a in load()]


def test_a_record_is_the_same_record_after_pickling() -> None:
    records = _records()
    assert sum(len(r.quotes) for r in records) > 20 and sum(len(r.entities) for r in records) > 50
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        again = pickle.loads(pickle.dumps(records, protocol=protocol))
        assert again == records
        assert [r.to_jsonl() for r in again] == [r.to_jsonl() for r in records]


def test_each_object_is_pickled_as_the_tuple_of_its_fields() -> None:
    record = _records()[0]
    quote, entity = record.quotes[0], record.entities[0]
    for obj in (record, quote, entity, entity.mentions[0], Article("نص", id="a")):
        state = obj.__getstate__()  # type: ignore[attr-defined]
        assert isinstance(state, tuple) and len(state) == len(fields(obj))
        assert state == tuple(getattr(obj, f.name) for f in fields(obj))
    assert astuple(pickle.loads(pickle.dumps(quote))) == astuple(quote)
