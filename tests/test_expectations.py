"""The expectations logic: categories, signatures, groups, feature defaults, stale entries, unexpected passes."""

from __future__ import annotations

import pytest

from nodespec import expectations
from nodespec.expectations import Expectation, ExpectationError, verdict

ENTRY = Expectation("bun", "events/x.feature::S", "bug", "Bun differs", "ERR_UNHANDLED_ERROR", None, "bun.toml")


def test_a_pass_without_expectation_is_a_pass():
    assert verdict(True, None, None) == ("pass", None)


def test_an_unexpected_pass_is_a_failure_that_names_the_entry():
    status, problem = verdict(True, None, ENTRY)
    assert status == "unexpected-pass"
    assert "delete the entry" in problem and "bun.toml" in problem


def test_a_failure_with_the_recorded_signature_is_expected():
    assert verdict(False, {"status": "fail", "code": "ERR_UNHANDLED_ERROR"}, ENTRY) == ("expected-fail", None)


def test_a_failure_whose_cause_changed_is_caught():
    status, problem = verdict(False, {"status": "fail", "code": "ERR_OTHER"}, ENTRY)
    assert status == "fail" and "changed its cause" in problem


def test_a_step_signature_matches_the_diverging_step():
    entry = Expectation("bun", "s", "bug", "r", "the trace is ['A', 'B']", None, "f")
    failure = {"status": "fail", "step": "Then the trace is ['A', 'B']", "step_text": "the trace is ['A', 'B']"}
    assert verdict(False, failure, entry)[0] == "expected-fail"


def test_a_crash_is_a_crash_unless_expected():
    assert verdict(False, {"status": "crash"}, None)[0] == "crash"
    entry = Expectation("x", "s", "bug", "r", "crash", None, "f")
    assert verdict(False, {"status": "crash"}, entry)[0] == "expected-fail"


def write(tmp_path, text):
    (tmp_path / "impl.toml").write_text(text)
    return tmp_path


def test_entries_need_a_reason_and_a_known_category(tmp_path):
    with pytest.raises(ExpectationError, match="reason"):
        expectations.load("impl", write(tmp_path, '[[expected]]\nscenario="s"\ncategory="bug"\nsignature="x"\n'))
    with pytest.raises(ExpectationError, match="category"):
        expectations.load("impl", write(tmp_path, '[[expected]]\nscenario="s"\ncategory="meh"\nreason="r"\nsignature="x"\n'))


def test_entries_are_merged_from_per_module_files(tmp_path):
    (tmp_path / "impl.events.toml").write_text('[[expected]]\nscenario="a"\ncategory="bug"\nreason="r"\nsignature="x"\n')
    (tmp_path / "impl.buffer.toml").write_text('[[expected]]\nscenario="b"\ncategory="by-design"\nreason="r"\nsignature="x"\n')
    assert set(expectations.load("impl", tmp_path).exact) == {"a", "b"}


def test_an_entry_naming_no_scenario_is_stale(tmp_path):
    loaded = expectations.load("impl", write(tmp_path, '[[expected]]\nscenario="gone"\ncategory="bug"\nreason="r"\nsignature="x"\n'))
    assert expectations.stale(loaded, {"other"})[0].startswith("impl.toml: 'gone' names no existing scenario")


def test_every_shipped_expectation_file_loads():
    for impl in {p.name.split(".")[0] for p in expectations.EXPECTATIONS_DIR.glob("*.toml")}:
        expectations.load(impl)


GROUP = """
[[expected]]
category = "bug"
reason = "one reason for two scenarios"
[expected.scenarios]
"events/a.feature::One" = "ERR_ONE"
"events/a.feature::Two" = "Then two"

[[expected]]
feature = "buffer/*"
category = "by-design"
reason = "every buffer scenario fails the same way"
signature = "ERR_BUFFER"

[[expected]]
scenario = "buffer/pool.feature::Own"
category = "missing-feature"
reason = "its own entry wins over the default"
signature = "ERR_OWN"
"""


def test_a_group_gives_each_scenario_its_own_signature_and_a_default_covers_a_feature_glob(tmp_path):
    loaded = expectations.load("impl", write(tmp_path, GROUP))
    one, two = loaded.get("events/a.feature::One"), loaded.get("events/a.feature::Two")
    assert (one.reason, one.signature, two.signature) == ("one reason for two scenarios", "ERR_ONE", "Then two")
    assert loaded.get("events/a.feature::Three") is None
    assert loaded.get("buffer/creation.feature::Any").signature == "ERR_BUFFER"
    assert loaded.get("buffer/pool.feature::Own").signature == "ERR_OWN"
    assert verdict(False, {"status": "fail", "code": "ERR_OTHER"}, loaded.get("buffer/x.feature::Y"))[0] == "fail"
    status, problem = verdict(True, None, loaded.get("buffer/x.feature::Y"))
    assert status == "unexpected-pass" and "default for 'buffer/*'" in problem and "impl.toml" in problem


