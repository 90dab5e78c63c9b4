"""The typed registry (core/registry.py): keys once, items in the order registered."""

import pytest

from perinatal.core.registry import AlreadyRegistered, Registry


def test_items_keep_the_order_they_were_registered_in():
    registry: Registry[int] = Registry("numbers")
    for key, item in (("c", 3), ("a", 1), ("b", 2)):
        registry.register(key, item)
    assert list(registry) == [3, 1, 2]
    assert registry.keys() == ["c", "a", "b"]
    assert registry.items() == [("c", 3), ("a", 1), ("b", 2)]
    assert len(registry) == 3


def test_a_key_registered_twice_is_refused_and_the_first_item_kept():
    registry: Registry[str] = Registry("words")
    registry.register("one", "first")
    with pytest.raises(AlreadyRegistered, match="words: 'one' is already registered"):
        registry.register("one", "second")
    assert registry["one"] == "first"
    assert len(registry) == 1


def test_lookup_by_key():
    registry: Registry[str] = Registry("words")
    assert registry.register("one", "first") == "first"
    assert "one" in registry and "two" not in registry
    assert registry.get("two") is None
    with pytest.raises(KeyError):
        registry["two"]
