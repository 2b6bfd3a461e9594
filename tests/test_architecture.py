"""The architecture, enforced: import-linter's contracts in pyproject.toml, and a run
of the core and the scripting CLI with Textual made unimportable.

The contracts (see `[tool.importlinter]`): the core imports nothing of the UI
(nor Textual, nor Rich); the scripting commands never reach the UI; screens and
widgets never import the app; imports point down (cli, app, screens, widgets,
actions, core); and no two modules of a package import each other, even
through others. import-linter reads the import statements; what it cannot see
is a module loaded by name at run time (the CLI loads its subcommands so), so
the second test runs them with Textual blocked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def run(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "THREETY_DB"}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_the_import_contracts_are_kept() -> None:
    result = run(LINT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout, result.stdout


def test_the_contracts_would_catch_a_loop_and_an_upward_import(tmp_path: Path) -> None:
    """Guard: the same kinds of contract fail on a package that breaks them."""
    package = tmp_path / "demo_pkg"
    for folder in (package, package / "screens", package / "core"):
        folder.mkdir()
        (folder / "__init__.py").write_text("")
    (package / "app.py").write_text("from demo_pkg.screens import main\n")
    (package / "screens" / "main.py").write_text("from demo_pkg.screens import agenda\n")
    (package / "screens" / "agenda.py").write_text(
        "def later():\n    from demo_pkg.screens import main\n    from demo_pkg import app\n"
    )
    (package / "core" / "model.py").write_text("import textual\n")
    (tmp_path / "pyproject.toml").write_text(
        """
[tool.importlinter]
root_packages = ["demo_pkg"]
include_external_packages = true

[[tool.importlinter.contracts]]
name = "core"
type = "forbidden"
source_modules = ["demo_pkg.core"]
forbidden_modules = ["textual"]

[[tool.importlinter.contracts]]
name = "screens"
type = "forbidden"
source_modules = ["demo_pkg.screens"]
forbidden_modules = ["demo_pkg.app"]

[[tool.importlinter.contracts]]
name = "loops"
type = "acyclic_siblings"
ancestors = ["demo_pkg"]
""",
        encoding="utf-8",
    )
    result = run(LINT, cwd=tmp_path)
    assert result.returncode != 0
    assert "0 kept, 3 broken" in result.stdout, result.stdout


BLOCKED = """
import importlib
import pkgutil
import sys


class NoTextual:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError(f"{name} is blocked for this test")
        return None


sys.meta_path.insert(0, NoTextual())
import threety_tui.core as core

walk = pkgutil.walk_packages(core.__path__, "threety_tui.core.", onerror=importlib.import_module)
for name in sorted(m.name for m in walk):
    importlib.import_module(name)

from threety_tui.cli import main

folder = sys.argv[1]
db = folder + "/demo.json"
with open(folder + "/mbox", "w") as mbox:  # an mbox with one message from a stranger
    mbox.write("From x@y Fri Nov 27 10:00:00 2026\\nFrom: x@y.example\\n"
               "Date: Fri, 27 Nov 2026 10:00:00 +0000\\n\\nHello\\n")
for argv in (
    ["demo", "--db", db, "--no-open"],
    ["due", "--db", db, "--json"],
    ["--db", db, "stats"],
    ["export", "json", folder + "/backup.json", "--db", db],
    ["export", "ics", folder + "/steps.ics", "--db", db],
    ["export", "journey", folder + "/journey.md", "--db", db],
    ["import", "mail", folder + "/mbox", "--db", db, "--dry-run"],
    ["completion", "bash"],
):
    assert main(argv) == 0, argv
leaked = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not leaked, leaked
print("RAN")
"""


def test_the_core_and_the_scripting_commands_run_without_textual(tmp_path: Path) -> None:
    """Every core module imports, and the commands run, with Textual unimportable."""
    result = run(BLOCKED, str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "RAN" in result.stdout
    assert (tmp_path / "backup.json").stat().st_size > 0
