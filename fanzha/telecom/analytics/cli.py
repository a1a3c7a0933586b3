"""Command-line entry points; the Django ``fanzha telecom ...`` command calls these.

Each returns an exit code: 0 success, 2 bad input or arguments (message in Chinese on stderr,
no traceback), 3 engine unavailable.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .schema import InputError


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so callers get an exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"参数错误：{message}\n{self.format_usage()}")


class _UsageError(Exception):
    pass


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数，收到 “{text}”") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"应为正整数，收到 {value}")
    return value


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 0 到 1 之间的数，收到 “{text}”") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"应为 0 到 1 之间的数，收到 {value}")
    return value


def _run(
    argv: list[str] | None, build: Callable[[], _Parser], body: Callable[[argparse.Namespace], int]
) -> int:
    try:
        args = build().parse_args(argv)
        return body(args)
    except _UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except InputError as exc:
        print("输入数据有误，扫描未执行：", file=sys.stderr)
        for p in exc.problems:
            print(f"  - {p}", file=sys.stderr)
        return 2
    except (FileNotFoundError, ValueError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2


def _generate_parser() -> _Parser:
    p = _Parser(prog="fanzha telecom generate", description="生成带标注的模拟话单")
    p.add_argument("--subscribers", type=_positive, required=True, help="用户数")
    p.add_argument("--days", type=_positive, required=True, help="天数")
    p.add_argument("--seed", type=int, default=1, help="随机种子（同一种子结果相同）")
    p.add_argument("--out", type=Path, required=True, help="输出目录")
    return p


def _generate(a: argparse.Namespace) -> int:
    from .generator import generate

    t0 = time.perf_counter()
    rows = generate(a.out, a.subscribers, a.days, a.seed)
    secs = time.perf_counter() - t0
    print(
        f"已生成 {a.out}：通话 {rows['calls']} 行，短信 {rows['sms']} 行，用户 {rows['subscribers']} 个，"
        f"用时 {secs:.1f} 秒（{rows['calls'] / max(secs, 1e-9):,.0f} 行/秒）；标注见 labels.csv"
    )
    return 0


def generate_main(argv: list[str] | None = None) -> int:
    return _run(argv, _generate_parser, _generate)


def _scan_parser() -> _Parser:
    p = _Parser(prog="fanzha telecom scan", description="扫描话单，找出涉诈号码、猫池设备和沉睡卡")
    p.add_argument("--input", type=Path, required=True, help="输入目录（calls/sms/subscribers 等）")
    p.add_argument("--out", type=Path, required=True, help="输出目录")
    p.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    p.add_argument("--threshold", type=_fraction, default=None, help="号码告警阈值（默认 0.5）")
    return p


def _scan(a: argparse.Namespace) -> int:
    from .scan import run_scan, write_outputs
    from .scoring import DEFAULT_THRESHOLD

    if a.engine == "spark":
        try:
            import pyspark  # noqa: F401
        except ImportError:
            print("错误：未安装 PySpark，无法使用 spark 引擎（pip install 'fanzha[spark]'）", file=sys.stderr)
            return 3
    result = run_scan(a.input, a.engine, DEFAULT_THRESHOLD if a.threshold is None else a.threshold)
    write_outputs(result, a.out)
    r = result.report
    for p in r["skipped_files"]:
        print(
            f"警告：已跳过文件 {p['file']}"
            + (f" 列 {p['column']}" if p["column"] else "")
            + f"：{p['problem']}",
            file=sys.stderr,
        )
    rows = r["rows"]["calls"]
    secs = r["seconds"]["total"]
    print(f"扫描完成（{r['engine']}）：{rows} 行通话，{secs:.1f} 秒（{rows / max(secs, 1e-9):,.0f} 行/秒）")
    print(
        f"告警号码 {sum(r['flagged_numbers'].values())} 个 {r['flagged_numbers']}，"
        f"猫池设备 {r['flagged_devices']} 台，"
        f"触达的潜在受害人 {r['reached_victims']} 个；结果在 {a.out}"
    )
    return 0


def scan_main(argv: list[str] | None = None) -> int:
    return _run(argv, _scan_parser, _scan)


def _eval_parser() -> _Parser:
    p = _Parser(prog="fanzha telecom eval", description="按标注评估扫描结果（精确率、召回率）")
    p.add_argument("--labels", type=Path, required=True, help="标注文件 labels.csv")
    p.add_argument("--flags", type=Path, required=True, help="flags_numbers 文件或扫描输出目录")
    p.add_argument("--json", action="store_true", help="以 JSON 输出全部结果")
    return p


def _eval(a: argparse.Namespace) -> int:
    from .evaluate import evaluate

    for path in (a.labels, a.flags):
        if not path.exists():
            raise FileNotFoundError(f"找不到文件：{path}")
    res = evaluate(a.labels, a.flags)
    if a.json:
        print(json.dumps(res, ensure_ascii=False, indent=2))
        return 0
    n = res["numbers"]
    f = n["fraud_numbers"]
    print(
        f"涉诈号码：精确率 {f['precision']:.3f}，召回率 {f['recall']:.3f}"
        f"（TP {f['tp']}，FP {f['fp']}，FN {f['fn']}）"
    )
    for kind, v in n["by_flag_kind"].items():
        print(f"  告警类型 {kind}：{v['flagged']} 个，精确率 {v['precision']:.3f}")
    for kind, v in n["by_label_kind"].items():
        print(f"  标注类型 {kind}：{v['labelled']} 个，召回率 {v['recall']}，类型一致 {v['same_kind']}")
    h = n["hard_negatives"]
    print(f"难负样本（客服、快递、出行、老人）误报率 {h['rate']:.3%}（{h['flagged']}/{h['count']}）")
    if "devices" in res:
        d = res["devices"]
        print(f"猫池设备：精确率 {d['precision']:.3f}，召回率 {d['recall']:.3f}")
    for row in res.get("curve", []):
        print(f"  阈值 {row['threshold']:.2f}：精确率 {row['precision']:.3f}，召回率 {row['recall']:.3f}")
    return 0


def eval_main(argv: list[str] | None = None) -> int:
    return _run(argv, _eval_parser, _eval)


COMMANDS = {"generate": generate_main, "scan": scan_main, "eval": eval_main}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print("用法：python -m fanzha.telecom.analytics generate|scan|eval [参数...]", file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])
