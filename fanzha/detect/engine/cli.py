"""CLI core for ``fanzha detect``: JSONL in, JSONL out; train and eval entry points.

Input lines are ``{"id": ..., "text": ...}``. Each input line gives one output line; a bad
line (invalid UTF-8, invalid JSON, missing or empty text) gives ``{"line": N, "id": ..,
"error": "…"}`` in the output *and* on stderr, and processing goes on. Large inputs are split
into chunks and scored by ``workers`` processes; small inputs stay in one process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import IO

from tqdm import tqdm

from .corpus import DataError
from .detector import DetectInputError, load_detector
from .model import ArtifactError

CHUNK = 1000
PARALLEL_MIN = 4000  # below this many lines a second process costs more than it saves

Item = tuple[int, object, str | None, str | None]  # line number, id, text, error


def parse_line(n: int, raw: bytes) -> Item:
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return n, None, None, "不是有效的UTF-8编码"
    except json.JSONDecodeError:
        return n, None, None, "不是有效的JSON"
    if not isinstance(obj, dict):
        return n, None, None, "每行必须是JSON对象"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return n, obj.get("id"), None, "缺少text字段或文本为空"
    return n, obj.get("id"), text, None


def read_items(stream: IO[bytes]) -> Iterator[Item]:
    for n, raw in enumerate(stream, start=1):
        if raw.strip():
            yield parse_line(n, raw)


def process_chunk(items: list[Item], model_path: str | None = None) -> list[str]:
    """Score one chunk; returns output JSON lines in input order."""
    det = load_detector(model_path)
    good = [it for it in items if it[3] is None]
    results = iter(det.detect_many([it[2] or "" for it in good])) if good else iter(())
    out = []
    for n, ident, _text, error in items:
        if error is not None:
            out.append(json.dumps({"line": n, "id": ident, "error": error}, ensure_ascii=False))
        else:
            out.append(json.dumps(next(results).to_dict(ident), ensure_ascii=False))
    return out


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_detect(
    infile: IO[bytes],
    outfile: IO[str],
    workers: int = 2,
    progress: bool = True,
    model_path: str | None = None,
    errfile: IO[str] | None = None,
) -> dict[str, int]:
    """Read JSONL from ``infile`` (binary), write JSONL to ``outfile``; returns counts."""
    items = list(read_items(infile))
    errfile = errfile if errfile is not None else sys.stderr
    chunks = list(_chunks(iter(items), CHUNK))
    bar = tqdm(total=len(items), disable=not progress, file=sys.stderr, unit="条")
    counts = {"lines": len(items), "errors": 0}
    for lines in _scored(chunks, workers if len(items) >= PARALLEL_MIN else 1, model_path):
        for line in lines:
            if line.startswith('{"line"'):
                counts["errors"] += 1
                print(line, file=errfile)
            outfile.write(line + "\n")
        bar.update(len(lines))
    bar.close()
    return counts


def _scored(chunks: list[list[Item]], workers: int, model_path: str | None) -> Iterator[list[str]]:
    if workers <= 1:
        for chunk in chunks:
            yield process_chunk(chunk, model_path)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(process_chunk, chunks, [model_path] * len(chunks))


def train_main(argv: list[str] | None = None) -> int:
    from .training import train

    ap = argparse.ArgumentParser(prog="fanzha detect train", description="训练诈骗文本检测模型")
    ap.add_argument("--data", nargs="+", required=True, help="CSV/JSONL/XLSX 文件或目录")
    ap.add_argument("--out", default="model.npz", help="输出模型文件")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-synth", action="store_true", help="不加入项目自带的合成训练材料")
    args = ap.parse_args(argv)
    if not Path(args.out).resolve().parent.is_dir():  # before minutes of training, not after
        return _fail(f"输出目录不存在：{Path(args.out).parent}")
    try:
        train(args.data, args.out, seed=args.seed, include_synth=not args.no_synth)
    except (DataError, OSError) as exc:
        return _fail(exc)
    return 0


def _fail(exc: Exception | str) -> int:
    """Input that cannot be read or used (an error, or what is wrong in words): its message on
    stderr, exit status 2, no traceback."""
    if isinstance(exc, str):
        message = exc
    elif isinstance(exc, FileNotFoundError):
        message = f"找不到文件：{exc.filename}"
    elif isinstance(exc, PermissionError):
        message = f"没有权限读写：{exc.filename}"
    elif isinstance(exc, OSError):
        message = f"无法读写文件：{exc.filename}（{exc.strerror}）"
    else:
        message = str(exc)
    print(f"错误：{message}", file=sys.stderr)
    return 2


def eval_main(argv: list[str] | None = None, out: IO[str] | None = None) -> int:
    from .training import evaluate_paths

    ap = argparse.ArgumentParser(prog="fanzha detect eval", description="评估诈骗文本检测模型")
    ap.add_argument("--data", nargs="+", required=True)
    ap.add_argument("--model", default=None, help="模型文件（默认：随包发布的模型）")
    ap.add_argument("--json", default=None, help="把评估结果另存为JSON文件")
    args = ap.parse_args(argv)
    out = out or sys.stdout
    try:
        report, text = evaluate_paths(load_detector(args.model), args.data)
    except (DataError, ArtifactError, OSError) as exc:
        return _fail(exc)
    print(text, file=out)
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return 0


def detect_main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="fanzha detect", description="检测诈骗文本（JSONL）")
    ap.add_argument("--input", default=None)
    ap.add_argument("--output", default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    try:
        with contextlib.ExitStack() as files:
            infile = files.enter_context(open(args.input, "rb")) if args.input else sys.stdin.buffer
            outfile = (
                files.enter_context(open(args.output, "w", encoding="utf-8")) if args.output else sys.stdout
            )
            run_detect(infile, outfile, args.workers, progress=True, model_path=args.model)
    except (DetectInputError, ArtifactError, OSError) as exc:
        return _fail(exc)
    return 0


if __name__ == "__main__":
    sys.exit(detect_main())
