"""benchmarks.field_inquiries keeps its held-out sites apart from the ones the ranking is tuned on."""

import pytest
import yaml

from benchmarks.field_inquiries import SITES, selected_sites

SITES_OF_BOTH_KINDS = [{"name": "tuned"}, {"name": "blind", "heldout": True}, {"name": "tuned-2", "heldout": False}]


def names(sites: list[dict]) -> list[str]:
    return [site["name"] for site in sites]


def test_held_out_sites_run_only_with_heldout_and_then_alone():
    assert names(selected_sites(SITES_OF_BOTH_KINDS, heldout=False, only=None)) == ["tuned", "tuned-2"]
    assert names(selected_sites(SITES_OF_BOTH_KINDS, heldout=True, only=None)) == ["blind"]


def test_only_cannot_reach_across_to_the_other_kind():
    assert names(selected_sites(SITES_OF_BOTH_KINDS, heldout=False, only=["tuned-2"])) == ["tuned-2"]
    with pytest.raises(SystemExit, match="blind"):
        selected_sites(SITES_OF_BOTH_KINDS, heldout=False, only=["blind"])


def test_the_field_set_has_held_out_sites_in_both_languages():
    sites = selected_sites(yaml.safe_load(SITES.read_text(encoding="utf-8"))["sites"], heldout=True, only=None)
    assert {site["language"] for site in sites} == {"ja", "en"}
    for site in sites:
        kinds = [message["kind"] for message in site["messages"]]
        assert kinds.count("inquiry") >= 25 and kinds.count("none") >= 8, site["name"]
