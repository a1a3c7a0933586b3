"""CLI core: JSONL in and out, a bad line in the middle, train/eval entry points."""

import io
import json
from pathlib import Path

import pytest

from fanzha.detect.engine import cli
from fanzha.detect.engine.corpus import read_file
from fanzha.detect.engine.detector import Detector, default_model_path
from fanzha.detect.engine.model import save_artifact
from fanzha.detect.engine.training import fit_artifact

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_train.csv"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    artifact = fit_artifact(read_file(FIXTURE) * 3, seed=0, log=lambda _: None, n_features=2**12, max_iter=50)
    path = tmp_path_factory.mktemp("m") / "m.npz"
    save_artifact(artifact, path)
    return str(path)


def run(lines: list[bytes], model_path: str) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    cli.run_detect(
        io.BytesIO(b"\n".join(lines) + b"\n"),
        out,
        workers=1,
        progress=False,
        model_path=model_path,
        errfile=err,
    )
    return [json.loads(x) for x in out.getvalue().splitlines()], err.getvalue()


def test_one_output_line_per_input_and_bad_lines_reported(model_path: str) -> None:
    lines = [
        json.dumps({"id": 1, "text": "你涉嫌洗钱，把钱转到安全账户"}, ensure_ascii=False).encode(),
        b"{not json",
        b'{"id": 3}',
        '{"id": 4, "text": "\xff"}'.encode("latin-1"),
        json.dumps({"id": 5, "text": "明天上午开会"}, ensure_ascii=False).encode(),
    ]
    rows, err = run(lines, model_path)
    assert [r.get("id") for r in rows] == [1, None, 3, None, 5]
    assert rows[1] == {"line": 2, "id": None, "error": "不是有效的JSON"}
    assert rows[2]["line"] == 3 and "text" in rows[2]["error"]
    assert rows[3]["error"] == "不是有效的UTF-8编码"
    assert set(rows[0]) >= {
        "id",
        "is_fraud",
        "score",
        "fraud_type",
        "fraud_type_name",
        "reasons",
        "indicators",
    }
    assert err.count('"line"') == 3


def test_parallel_path_keeps_order(model_path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "PARALLEL_MIN", 1)
    monkeypatch.setattr(cli, "CHUNK", 2)
    lines = [json.dumps({"id": i, "text": f"第{i}条消息"}, ensure_ascii=False).encode() for i in range(7)]
    out = io.StringIO()
    cli.run_detect(io.BytesIO(b"\n".join(lines)), out, workers=2, progress=False, model_path=model_path)
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == list(range(7))


def test_eval_main_prints_table(model_path: str) -> None:
    out = io.StringIO()
    assert cli.eval_main(["--data", str(FIXTURE), "--model", model_path], out=out) == 0
    assert "精确率" in out.getvalue()


def test_shipped_model_file_exists() -> None:
    assert default_model_path().is_file()
    assert isinstance(Detector, type)


def test_train_and_eval_report_unusable_input_without_a_traceback(tmp_path: Path, capsys) -> None:
    fraud_only = tmp_path / "fraud_only.csv"
    fraud_only.write_text(
        "text,label\n你涉嫌洗钱，把存款转到安全账户,冒充公检法\n刷单返利，先垫付再返佣,刷单返利\n", "utf-8"
    )
    assert cli.train_main(["--data", str(fraud_only), "--no-synth", "--out", str(tmp_path / "m.npz")]) == 2
    assert "同时包含正常文本和诈骗文本" in capsys.readouterr().err
    assert cli.train_main(["--data", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "m.npz")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    not_a_model = tmp_path / "model.npz"
    not_a_model.write_text("not a model", "utf-8")
    assert cli.eval_main(["--data", str(FIXTURE), "--model", str(not_a_model)]) == 2
    assert "不是检测模型文件" in capsys.readouterr().err
    assert cli.eval_main(["--data", str(FIXTURE), "--model", str(tmp_path / "none.npz")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert (
        cli.train_main(["--data", str(FIXTURE), "--no-synth", "--out", str(tmp_path / "no" / "m.npz")]) == 2
    )
    assert "输出目录不存在" in capsys.readouterr().err
    assert cli.detect_main(["--input", str(tmp_path / "missing.jsonl")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert cli.detect_main(["--model", str(not_a_model), "--input", str(fraud_only)]) == 2
    assert "不是检测模型文件" in capsys.readouterr().err
