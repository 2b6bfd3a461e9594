"""What a user installs by: the licence, the metadata, the changelog and the README's promises."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from threety_tui import __version__

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_mit_licence_is_declared_per_pep_639_and_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Copyright (c) 2026 threety contributors" in licence
    # PEP 639 metadata is written by default from hatchling 1.27 on.
    (backend,) = PYPROJECT["build-system"]["requires"]
    match = re.fullmatch(r"hatchling>=(\d+)\.(\d+)", backend)
    assert match and (int(match[1]), int(match[2])) >= (1, 27)
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639


def test_classifiers_and_keywords_describe_the_app() -> None:
    project = PYPROJECT["project"]
    assert "Environment :: Console" in project["classifiers"]
    assert "Topic :: Communications :: Email" in project["classifiers"]
    assert {"networking", "thank-you", "tui"} <= set(project["keywords"])


def test_completion_and_devtools_are_dependencies() -> None:
    project = PYPROJECT["project"]
    assert any(d.startswith("shtab>=") for d in project["dependencies"])
    assert any(d.startswith("textual-dev>=") for d in project["optional-dependencies"]["dev"])


def test_the_changelog_starts_with_this_release() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, flags=re.M)
    assert releases[0] == __version__


def test_the_readme_shows_how_to_install_complete_and_develop() -> None:
    for promise in (
        "pipx install .",
        "uv tool install .",
        "threety completion bash",
        "threety completion zsh",
        "NO_COLOR",
        "textual run --dev",
    ):
        assert promise in README, promise
