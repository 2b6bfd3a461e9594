"""The core (and the scripting CLI) import and run with Textual made unimportable."""

from __future__ import annotations

from pathlib import Path

from core_support import run_python

CLI_MODULES = ("due", "demo", "report", "transfer", "calendar", "export", "parser", "completion")

SCRIPT = """
import importlib
import pkgutil
import sys


class NoTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"{name} is blocked for this test")
        return None


sys.meta_path.insert(0, NoTextual())
try:
    import textual  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("the blocker does not work")

import threety_tui.core as core

# walk_packages would skip a sub-package that fails to import; make it fail loudly.
walk = pkgutil.walk_packages(core.__path__, "threety_tui.core.", onerror=importlib.import_module)
modules = sorted(m.name for m in walk)
cli = [f"threety_tui.cli.{m}" for m in sys.argv[2].split(",") if m]
for name in [*modules, "threety_tui.cli", *cli]:
    importlib.import_module(name)

from threety_tui.cli import main

folder = sys.argv[1]
assert main(["demo", "--db", folder + "/demo.json", "--no-open"]) == 0
assert main(["due", "--db", folder + "/demo.json", "--json"]) == 0
assert main(["--db", folder + "/demo.json", "due"]) == 0
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not leaked, leaked
print("MODULES", " ".join(modules))
"""


def test_core_and_scripting_cli_never_import_textual(tmp_path: Path) -> None:
    result = run_python(SCRIPT, tmp_path, ",".join(CLI_MODULES))
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("MODULES ")]
    modules = set(line.split()[1:])
    # The walk really reached the core, sub-packages included.
    expected = {
        f"threety_tui.core.{name}"
        for name in (
            "models", "storage", "store", "schema", "lock", "errors", "paths", "text",
            "dates", "compose", "rules", "demo", "io",
        )
    }  # fmt: skip
    assert expected <= modules, expected - modules
    assert (tmp_path / "demo.json").stat().st_size > 0


def test_the_blocker_would_catch_an_import(tmp_path: Path) -> None:
    """Guard: a core module importing Textual fails under the same script."""
    package = tmp_path / "pkg" / "threety_tui"
    (package / "core").mkdir(parents=True)
    (package / "cli").mkdir()
    (package / "__init__.py").write_text("")
    (package / "core" / "__init__.py").write_text("")
    (package / "core" / "sub").mkdir()
    (package / "core" / "sub" / "__init__.py").write_text("from textual.widget import Widget\n")
    (package / "cli" / "__init__.py").write_text("")
    script = f"import sys; sys.path.insert(0, {str(tmp_path / 'pkg')!r})\n" + SCRIPT
    result = run_python(script, tmp_path, "")
    assert result.returncode != 0
    assert "textual is blocked" in result.stderr
    assert "core/sub/__init__.py" in result.stderr  # the sub-package was not skipped
