"""Which packaged form of the all-products reference answers fastest: the comparison behind scripts/build_products.py.

Usage: python benchmarks/products_formats.py [--runs N]
Builds each candidate into a temporary directory from data/reference/tencentcloud-error-codes.json, then, in fresh
processes run alternately N times: one code lookup (a 3-product code and the 161-product FailedOperation), one
product's code list, and the peak memory of the process. Prints the size on disk, the size deflated as in the wheel,
medians, and the same figures minus a `python -c` that imports what the reader needs before reading (`base`).
Every process first imports what `tco-err lookup` has loaded anyway (PRELOADED), so the figures are the reader's.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import build_products  # noqa: E402

from tco_errcli.catalog import allproducts  # noqa: E402

CODES = ("InvalidInstanceId.NotFound", "FailedOperation")
PRODUCT = "cvm"
MESSAGE = "账号因为欠费停止服务"
# what `tco-err lookup` has imported before it would reach the reader (python -X importtime): not the reader's cost
PRELOADED = "import datetime, json, re, zlib, tco_errcli.catalog\nimport time\nt0 = time.perf_counter()\n"
WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """The benchmark's stand-in for the reader's message normaliser (the real one is allproducts.message_key)."""
    return WS.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip(" .。!！;；,，:：") if text else ""


def line(entry: build_products.Entry) -> str:
    fields = (entry.product, entry.version, entry.code, entry.zh, entry.en or "", ",".join(entry.actions))
    return allproducts.code_key(entry.code) + "\t" + "\t".join(fields)


def by_product(data: build_products.Dataset) -> list[build_products.Entry]:
    return sorted(data.entries, key=lambda e: (e.product, e.version, e.code))


def write_sqlite(data: build_products.Dataset, path: Path) -> None:
    """(a) stdlib sqlite3: entries in product order (rowid), an index on the code key, action owners, vacuumed."""
    con = sqlite3.connect(path)
    con.executescript(
        "PRAGMA page_size=4096; PRAGMA journal_mode=OFF;"
        "CREATE TABLE entry(id INTEGER PRIMARY KEY, key TEXT, product TEXT, version TEXT, code TEXT, zh TEXT, en TEXT,"
        " actions TEXT, zh_norm TEXT, en_norm TEXT);"
        "CREATE TABLE action(action TEXT PRIMARY KEY, products TEXT) WITHOUT ROWID;"
        "CREATE TABLE product(short TEXT PRIMARY KEY, name_zh TEXT, host TEXT, versions TEXT, codes INT, first INT,"
        " last INT) WITHOUT ROWID;"
        "CREATE TABLE category(name TEXT PRIMARY KEY) WITHOUT ROWID;"
    )
    rows = by_product(data)
    con.executemany(
        "INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?)",
        [
            (
                i,
                allproducts.code_key(e.code),
                e.product,
                e.version,
                e.code,
                e.zh,
                e.en,
                ",".join(e.actions),
                norm(e.zh),
                norm(e.en),
            )
            for i, e in enumerate(rows)
        ],
    )
    con.execute("CREATE INDEX entry_key ON entry(key)")
    con.executemany("INSERT INTO action VALUES (?,?)", [(a, " ".join(ps)) for a, ps in data.actions.items()])
    first: dict[str, list[int]] = {}
    for i, e in enumerate(rows):
        first.setdefault(e.product, [i, i])[1] = i
    con.executemany(
        "INSERT INTO product VALUES (?,?,?,?,?,?,?)",
        [(p.short, p.name_zh, p.host, ",".join(p.versions), p.codes, *first.get(p.short, [0, -1])) for p in data.products],
    )
    con.executemany("INSERT INTO category VALUES (?)", [(c,) for c in data.categories])
    con.commit()
    con.execute("VACUUM")
    con.close()


SQLITE_READ = """
import sqlite3, sys
con = sqlite3.connect("file:{path}?mode=ro&immutable=1", uri=True)
kind, arg = sys.argv[1:3]
if kind == "code":
    rows = con.execute("SELECT * FROM entry WHERE key = ?", (arg.lower(),)).fetchall()
elif kind == "product":
    first, last = con.execute("SELECT first, last FROM product WHERE short = ?", (arg,)).fetchone()
    rows = con.execute("SELECT * FROM entry WHERE id BETWEEN ? AND ?", (first, last)).fetchall()