def test_a_default_is_stale_when_it_covers_no_feature_and_two_defaults_for_one_scenario_are_an_error(tmp_path):
    second = '[[expected]]\nfeature = "buffer/pool.feature"\ncategory = "bug"\nreason = "r"\nsignature = "x"\n'
    loaded = expectations.load("impl", write(tmp_path, GROUP + second))
    problems = expectations.stale(loaded, {"events/a.feature::One", "events/a.feature::Two", "buffer/pool.feature::Own",
                                           "buffer/pool.feature::Shared"})
    assert problems == ["'buffer/pool.feature::Shared' is covered by 2 defaults: impl.toml 'buffer/*', impl.toml 'buffer/pool.feature'"]
    assert expectations.stale(loaded, {"events/a.feature::One", "events/a.feature::Two", "buffer/pool.feature::Own"}) == []
    assert expectations.stale(expectations.load("impl", write(tmp_path, GROUP)), {"events/a.feature::One", "events/a.feature::Two",
                                                                                   "buffer/pool.feature::Own"}) == []
    lone = expectations.load("impl", write(tmp_path, GROUP.replace('"buffer/*"', '"gone/*"')))
    assert "the default for 'gone/*' covers no existing feature" in "\n".join(
        expectations.stale(lone, {"events/a.feature::One", "events/a.feature::Two", "buffer/pool.feature::Own"}))


@pytest.mark.parametrize("text, message", [
    ('[[expected]]\nscenario="s"\nfeature="f"\ncategory="bug"\nreason="r"\nsignature="x"\n', "exactly one of"),
    ('[[expected]]\ncategory="bug"\nreason="r"\nsignature="x"\n', "exactly one of"),
    ('[[expected]]\nfeature="f::t"\ncategory="bug"\nreason="r"\nsignature="x"\n', "no '::'"),
    ('[[expected]]\ncategory="bug"\nreason="r"\nsignature="x"\n[expected.scenarios]\n"a"="b"\n', "its own signature"),
    ('[[expected]]\ncategory="bug"\nreason="r"\n[expected.scenarios]\n"a"=""\n', "needs a signature"),
    ('[[expected]]\nscenario="s"\ncategory="bug"\nreason="r"\nsignature="x"\nsignatures="y"\n', "unknown key"),
    ('[defaults]\n', "unknown table"),
])
def test_malformed_entries_are_refused_with_one_line(tmp_path, text, message):
    with pytest.raises(ExpectationError, match=message):
        expectations.load("impl", write(tmp_path, text))


BASE = """
[[expected]]
category = "bug"
reason = "the package's own divergence"
[expected.scenarios]
"buffer/a.feature::One" = "ERR_ONE"
"buffer/a.feature::Two" = "ERR_TWO"
"buffer/a.feature::Three" = "ERR_THREE"
"events/b.feature::Elsewhere" = "ERR_EVENTS"
"""

SHARES = """
[[shares]]
impl = "base"
features = "buffer/*"
reason = "the bundle is the base package"

[[shares.unless]]
reason = "the bundle fixed it"
scenarios = ["buffer/a.feature::Three"]

[[expected]]
scenario = "buffer/a.feature::Two"
category = "by-design"
reason = "its own entry wins"
signature = "ERR_MINE"
"""


def test_shared_expectations_apply_with_the_why_unless_excluded_and_own_entries_win(tmp_path):
    (tmp_path / "base.toml").write_text(BASE)
    (tmp_path / "bundle.toml").write_text(SHARES)
    loaded = expectations.load("bundle", tmp_path)
    one = loaded.get("buffer/a.feature::One")
    assert (one.impl, one.signature, one.reason) == ("bundle", "ERR_ONE", "the bundle is the base package: the package's own divergence")
    assert (one.file, one.shared_by, one.as_json()["shared_by"]) == ("base.toml", "bundle.toml", "bundle.toml")
    status, problem = verdict(True, None, one)
    assert status == "unexpected-pass" and "to a [[shares.unless]] group in bundle.toml" in problem and "in base.toml" in problem
    assert loaded.get("buffer/a.feature::Two").signature == "ERR_MINE"
    assert loaded.get("buffer/a.feature::Three") is None  # unless: the bundle passes it
    assert loaded.get("events/b.feature::Elsewhere") is None  # outside the shared features
    ids = {"buffer/a.feature::One", "buffer/a.feature::Two", "buffer/a.feature::Three"}
    assert expectations.stale(loaded, ids) == []
    assert "unless 'buffer/a.feature::Three', which names no existing scenario" in "\n".join(
        expectations.stale(loaded, ids - {"buffer/a.feature::Three"}))


@pytest.mark.parametrize("shares, message", [
    ('[[shares]]\nimpl="base"\nfeatures="buffer/*"\n', "missing reason"),
    ('[[shares]]\nimpl="base"\nfeatures="buffer/*"\nreason="w"\nexcept=["x"]\n', "unknown key except"),
    ('[[shares]]\nimpl="base"\nfeatures="buffer/*"\nreason="w"\n[[shares.unless]]\nscenarios=["buffer/a.feature::Three"]\n',
     "each \\[\\[shares.unless\\]\\] has a reason"),
    ('[[shares]]\nimpl="base"\nfeatures="buffer/*"\nreason="w"\n[[shares.unless]]\nreason="r"\nscenarios=["buffer/a.feature::Nine"]\n',
     "expects no failure: delete it"),
    ('[[shares]]\nimpl="nobody"\nfeatures="buffer/*"\nreason="w"\n', "which has no expectations"),
    ('[[shares]]\nimpl="bundle"\nfeatures="buffer/*"\nreason="w"\n', "shared in a circle: bundle → bundle"),
])
def test_a_malformed_shares_table_is_refused_with_one_line(tmp_path, shares, message):
    (tmp_path / "base.toml").write_text(BASE)
    (tmp_path / "bundle.toml").write_text(shares)
    with pytest.raises(ExpectationError, match=message):
        expectations.load("bundle", tmp_path)
