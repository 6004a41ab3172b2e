"""The README documents every command and every flag (the sqlite-utils habit)."""

from __future__ import annotations

import click
import pytest

from consistency.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_is_documented(name: str) -> None:
    assert f"consistency {name}" in README


@pytest.mark.parametrize(
    "flag",
    sorted(
        {
            opt
            for command in cli.commands.values()
            for param in command.params
            if isinstance(param, click.Option)
            for opt in param.opts
            if opt.startswith("--")
        }
    ),
)
def test_flag_is_documented(flag: str) -> None:
    assert f"`{flag}" in README or f"{flag} " in README, f"{flag} is not in README.md"


def test_readme_opens_with_the_two_set_up_commands() -> None:
    block = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    assert block[0].endswith("consistency report seeds/")
    assert "[test]" in block[1] and block[1].endswith("python -m pytest")
