"""The trained check-worthiness scorer: its weights load, it scores in [0, 1] with reasons in words, and ranks sensibly."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.model.defaults import MIN_SCORE
from factcheck.text import worthiness
from factcheck.text.worthiness import features, model

from conftest import REPO


@pytest.fixture(scope="module")
def m() -> model.Model:
    return model.default()


def test_the_weights_ship_with_the_package_and_load_quickly() -> None:
    assert model.WEIGHTS.parent == Path(worthiness.__file__).parent
    assert model.WEIGHTS.stat().st_size <= 3_000_000
    loaded = model.load()
    assert loaded.threshold == MIN_SCORE  # how fast it loads is benchmarks/startup.py's to measure


def test_the_weights_are_read_once_per_process() -> None:
    assert model.default() is model.default()


def test_a_weights_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    raw = gzip.decompress(model.WEIGHTS.read_bytes())
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    with pytest.raises(ValueError, match="truncated"):
        model.read(gzip.compress(raw[: end + 1001]))
    with pytest.raises(ValueError, match="format"):
        model.read(gzip.compress(json.dumps({**header, "format": "other/1"}).encode() + raw[end:]))
    del header["cues"]["question"]
    with pytest.raises(ValueError, match="cues"):
        model.read(gzip.compress(json.dumps(header).encode() + raw[end:]))


def test_scoring_imports_no_machine_learning_library() -> None:
    code = (
        "import sys; from factcheck.text import worthiness;"
        "worthiness.score('Unemployment fell to 4.1% in 2017.');"
        "bad = [k for k in sys.modules if k.split('.')[0] in ('numpy', 'scipy', 'sklearn')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_importing_the_package_does_not_read_the_weights() -> None:
    code = "import sys; from factcheck.text import worthiness; print('factcheck.text.worthiness.model' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "?",
        "Yes!",
        "$1 " * 50,
        "I " * 30,
        "The bridge cost $310 million.",
        "x" * 5000,
        "日本の人口は1億2千万人です。",
    ],
)
def test_scores_are_in_range_and_rounded(m: model.Model, text: str) -> None:
    for kind in ("sentence", "heading", "item"):
        s = m.score(text, kind)
        assert isinstance(s, worthiness.Scored)
        assert 0.0 <= s.score <= 1.0 and s.score == round(s.score, 3)
        assert isinstance(s.reasons, tuple) and all(isinstance(r, str) for r in s.reasons)


def test_the_public_score_is_the_model(m: model.Model) -> None:
    text = "The contract was awarded in January 2023 to Corvane Construction Inc. for $310 million."
    assert worthiness.score(text) == m.score(text)
    assert worthiness.score(text) != worthiness.rules.score(text)


def test_reasons_are_words_not_ngrams(m: model.Model) -> None:
    texts = [
        "The contract was awarded in January 2023 to Corvane Construction Inc. for $310 million.",
        "I think this is a great country and we will make it greater.",
        "Why would anyone believe that?",
        "Unemployment fell to 4.1 percent last year, according to the Labor Department.",
    ]
    for text in texts:
        reasons = m.score(text).reasons
        assert reasons
        for r in reasons:
            assert not re.search(r"\b[wc]:|<s>", r), r
            label = r.removeprefix("lowered by ").split(":")[0]
            assert re.fullmatch(r"[a-z][a-z ,'-]*(?: \d\.\d\d)?", label), r


def test_reasons_name_figures_opinion_and_questions(m: model.Model) -> None:
    money = m.score("The repair programme cost $310 million.").reasons
    assert "states a sum of money: $310 million" in money
    opinion = m.score("I think the council made a terrible mistake.").reasons
    assert "lowered by opinion marker: I think" in opinion
    question = m.score("Is the bridge worth the money?").reasons
    assert "lowered by question" in question


def test_reasons_name_the_words_that_weigh_most(m: model.Model) -> None:
    reasons = m.score("Unemployment fell to 4.1 percent last year.").reasons
    words = next(r for r in reasons if r.startswith("words typical of checked claims: "))
    assert "percent" in words.split(": ")[1].split(", ")


def test_reasons_raise_first_then_lower(m: model.Model) -> None:
    reasons = m.score("The mayor will probably say that the $18 million garage was a great idea.").reasons
    lowered = [i for i, r in enumerate(reasons) if r.startswith("lowered by")]
    raised = [i for i, r in enumerate(reasons) if not r.startswith("lowered by")]
    assert lowered and raised and max(raised) < min(lowered)
    assert len(raised) <= 5 and len(lowered) <= 4


def test_deterministic_across_loads_and_processes(m: model.Model) -> None:
    text = "In 2016 the deficit was $587 billion, and I believe it will grow."
    first = m.score(text)
    assert model.load().score(text) == first
    code = f"from factcheck.text import worthiness; s = worthiness.score({text!r}); print(s.score, s.reasons)"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": seed}
        ).stdout
        for seed in ("1", "2")
    }
    assert outs == {f"{first.score} {first.reasons}\n"}


def test_a_claim_ranks_above_an_opinion(m: model.Model) -> None:
    claim = m.score("Unemployment fell from 10 percent in 2009 to 4.7 percent in 2016.")
    opinion = m.score("I think we have the greatest country in the world and a wonderful future.")
    assert claim.score > MIN_SCORE > opinion.score


@pytest.mark.parametrize(
    ("weaker", "stronger"),
    [
        ("Is the bridge worth $310 million?", "The bridge cost $310 million."),
        ("I think the bridge cost too much.", "The bridge cost $310 million in 2019."),
        ("The bridge will probably be a great success.", "The bridge opened to traffic in 2019."),
        ("Like the rising sun, the bridge stands proud.", "The bridge opened to traffic on Tuesday."),
    ],
)
def test_cues_move_the_score_the_right_way(m: model.Model, weaker: str, stronger: str) -> None:
    assert m.score(weaker).score < m.score(stronger).score


def test_a_heading_scores_lower_than_the_same_words_as_a_sentence(m: model.Model) -> None:
    text = "Harbour bridge reopens after $310 million repair"
    assert m.score(text, "heading").score < m.score(text, "sentence").score


def test_key_facts_come_with_the_score(m: model.Model) -> None:
    s = m.score("A new freight service was launched in October 2021, cutting the journey from 25 days to 10 days.")
    assert [f.text for f in s.facts] == ["October 2021", "25 days", "10 days"]


def test_the_features_cues_are_the_shipped_model_s() -> None:
    assert set(features.CUES) == set(model.default().header["cues"])


# --- the training script -----------------------------------------------------------------


def _train():  # type: ignore[no-untyped-def]
    pytest.importorskip("numpy")
    pytest.importorskip("scipy")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("train_worthiness", REPO / "benchmarks" / "train_worthiness.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    if not (module.DATA / "claimbuster-train.json").exists():
        pytest.skip("the shared training data are not beside the repository")
    return module


def test_training_is_reproducible_and_the_scorer_matches_it(tmp_path: Path) -> None:
    """Training twice gives the same bytes, and the scorer gives what the training features and weights give."""
    train = _train()
    first, second = tmp_path / "a.bin.gz", tmp_path / "b.bin.gz"
    train.build(out=first, sample=600)
    train.build(out=second, sample=600)
    assert first.read_bytes() == second.read_bytes()

    np = pytest.importorskip("numpy")
    raw = gzip.decompress(first.read_bytes())
    end = raw.index(b"\n")
    header = json.loads(raw[:end])
    grams = np.frombuffer(raw[end + 1 :], dtype="<i2") * header["scale"]
    coef = np.concatenate([grams, [header["cues"][n] for n in features.NAMES]])
    texts = [s.text for s in train.claimbuster()[600:800]] + ["Harbour bridge reopens after $310 million repair"]
    expected = train.featurize(texts) @ coef + header["bias"]
    loaded = model.load(first)
    got = np.array([loaded.logit(t) for t in texts])
    assert np.abs(expected - got).max() < 1e-9


def test_trained_context_weights_score_as_the_training_features_say(tmp_path: Path) -> None:
    """With context weights, the scorer moves a debate line's score as training's context features do."""
    train = _train()
    np = pytest.importorskip("numpy")
    out = tmp_path / "c.bin.gz"
    train.build(out=out, sample=600, context=True)
    loaded = model.load(out)
    assert loaded.uses_context and set(loaded.header["context"]) == set(features.CONTEXT_NAMES)
    lines = [s for s in train.clef() if s.group == "20170228_trump_address"][:60]
    around = train.around_debates(lines)
    logits = np.array([loaded.logit(s.text) for s in lines])
    weights = np.array([loaded.header["context"][n] for n in features.CONTEXT_NAMES])
    expected = 1 / (1 + np.exp(-(logits + train.context_matrix(lines, around, logits) @ weights)))
    got = loaded.score_units([(s.text, "sentence") for s in lines], turns=around.turns)
    assert np.abs(np.array([g.score for g in got if g]) - expected).max() <= 0.0005 + 1e-12


def test_training_says_clearly_when_the_data_are_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = _train()
    assert train.main(["--data", str(tmp_path / "nowhere"), "--out", str(tmp_path / "w.bin.gz")]) == 2
    assert "no training data at" in capsys.readouterr().err
    assert not (tmp_path / "w.bin.gz").exists()


def test_the_shipped_weights_are_what_training_gives_today(tmp_path: Path) -> None:
    """The features come from the rules: a change to the rules (or the facts) needs the weights retrained.

    Run ``python benchmarks/train_worthiness.py`` after such a change.
    """
    train = _train()
    out = tmp_path / "weights.bin.gz"
    train.build(out=out)
    # Compared as one bool: pytest's diff of two differing compressed files runs for minutes.
    same = out.read_bytes() == model.WEIGHTS.read_bytes()
    assert same, "the shipped weights are not what training gives today: python benchmarks/train_worthiness.py"


# --- the benchmark's leave-one-article-out threshold -------------------------------------


def _quality_bench():  # type: ignore[no-untyped-def]
    for name in ("numpy", "scipy", "sklearn"):
        pytest.importorskip(name)
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location(
            "worthiness_quality", REPO / "benchmarks" / "worthiness_quality.py"
        )
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return module


def test_a_news_threshold_is_chosen_on_the_other_articles_only() -> None:
    """Each article is scored at the threshold its neighbours chose, so one that needs a lower threshold
    than the others loses what falls below theirs, and the pooled figure shows it."""
    quality = _quality_bench()
    np = pytest.importorskip("numpy")
    high = (np.array([0.9, 0.8, 0.7, 0.3]), np.array([1, 1, 0, 0]))  # its own best threshold: 0.8
    low = (np.array([0.5, 0.45, 0.2]), np.array([1, 1, 0]))  # its check-worthy units sit under 0.8
    assert quality.best_threshold(*high) == pytest.approx(0.8)
    assert quality.best_threshold(np.concatenate([high[0], low[0]]), np.concatenate([high[1], low[1]])) == 0.45
    precision, recall, chosen = quality.leave_one_article_out([high[0], high[0], low[0]], [high[1], high[1], low[1]])
    # Held out, each like article is scored at what the odd one pulls its neighbours' choice down to (0.45),
    # and proposes a false alarm; the odd one, at the 0.8 its like neighbours chose, proposes nothing.
    assert chosen == "0.45 0.45 0.80"
    assert (precision, recall) == (pytest.approx(4 / 6), pytest.approx(4 / 6))
