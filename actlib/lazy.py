"""Names that load on first use, for actlib and its subpackages."""
from importlib import import_module


def module_getattr(package: str, lazy: dict[str, str] | None = None):
    """A module-level ``__getattr__`` for ``package``.

    A name in ``lazy`` (name -> submodule) imports that submodule and returns the name from it, so
    ``actlib.explore`` costs nothing until used (matplotlib, ipywidgets); any other public name is the
    submodule of that name, imported on first use (``actlib.training.nn.MLP`` after ``import actlib``).
    """
    lazy = dict(lazy or {})

    def __getattr__(name):
        if name in lazy:
            return getattr(import_module(f"{package}.{lazy[name]}"), name)
        if not name.startswith("_"):
            try:
                return import_module(f"{package}.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"{package}.{name}":  # the submodule exists but one of its imports failed
                    raise
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
