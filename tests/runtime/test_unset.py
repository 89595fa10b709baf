from __future__ import annotations

import copy
import pickle
from types import ModuleType


def test_unset_is_a_falsy_singleton_distinct_from_none(rt: ModuleType) -> None:
    unset = rt._unset.UNSET
    assert unset is rt._unset.Unset.UNSET
    assert repr(unset) == "UNSET"
    assert not unset
    assert unset is not None
    assert list(rt._unset.Unset) == [unset]


def test_unset_survives_copy_and_pickle_as_the_same_object(rt: ModuleType) -> None:
    unset = rt._unset.UNSET
    assert copy.deepcopy(unset) is unset
    assert pickle.loads(pickle.dumps(unset)) is unset
