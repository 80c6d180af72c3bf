import json

import pytest
from django.core.management import CommandError, call_command

LETTERS = [
    {"id": "a", "text": "Dear Recipient,\n\nMy dog Pippin says hi from Tralee.\n\nLove,\nLorcan"},
    {
        "id": "b",
        "text": "i'm zed, text me on 087 555 0199",
        "known": {"names": ["Zed Quill"], "phones": ["+353875550199"]},
    },
    {"id": "c", "text": ""},
]


def _run(tmp_path, rows):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    call_command("flag_letters", str(source), str(target), "--no-progress")
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_it_writes_one_line_of_spans_per_letter(tmp_path):
    """flag_letters writes id and spans for every input line, in order."""
    out = _run(tmp_path, LETTERS)
    assert [row["id"] for row in out] == ["a", "b", "c"]
    text = LETTERS[0]["text"]
    found = {text[s["start"] : s["end"]] for s in out[0]["spans"]}
    assert {"Pippin", "Tralee", "Lorcan"} <= found
    assert set(out[0]["spans"][0]) == {"start", "end", "label"}
    assert out[2]["spans"] == []


def test_it_passes_each_lines_known_identities(tmp_path):
    """A line's known object reaches detect_many as that letter's Known."""
    out = _run(tmp_path, LETTERS[1:2])
    text = LETTERS[1]["text"]
    assert {"zed", "087 555 0199"} <= {text[s["start"] : s["end"]] for s in out[0]["spans"]}


@pytest.mark.parametrize(
    "row",
    [
        pytest.param({"id": "x", "text": 3}, id="text-not-a-string"),
        pytest.param({"id": "x", "text": "hi", "known": {"pets": ["Rex"]}}, id="unknown-known-field"),
        pytest.param({"id": "x", "text": "hi", "known": {"names": [1]}}, id="known-not-strings"),
        pytest.param({"id": "x", "text": "x" * 20_001}, id="letter-too-long"),
    ],
)
def test_it_rejects_bad_lines_with_a_clear_error(tmp_path, row):
    """Malformed input stops the command with the line number or the cap."""
    with pytest.raises(CommandError):
        _run(tmp_path, [row])


def test_it_benchmarks_on_its_own_letters(capsys):
    """redaction_bench reports throughput against bare spaCy, latency and memory."""
    call_command("redaction_bench", "--letters", "6", "--repeat", "3", "--all-cores")
    report = capsys.readouterr().out
    for key in (
        "detect_many_letters_per_second",
        "bare_nlp_pipe_full_model_letters_per_second",
        "one_letter_p95_ms",
    ):
        assert key in report
    assert "peak_rss_mb_with_pipeline" in report
