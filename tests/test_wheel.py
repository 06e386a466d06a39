"""The built wheel: every data file inside, and an installed copy audits the example byte for byte like this one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ["audit", "examples/article.en.md", "examples/article.it.md", "--no-backtranslation", "--json",
           "--fail-on", "never"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the sources (no build folder left in the checkout, nothing downloaded)."""
    src = tmp_path_factory.mktemp("src")
    shutil.copytree(ROOT / "auditor", src / "auditor", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(src)], check=True, capture_output=True)
    return next(dist.glob("auditor-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; its dependencies are read from this venv's site-packages."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # A path line adds this venv's packages; the .pth files there (our editable install) are not run from it.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_wheel_holds_every_data_file(wheel: Path) -> None:
    package = ROOT / "auditor"
    wanted = {f"auditor/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
              if p.is_file() and "__pycache__" not in p.parts}
    assert wanted - set(zipfile.ZipFile(wheel).namelist()) == set()


@pytest.mark.slow
def test_installed_wheel_audits_the_example_like_the_checkout(installed: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing but the wheel may provide auditor
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import auditor; print(auditor.__file__)"],
                           cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(installed))
    version = subprocess.run([str(installed / "bin" / "auditor"), "--version"], env=env, check=True,
                             capture_output=True, text=True).stdout
    assert version == f"auditor {tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['version']}\n"
    from_wheel = subprocess.run([str(installed / "bin" / "auditor"), *EXAMPLE, "--out", "from-wheel"],
                                cwd=tmp_path, env=env, check=True, capture_output=True).stdout
    from_checkout = subprocess.run([sys.executable, "-m", "auditor", *EXAMPLE, "--out", "from-checkout"],
                                   cwd=tmp_path, check=True, capture_output=True).stdout
    assert b'"critical": 3' in from_checkout
    assert from_wheel == from_checkout
