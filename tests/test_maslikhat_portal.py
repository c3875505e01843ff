"""The maslikhat on a portal of public councils: which rules judge it, and its map under the CSP.

A compliance rule judges the public councils unless it names its bodies
(the maslikhat's own rules name ``maslikhat``); data and safety rules judge
every body. The sample maslikhat must carry none of the public councils'
findings (composition size, plans, reports, consultations, meetings).
"""

from __future__ import annotations

import ashyq.validate  # noqa: F401  (registers the rules)
from ashyq.findings import Kind
from ashyq.rules.registry import REGISTRY

from buildkit import check_json, sample_root

MASLIKHAT_RULES = {"reception.monthly", "reception.announced", "appeal.public-complaint"}


def test_who_each_rule_judges():
    for rule_id, spec in REGISTRY.items():
        if spec.kind is not Kind.COMPLIANCE:
            assert spec.judges("maslikhat") and spec.judges("ministry"), rule_id
        elif rule_id in MASLIKHAT_RULES:
            assert spec.judges("maslikhat") and not spec.judges("ministry"), rule_id
        else:
            assert not spec.judges("maslikhat") and spec.judges("district") and spec.judges(None), rule_id


def test_the_sample_maslikhat_has_only_its_own_findings():
    findings = [f for f in check_json(sample_root())["findings"] if f["council"] == "almaty-maslikhat"]
    assert findings and {f["rule"] for f in findings} <= MASLIKHAT_RULES | {r for r in REGISTRY
                                                                            if REGISTRY[r].kind is not Kind.COMPLIANCE}


def test_the_map_tiles_server_is_let_in_by_the_csp():
    from ashyq.render.mkdocs_config import tile_origin

    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_origin("javascript:alert(1)") == ""


def test_a_deputy_s_feed_carries_their_receptions_and_reports(tmp_path_factory):
    """A reader following one deputy sees their receptions and quarterly reports, not only the sessions."""
    import feedparser

    from buildkit import sample_site

    site = sample_site(tmp_path_factory)
    for lang in ("kk", "ru"):
        feed = feedparser.parse((site.out / lang / "councils" / "almaty-maslikhat" / "members" / "ermekov"
                                 / "votes.atom.xml").read_bytes())
        links = [e.link for e in feed.entries]
        assert any("/receptions/" in link and "ermekov" in link for link in links), links
        assert any("/deputy-reports/ermekov-" in link for link in links), links
