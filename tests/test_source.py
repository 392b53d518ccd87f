"""The raw source is bundled byte for byte and described by its provenance file."""

import hashlib
from pathlib import Path

import yaml

from tools.paths import RAW, SOURCE

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_db33c9f3430e0219.txt"


def test_raw_source_matches_recorded_provenance():
    provenance = yaml.safe_load((SOURCE / "provenance.yml").read_text(encoding="utf-8"))
    data = RAW.read_bytes()
    assert hashlib.sha256(data).hexdigest() == provenance["sha256"]
    assert len(data) == provenance["bytes"]
    assert data.decode("utf-8").count("\n") + 1 == provenance["lines"]
    assert provenance["raw_file"] == RAW.name


def test_raw_source_is_the_seed_untouched():
    if not SEED.exists():  # the seed lives beside the repository only on the team's machines
        import pytest

        pytest.skip("seed file not present on this machine")
    assert RAW.read_bytes() == SEED.read_bytes()


def test_generated_pages_name_their_source(simplified):
    provenance = yaml.safe_load((SOURCE / "provenance.yml").read_text(encoding="utf-8"))
    assert simplified.source_sha256 == provenance["sha256"]
    for page in (RAW.parents[1] / "docs").rglob("*.md"):
        head = page.read_text(encoding="utf-8").split("\n", 6)
        assert head[0] == "---", page
        assert f"source_sha256: {provenance['sha256']}" in head, page


def test_official_url_is_rendered_when_filled(tmp_path):
    """provenance.yml's official_url: empty today; an https address is accepted and shown on 本版说明."""
    from tools.data import source as data

    text = (SOURCE / "provenance.yml").read_text(encoding="utf-8")
    assert "\nofficial_url:\n" in text  # empty until a curator fills it
    filled = text.replace("\nofficial_url:\n", "\nofficial_url: https://www.shandong.gov.cn/art/2023/10/13/art_1.html\n")
    (tmp_path / "provenance.yml").write_text(filled, encoding="utf-8")
    (tmp_path / RAW.name).symlink_to(RAW)
    assert data.provenance(tmp_path / "provenance.yml").official_url == "https://www.shandong.gov.cn/art/2023/10/13/art_1.html"
    assert data.provenance().official_url == ""