elif kind == "message":
    rows = con.execute("SELECT * FROM entry WHERE instr(zh_norm, ?) OR instr(en_norm, ?)", (arg, arg)).fetchall()
else:
    rows = con.execute("SELECT products FROM action WHERE action = ?", (arg,)).fetchone()[0].split()
"""


def write_chosen(data: build_products.Dataset, path: Path) -> None:
    """(b) the chosen form, scripts/build_products.py's: zlib chunks of sorted lines behind a small header."""
    path.write_bytes(build_products.encode(data))


CHOSEN_READ = """
import sys
from pathlib import Path
from tco_errcli.catalog import allproducts as a
a.PACKAGED = Path("{path}")
kind, arg = sys.argv[1:3]
if kind == "code":
    rows = a.definitions(arg)
elif kind == "product":
    rows = a.codes_of(arg)
elif kind == "message":
    rows = a.by_message(arg)
else:
    rows = a.action_owners(arg)
"""


def write_text(data: build_products.Dataset, path: Path) -> None:
    """(c) plain UTF-8 sections, no compression on disk (the wheel deflates them): entries by product, sorted
    code-key and action indexes, normalised messages; a JSON header gives each section's byte range."""
    rows = by_product(data)
    body = bytearray()
    where: dict[str, list[int]] = {}
    ranges: dict[str, list[int]] = {}
    for e in rows:
        start = len(body)
        ranges.setdefault(e.product, [start, start])
        body += (line(e) + "\n").encode()
        ranges[e.product][1] = len(body)
        where.setdefault(allproducts.code_key(e.code), []).append(start)
    sections = {
        "index": "".join(f"{k}\t{','.join(map(str, v))}\n" for k, v in sorted(where.items())).encode(),
        "actions": "".join(f"{a}\t{' '.join(ps)}\n" for a, ps in data.actions.items()).encode(),
        "messages": "".join(f"{norm(e.zh)}\t{norm(e.en)}\n" for e in rows).encode(),
    }
    offsets = {}
    for name, blob in sections.items():
        offsets[name] = [len(body), len(blob)]
        body += blob
    head = json.dumps({"categories": list(data.categories), "products": ranges, **offsets}).encode()
    path.write_bytes(b"TCOERR\t1\n" + head + b"\n" + bytes(body))


TEXT_READ = """
import json, sys
f = open("{path}", "rb")
f.readline()
head = json.loads(f.readline())
base = f.tell()
def section(name):
    f.seek(base + head[name][0])
    return b"\\n" + f.read(head[name][1])
def find(name, key):
    text = section(name)
    at = text.find(b"\\n" + key.encode() + b"\\t")
    return text[at + len(key) + 2:text.find(b"\\n", at + 1)].decode() if at >= 0 else ""
kind, arg = sys.argv[1:3]
if kind == "code":
    rows = []
    for o in find("index", arg.lower()).split(","):
        f.seek(base + int(o))
        rows.append(f.readline().decode())
elif kind == "product":
    start, end = head["products"][arg]
    f.seek(base + start)
    rows = f.read(end - start).decode().splitlines()
elif kind == "message":
    rows = [i for i, l in enumerate(section("messages").decode().split("\\n")) if arg in l]
else:
    rows = find("actions", arg).split()
"""


def write_lzma_json(data: build_products.Dataset, path: Path) -> None:
    """(d) the naive form: every table in one lzma-compressed JSON, read entirely."""
    whole = {
        "entries": [[allproducts.code_key(e.code), *e, norm(e.zh), norm(e.en)] for e in by_product(data)],
        "actions": data.actions,
        "categories": data.categories,
    }
    path.write_bytes(lzma.compress(json.dumps(whole, ensure_ascii=False, separators=(",", ":")).encode()))


LZMA_READ = """
import json, lzma, sys
whole = json.loads(lzma.decompress(open("{path}", "rb").read()))
kind, arg = sys.argv[1:3]
if kind == "action":
    rows = list(whole["actions"].get(arg, {{}}))
elif kind == "message":
    rows = [r for r in whole["entries"] if arg in r[7] or arg in r[8]]
else:
    col, want = (0, arg.lower()) if kind == "code" else (1, arg)
    rows = [r for r in whole["entries"] if r[col] == want]
"""

