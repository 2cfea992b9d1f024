"""The specification's own hygiene: a closed tag vocabulary, exactly one module tag, unique ids, and the
share of the source document's claims that have a scenario (printed)."""

from __future__ import annotations

from nodespec import features


def test_the_features_pass_the_lint():
    infos = features.load()
    assert features.lint(infos) == []


def test_every_claim_has_an_id_a_section_and_a_verdict():
    for claim in features.claims():
        assert claim.get("id") and claim.get("section") and claim.get("says"), claim
        assert claim.get("node_agrees") in (True, False, "partly"), claim
        if claim["node_agrees"] is not True:
            assert claim.get("node_does"), f"{claim['id']}: say what Node does instead"


def test_claim_coverage(capsys):
    coverage = features.claim_coverage(features.load())
    covered = [c for c, ids in coverage.items() if ids]
    with capsys.disabled():
        print(f"\nclaims of the source document with a scenario: {len(covered)}/{len(coverage)}")
    assert coverage, "the claims index is empty"


def test_an_unknown_tag_fails_the_lint(tmp_path):
    (tmp_path / "x.feature").write_text("@events @made-up\nFeature: F\n  Scenario: S\n    Given nothing\n")
    problems = features.lint(features.load([tmp_path]))
    assert any("@made-up" in p for p in problems)


def test_an_outline_without_placeholder_in_its_title_fails_the_lint(tmp_path):
    (tmp_path / "x.feature").write_text(
        "@events\nFeature: F\n  Scenario Outline: S\n    Given <a>\n\n    Examples:\n      | a |\n      | 1 |\n      | 2 |\n")
    problems = features.lint(features.load([tmp_path]))
    assert any("duplicate scenario id" in p for p in problems)
