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


def _claims_index(tmp_path, entry_tail: str):
    (tmp_path / "claims").mkdir(parents=True)
    (tmp_path / "claims" / "events.toml").write_text(
        '[[claim]]\nid = "e-1"\nsection = "s"\nsays = "x"\nnode_agrees = true\n' + entry_tail)
    (tmp_path / "x.feature").write_text(
        "@events\nFeature: F\n  @claim:e-1\n  Scenario: tagged\n    Given nothing\n\n"
        "  Scenario: untagged\n    Given nothing\n\n"
        "  @claim:e-1\n  Scenario Outline: row <a>\n    Given <a>\n\n    Examples:\n      | a |\n      | 1 |\n      | 2 |\n")
    return features.claim_index_problems(features.load([tmp_path]), tmp_path)


def test_each_claim_names_the_scenarios_that_settle_it(tmp_path):
    assert _claims_index(tmp_path, 'scenarios = ["x.feature::tagged", "x.feature::row <a>"]\n') == []


def test_a_claim_index_entry_and_the_tags_must_agree(tmp_path):
    problems = _claims_index(tmp_path, 'scenarios = ["x.feature::tagged", "x.feature::untagged", "x.feature::gone"]\n')
    assert any("'x.feature::untagged', which is not tagged @claim:e-1" in p for p in problems)
    assert any("'x.feature::gone', which is no scenario" in p for p in problems)
    assert any("'x.feature::row 1' is tagged @claim:e-1 but the entry does not name it" in p for p in problems)


def test_a_claim_without_scenarios_says_why(tmp_path):
    assert any("needs scenarios" in p for p in _claims_index(tmp_path, ""))
    assert any("names no scenario" in p for p in _claims_index(tmp_path / "a", "scenarios = []\n"))
    assert any("is tagged" in p for p in _claims_index(tmp_path / "b", 'scenarios = []\nunsettled = "why"\n'))