CANDIDATES = {
    "sqlite": (write_sqlite, SQLITE_READ, "import sqlite3, sys"),
    "zlib chunks": (write_chosen, CHOSEN_READ, "import tco_errcli.catalog.allproducts"),
    "plain text": (write_text, TEXT_READ, "import json, sys"),
    "lzma json": (write_lzma_json, LZMA_READ, "import json, lzma, sys"),
}
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent
FOOTER = (
    "\nelapsed = int((time.perf_counter() - t0) * 1e6)"
    "\nprint(len(rows), elapsed, [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
)


def deflated(path: Path) -> int:
    """Its size inside a wheel: hatchling writes ZIP_DEFLATED members."""
    with tempfile.TemporaryFile() as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(path, path.name)
        return tmp.tell()


def run(script: str, *args: str) -> tuple[float, int, float, int]:
    """Wall seconds, rows found, in-process seconds (reader imports + the query), peak RSS in kB."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True).stdout
    elapsed = time.perf_counter() - start
    count, inside, rss = out.split()
    return elapsed, int(count), int(inside) / 1e6, int(rss)


def import_cost(module_line: str) -> float:
    """Milliseconds -X importtime charges to the reader's imports: top-level cumulative times beyond `pass`'s."""

    def total(code: str) -> int:
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True).stderr
        rows = [row.split("|") for row in err.splitlines() if row.startswith("import time:") and "|" in row]
        return sum(int(r[1]) for r in rows if r[1].strip().isdigit() and not r[2].startswith("  "))

    return (total(PRELOADED + module_line) - total(PRELOADED)) / 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    data = build_products.collect(
        build_products.read_reference(build_products.REFERENCE),
        build_products.read_services(build_products.SERVICES),
        build_products.read_names(build_products.NAMES),
    )
    # PYTHONDONTWRITEBYTECODE would have every run compile the reader: measure it as installed, compiled
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tco_errcli")], check=True, capture_output=True)
    work = Path(tempfile.mkdtemp())
    scripts: dict[str, str] = {"base": PRELOADED + "rows = []" + FOOTER}
    print(f"{'format':12} {'on disk':>10} {'in wheel':>10} {'import ms':>10}")
    for name, (write, read, imports) in CANDIDATES.items():
        path = work / name.replace(" ", "_")
        write(data, path)
        again = work / "again"
        write(data, again)
        same = path.read_bytes() == again.read_bytes()
        again.unlink()
        scripts[name] = PRELOADED + read.format(path=path) + FOOTER
        costs = statistics.median(import_cost(imports) for _ in range(5))
        print(f"{name:12} {path.stat().st_size:>10,} {deflated(path):>10,} {costs:>10.1f}  deterministic={same}")
    cases = [("code", c) for c in CODES] + [("product", PRODUCT), ("message", MESSAGE), ("action", "DescribeInstances")]
    samples: dict[tuple[str, str], list[tuple[float, int, float, int]]] = {}
    for _ in range(args.runs):  # alternate: every format and query once per round
        for name, script in scripts.items():
            for kind, arg in cases if name != "base" else [("code", "x")]:
                samples.setdefault((name, arg), []).append(run(script, kind, arg))
    base = samples[("base", "x")]
    base_wall = statistics.median(s[0] for s in base)
    base_rss = statistics.median(s[3] for s in base)
    print(f"\nbase (PRELOADED alone): {base_wall * 1000:.1f} ms, {base_rss / 1024:.1f} MB")
    print(f"{'format':12} {'query':28} {'rows':>5} {'wall ms':>8} {'-base':>6} {'in-proc ms':>10} {'peak MB':>8} {'+MB':>5}")
    for name in CANDIDATES:
        for _, arg in cases:
            runs = samples[(name, arg)]
            wall = statistics.median(s[0] for s in runs)
            inside = statistics.median(s[2] for s in runs)
            peak = statistics.median(s[3] for s in runs)
            print(
                f"{name:12} {arg:28} {runs[0][1]:>5} {wall * 1000:>8.1f} {(wall - base_wall) * 1000:>6.1f} "
                f"{inside * 1000:>10.2f} {peak / 1024:>8.1f} {(peak - base_rss) / 1024:>5.1f}"
            )
    for path in work.iterdir():
        os.unlink(path)
    os.rmdir(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
