"""The package's shape: layers in folders, imports only downward, no cycle, no private name
imported across modules, and MkDocs known only to its adapter."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bridges"
# Bottom to top: a module may import from its own layer and the layers before it.
LAYERS = ["model", "sources", "rules", "outputs", "pipeline", "adapters"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def imports(path: Path):
    """(imported module, imported names, line) for every import of the package in a file,
    relative ones resolved, including imports inside functions."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            if target == "bridges" or target.startswith("bridges."):
                # `from ..model import urls` imports modules: count each as the imported module
                submodules = [name for name in names if (PACKAGE.parent / target.replace(".", "/") / f"{name}.py").exists()]
                for name in submodules:
                    yield f"{target}.{name}", [], node.lineno
                if len(submodules) < len(names):
                    yield target, [name for name in names if name not in submodules], node.lineno
            else:
                yield target, names, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno


@functools.cache
def imports_of(path: Path) -> tuple:
    """imports(path), parsed once per session: every test below reads every module."""
    return tuple(imports(path))


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer():
    loose = [module_name(path) for path in MODULES
             if layer_of(module_name(path)) is None and module_name(path) not in ("bridges", "bridges.__main__")]
    assert loose == [], f"modules outside the layers {LAYERS}: {loose}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_only_go_down(path):
    own = layer_of(module_name(path))
    if own is None:
        return  # bridges/__init__.py and __main__.py sit above everything
    wrong = [f"line {line}: {target}" for target, _, line in imports_of(path)
             if layer_of(target) and LAYERS.index(layer_of(target)) > LAYERS.index(own)]
    assert wrong == [], f"{module_name(path)} ({own}) imports from a higher layer: {wrong}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_private_name_crosses_modules(path):
    private = [f"line {line}: {target}.{name}" for target, names, line in imports_of(path)
               if target.startswith("bridges") for name in names if name.startswith("_")]
    assert private == []


def test_only_the_mkdocs_adapter_imports_mkdocs():
    users = sorted({module_name(path) for path in MODULES for target, _, _ in imports_of(path)
                    if target.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")})
    assert users and all(user.startswith("bridges.adapters.mkdocs") for user in users), users


def test_no_import_cycle_between_modules():
    graph = {module_name(path): {target for target, _, _ in imports_of(path) if target.startswith("bridges.")}
             for path in MODULES}
    state: dict[str, int] = {}

    def visit(module, trail):
        state[module] = 1
        for target in graph.get(module, ()):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join(trail + [module, target]))
            if target in graph and not state.get(target):
                visit(target, trail + [module])
        state[module] = 2

    for module in graph:
        if not state.get(module):
            visit(module, [])


def test_the_walker_sees_a_wrong_arrow(tmp_path, monkeypatch):
    """The checks above can fail: a model module importing an output is caught."""
    fake = tmp_path / "bridges" / "model"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from ..outputs.generate import write_site\nfrom .site import _private\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path / "bridges")
    [(target, _, _), (_, names, _)] = list(imports(fake / "bad.py"))
    assert layer_of(target) == "outputs" and LAYERS.index("outputs") > LAYERS.index("model")
    assert names == ["_private"]
