"""The Obsidian bases on disk (issue 12, point 5): `build` writes them only where Obsidian opens
the vault, only when absent, and they are the user's from then on; `vaultkit bases [--refresh
NAME]`, through click's runner.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.conftest import EXAMPLE, GOLDEN, copy_vault, snapshot
from vaultkit.cli.main import cli


def _obsidian_vault(tmp_path: Path) -> Path:
    root = copy_vault(EXAMPLE, tmp_path / "vault")
    (root / ".obsidian").mkdir()
    return root


def test_build_writes_the_bases_in_an_obsidian_vault_once_and_leaves_them_to_the_user(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert "6 Obsidian files written" in result.output  # five bases and types.json
    written = {p.name: p.read_text("utf-8") for p in (root / "Vaultkit").glob("*.base")}
    assert sorted(written) == ["Brag.base", "Events.base", "Interviews.base", "People.base", "Sharing.base"]
    assert written == {name: (GOLDEN / "bases" / name).read_text("utf-8") for name in written}
    for note in (GOLDEN / "career-vault").iterdir():  # the eight generated notes: byte for byte
        assert (root / "Vaultkit" / note.name).read_bytes() == note.read_bytes()
    before = snapshot(root)
    again = runner.invoke(cli, ["--vault", str(root), "build"])
    assert again.exit_code == 0 and "Obsidian" not in again.output
    assert snapshot(root) == before  # nothing rewritten: no mtime moved

    mine = root / "Vaultkit" / "People.base"
    mine.write_text("views:\n  - type: table\n    name: Mine\n", "utf-8")  # as Obsidian saves a user's view
    (root / "Vaultkit" / "Events.base").unlink()
    third = runner.invoke(cli, ["--vault", str(root), "build"])
    assert third.exit_code == 0 and "1 Obsidian file written" in third.output
    assert mine.read_text("utf-8") == "views:\n  - type: table\n    name: Mine\n"
    assert (root / "Vaultkit" / "Events.base").read_text("utf-8") == written["Events.base"]


def test_build_writes_no_base_where_obsidian_does_not_open_the_vault(example_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["--vault", str(example_copy), "build"])
    assert result.exit_code == 0 and "Obsidian" not in result.output
    assert not list(example_copy.rglob("*.base")) and not (example_copy / ".obsidian").exists()


def test_dry_run_shows_the_bases_and_writes_nothing(tmp_path: Path) -> None:
    root = _obsidian_vault(tmp_path)
    before = snapshot(root)
    result = CliRunner().invoke(cli, ["--vault", str(root), "build", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "+++ b/Vaultkit/People.base" in result.output and "+++ b/.obsidian/types.json" in result.output
    assert "would be: " in result.output and "6 Obsidian files written" in result.output
    assert snapshot(root) == before


def test_bases_command_writes_the_missing_ones_and_refreshes_one_on_request(example_copy: Path) -> None:
    runner = CliRunner()
    vault = ["--vault", str(example_copy)]
    first = runner.invoke(cli, [*vault, "bases"])
    assert first.exit_code == 0, first.output
    assert first.output.count("wrote Vaultkit/") == 5
    people = example_copy / "Vaultkit" / "People.base"
    people.write_text("views: []\n", "utf-8")
    second = runner.invoke(cli, [*vault, "bases"])
    assert second.exit_code == 0 and "wrote" not in second.output and "5 already there" in second.output
    assert people.read_text("utf-8") == "views: []\n"
    refreshed = runner.invoke(cli, [*vault, "bases", "--refresh", "People.base"])
    assert refreshed.exit_code == 0 and refreshed.output == "wrote Vaultkit/People.base\n"
    assert people.read_text("utf-8") == (GOLDEN / "bases" / "People.base").read_text("utf-8")
    same = runner.invoke(cli, [*vault, "bases", "--refresh", "people"])
    assert same.exit_code == 0 and "already as vaultkit writes it" in same.output
    unknown = runner.invoke(cli, [*vault, "bases", "--refresh", "Goals"])
    assert unknown.exit_code == 2 and "people (People.base)" in unknown.output and "Traceback" not in unknown.output


def test_bases_command_refuses_an_invalid_config_and_a_symlink(example_copy: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    (example_copy / "Vaultkit" / "People.base").symlink_to(tmp_path / "elsewhere.base")
    (tmp_path / "elsewhere.base").write_text("mine\n", "utf-8")
    refused = runner.invoke(cli, ["--vault", str(example_copy), "bases", "--refresh", "people"])
    assert refused.exit_code == 1 and "base-not-written" in refused.output
    assert (tmp_path / "elsewhere.base").read_text("utf-8") == "mine\n"
    (example_copy / "vaultkit.toml").write_text("output_dir = 3\n", "utf-8")
    bad = runner.invoke(cli, ["--vault", str(example_copy), "bases"])
    assert bad.exit_code == 1 and "vaultkit.toml is invalid" in bad.output
    assert not (example_copy / "Vaultkit" / "Events.base").exists()


def test_a_kind_of_the_vaults_own_gets_its_base_and_its_property_types(tmp_path: Path) -> None:
    """`[kinds.talk]` in vaultkit.toml: build writes Talks.base beside the five and types its
    fields in types.json (`deck`, the property `slides` is read from); a field that would need a
    second type for one property name gets none, and `check` says why."""
    import json

    from tests.test_obsidian_bases import TALK

    root = _obsidian_vault(tmp_path)
    with open(root / "vaultkit.toml", "a", encoding="utf-8") as fh:
        fh.write(TALK + 'fields.end = { type = "text" }\n')  # event.end is a date
    result = CliRunner().invoke(cli, ["--vault", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert (root / "Vaultkit" / "Talks.base").read_text("utf-8").startswith("# Talks: your talk notes")
    types = json.loads((root / ".obsidian" / "types.json").read_text("utf-8"))["types"]
    assert types["stage"] == "text" and types["deck"] == "text" and "end" not in types
    check = CliRunner().invoke(cli, ["--vault", str(root), "check"])
    assert "vaultkit.toml: warning: property `end` would need two Obsidian types" in check.output
    assert "event.end as date, talk.end as text" in check.output and "[obsidian-type-clash]" in check.output
