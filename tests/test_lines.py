"""Node.js lines: the reference's line setting, line conditions in the features and their lint,
implementations' target lines and ``NAME@NN``."""

from __future__ import annotations

import pytest

from nodespec import features, registry
from nodespec.implementation import nearest_line
from nodespec.reference import lines


@pytest.fixture(autouse=True)
def _restore_line():
    yield
    lines.configure(None)


@pytest.mark.parametrize("given, line", [(22, 22), ("24", 24), ("v20.20.2", 20), ("26.12.1", 26)])
def test_configure_accepts_a_major_or_a_version(given, line):
    import nodespec.reference

    nodespec.reference.configure(node_version=given)
    assert lines.node_line() == line
    assert lines.since(22) is (line >= 22)


@pytest.mark.parametrize("bad", [18, "25", "latest", True, "v22.x"])
def test_configure_refuses_what_is_not_a_supported_line(bad):
    with pytest.raises(ValueError):
        lines.configure(node_version=bad)


def test_the_default_is_the_environment_then_the_newest_lts(monkeypatch):
    monkeypatch.delenv(lines.ENV, raising=False)
    assert lines.node_line() == lines.NEWEST_LTS == 26
    monkeypatch.setenv(lines.ENV, "22")
    assert lines.node_line() == 22
    lines.configure(node_version=20)
    assert lines.node_line() == 20


@pytest.mark.parametrize("condition, covered", [(">=24", {24, 26}), ("20-22", {20, 22}), ("26", {26}), ("20-26", {20, 22, 24, 26})])
def test_conditions(condition, covered):
    assert features.condition_lines(condition) == covered


def test_an_odd_release_is_judged_as_the_line_before_it():
    assert [nearest_line(n) for n in (20, 21, 25, 26, 27, 18)] == [20, 20, 24, 26, 26, 20]


def _lint(tmp_path, text):
    (tmp_path / "x.feature").write_text(text)
    infos = features.load([tmp_path])
    return infos, features.lint(infos)


def test_a_tagged_examples_block_and_a_node_column_condition_their_rows(tmp_path):
    infos, problems = _lint(tmp_path, """@buffer
Feature: F
  Scenario Outline: size <size>
    Given <size>

    @node:20-22
    Examples: up to 22
      | size |
      | 8192 |

    Examples: from 24
      | node | size  |
      | >=24 | 65536 |
""")
    assert problems == []
    assert {s.name: s.lines for s in infos[0].scenarios} == {"size 8192": [20, 22], "size 65536": [24, 26]}


@pytest.mark.parametrize("tag, problem", [("@node:18", "not in the vocabulary"), ("@node:20 @node:>=22", "leave no line")])
def test_the_lint_rejects_bad_line_conditions(tmp_path, tag, problem):
    _, problems = _lint(tmp_path, f"@events\nFeature: F\n  {tag}\n  Scenario: S\n    Given nothing\n")
    assert any(problem in p for p in problems), problems


def test_the_lint_rejects_a_condition_no_oracle_exercises(tmp_path, monkeypatch):
    monkeypatch.setattr(features, "oracle_lines", lambda: frozenset({20, 22}))
    _, problems = _lint(tmp_path, "@events\nFeature: F\n  @node:>=26\n  Scenario: S\n    Given nothing\n")
    assert any("no oracle exercises" in p for p in problems), problems


def test_name_at_line_judges_an_implementation_against_that_line():
    assert registry.split_target("reference@22") == ("reference", 22)
    assert "reference@20" in registry.select("all")
    with pytest.raises(KeyError):
        registry.select("reference@19")
    impl = registry.get("reference@24")
    assert (impl.name, impl.target()) == ("reference@24", 24)


def test_every_oracle_targets_its_own_line():
    for line in lines.SUPPORTED:
        impl = registry.get(f"node{line}")
        assert impl.target() == line
        assert impl.describe()["target"] in (line, None)


def test_claims_by_line_are_linted(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "buffer.toml").write_text(
        '[[claim]]\nid = "b-1"\nsection = "s"\nsays = "x"\nnode_agrees = "partly"\nnode_does = "y"\n'
        'lines = { "20-22" = "agrees", ">=26" = "contradicts" }\n'
        '[[claim]]\nid = "b-2"\nsection = "s"\nsays = "x"\nnode_agrees = "partly"\nnode_does = "y"\n'
        'lines = { "20-22" = "agrees", ">=24" = "wrong" }\n')
    problems = features.claim_line_problems(tmp_path)
    assert any("b-1" in p and "exactly one" in p for p in problems), problems
    assert any("b-2" in p and "'wrong'" in p for p in problems), problems


def test_the_shipped_claims_by_line_pass_the_lint():
    assert features.claim_line_problems() == []


def test_the_site_says_on_which_lines_a_claim_is_contradicted():
    from nodespec.site.model import Claim

    claim = Claim("b", "buffer", "s", "x", "partly", "y", [], by_line={"20-22": "agrees", ">=24": "contradicts"})
    assert claim.contradicted_on() == [24, 26]
    assert Claim("c", "buffer", "s", "x", False, "y", []).contradicted_on() == [20, 22, 24, 26]


def test_the_what_changed_page_has_one_entry_per_conditioned_behaviour(tmp_path):
    import copy
    import json
    from pathlib import Path

    from nodespec.site import build

    results = json.loads((Path(__file__).parent / "data" / "sample-results.json").read_text(encoding="utf-8"))
    results = copy.deepcopy(results)
    first, second = results["scenarios"][0], results["scenarios"][1]
    first.update(lines=[20, 22], conditions=["20-22"])
    second.update(lines=[24, 26], conditions=[">=24"])
    out = build(results, tmp_path / "site")
    page = (out / "changes.html").read_text(encoding="utf-8")
    assert "What changed from Node 20 to Node 26" in page
    assert "Changed in Node 24" in page
    assert first["name"].split("<")[0][:20] in page or first["id"].split("::")[1][:20] in page
    feature = (out / "index.html").read_text(encoding="utf-8")
    assert "changes.html" in feature
