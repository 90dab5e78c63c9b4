"""A typed registry: where one app collects what other apps add to its work (figures for the
monitoring, …), modelled on open-forms' `plugins.registry.BaseRegistry`, kept small.

An app that offers an extension point makes one `Registry[T]` for it; the apps that extend
it call `register(key, item)` once, from their `AppConfig.ready()`. Items keep the order they
were registered in, and a key can be registered only once, so a second `ready()` or a copy-
paste error fails loudly instead of doubling a figure.
"""

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class AlreadyRegistered(ValueError):
    """A key was registered a second time."""


class Registry(Generic[T]):
    """Items of type T by key, in the order they were registered."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T) -> T:
        """Add `item` under `key`; `AlreadyRegistered` when the key is taken."""
        if key in self._items:
            raise AlreadyRegistered(f"{self.name}: {key!r} is already registered")
        self._items[key] = item
        return item

    def __getitem__(self, key: str) -> T:
        return self._items[key]

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return list(self._items)

    def items(self) -> list[tuple[str, T]]:
        return list(self._items.items())
