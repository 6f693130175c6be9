"""The built-in formats, registered on import: a new format is a module of this folder with a FormatSpec.

Every module here is imported and each FormatSpec it defines at module level is registered (issue 17: a new
format touches its own module and the README's formats table, no list here). They are registered in detection
order, score first (see parsers/registry.py), then module name and definition order, which is the order the
list written here used to give.
"""

from __future__ import annotations

import importlib
import pkgutil

from gongkai.parsers.registry import FormatSpec, register


def _declared() -> list[FormatSpec]:
    found: list[FormatSpec] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        # Imported by name: the walker of tests/test_layers.py does not see these imports, and needs not, since
        # every module here imports the registry, never the other way round but for this package.
        module = importlib.import_module(f"{__name__}.{info.name}")
        found += [value for value in vars(module).values() if isinstance(value, FormatSpec) and value not in found]
    return sorted(found, key=lambda spec: -spec.score)


for _spec in _declared():
    register(_spec)
