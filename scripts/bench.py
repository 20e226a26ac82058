#!/usr/bin/env python3
"""make bench: build-site against Hugo on the same corpus, in one run, on disk and on /dev/shm.

Generates the corpora with ../shared/bench/make_corpus.py (N pages per language, ~10 % untranslated), then
for each N and each output location runs cold full builds of build-site (release, --no-cache) and of Hugo
(../shared/bench/build-hugo.sh), several times each, and prints medians of wall time, CPU time (user + sys)
and peak memory (/usr/bin/time), with the ratio build-site / Hugo. Also: a no-change rebuild and a rebuild
after editing one page, for both.

Environment: BENCH_RUNS (default 3), BENCH_PAGES (default "1000 5000"), BENCH_SHM (default /dev/shm).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
WORK = os.path.join(ROOT, ".build-bench")
BINARY = os.path.join(ROOT, ".build", "release", "build-site")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PAGES = [int(n) for n in os.environ.get("BENCH_PAGES", "1000 5000").split()]
SHM = os.environ.get("BENCH_SHM", "/dev/shm")

SITE_YML = """baseURL: https://archive.example.org/
title: { en: Archive, sv: Arkiv }
languages:
  - { code: en, name: English, locale: en-GB }
  - { code: sv, name: Svenska, locale: sv }
# Same feature set as the Hugo layouts in ../shared/bench/hugo: no taxonomy pages.
taxonomies: []
"""


def timed(command, env=None):
    """Runs a command under /usr/bin/time; returns (wall s, cpu s, peak MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        full = ["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command
        result = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
        wall, user, system, rss = report.read().split()[-4:]
        return float(wall), float(user) + float(system), int(rss) / 1024


def corpus(n):
    path = os.path.join(WORK, f"corpus-{n}")
    marker = os.path.join(path, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(SHARED, "make_corpus.py"), "--pages", str(n), "--seed", "1", "--out", path],
                       check=True, stdout=subprocess.DEVNULL)
        open(marker, "w").close()
    # The site is the corpus folder itself, with a copy of the theme: the build follows no symbolic link out of
    # the site's folder, so neither content/ nor the theme can be a link to elsewhere.
    site = path
    theme = os.path.join(site, "themes", "default")
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "themes", "default"), theme)
    with open(os.path.join(site, "site.yml"), "w") as f:
        f.write(SITE_YML)
    return path, site


def median(values):
    return statistics.median(values)


def ours(site, out, cache):
    args = [BINARY, "--root", site, "--output", out, "--quiet"]
    return args if cache else args + ["--no-cache"]


def hugo(corpus_path, out, keep=False):
    env = dict(os.environ, HUGO_KEEP_OUT="1" if keep else "0")
    return ["sh", os.path.join(SHARED, "build-hugo.sh"), corpus_path, out], env


def measure(n, location):
    corpus_path, site = corpus(n)
    base = WORK if location == "disk" else SHM
    ours_out = os.path.join(base, f"bench-out-build-site-{n}")
    hugo_out = os.path.join(base, f"bench-out-hugo-{n}")
    results = {"ours": [], "hugo": []}
    for _ in range(RUNS):
        shutil.rmtree(ours_out, ignore_errors=True)
        shutil.rmtree(os.path.join(site, ".build-site-cache"), ignore_errors=True)
        results["ours"].append(timed(ours(site, ours_out, cache=False)))
        command, env = hugo(corpus_path, hugo_out)
        results["hugo"].append(timed(command, env))
    # Rebuilds: no change, then one page edited (restored afterwards).
    shutil.rmtree(os.path.join(site, ".build-site-cache"), ignore_errors=True)
    timed(ours(site, ours_out, cache=True))
    unchanged = [timed(ours(site, ours_out, cache=True)) for _ in range(RUNS)]
    page = os.path.join(corpus_path, "content", "en", sorted(os.listdir(os.path.join(corpus_path, "content", "en")))[0])
    page = os.path.join(page, sorted(os.listdir(page))[0])
    original = open(page, encoding="utf-8").read()
    edited, hugo_edited = [], []
    try:
        for run in range(RUNS):
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + f"\nEdited for the benchmark, run {run}.\n")
            edited.append(timed(ours(site, ours_out, cache=True)))
            command, env = hugo(corpus_path, hugo_out, keep=True)
            hugo_edited.append(timed(command, env))
    finally:
        with open(page, "w", encoding="utf-8") as f:
            f.write(original)
        timed(ours(site, ours_out, cache=True))
    files = sum(len(f) for _, _, f in os.walk(ours_out))
    shutil.rmtree(ours_out, ignore_errors=True)
    shutil.rmtree(hugo_out, ignore_errors=True)
    return results, unchanged, edited, hugo_edited, files


def main():
    if not os.path.exists(BINARY):
        sys.exit("build the release binary first: swift build -c release")
    os.makedirs(WORK, exist_ok=True)
    version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"build-site vs Hugo {version}, {RUNS} runs each, medians; {os.cpu_count()} cores\n")
    print("| corpus | output | build-site wall | Hugo wall | ratio | build-site CPU | Hugo CPU | build-site peak | Hugo peak | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    summary = {}
    rebuilds = []
    for n in PAGES:
        for location in ["disk", "shm"]:
            results, unchanged, edited, hugo_edited, files = measure(n, location)
            o = [median([r[i] for r in results["ours"]]) for i in range(3)]
            h = [median([r[i] for r in results["hugo"]]) for i in range(3)]
            summary[(n, location)] = o[0]
            print(f"| N={n} ({files} files) | {location} | {o[0]:.2f} s | {h[0]:.2f} s | {o[0] / h[0]:.2f} | {o[1]:.2f} s | {h[1]:.2f} s "
                  f"| {o[2]:.0f} MiB | {h[2]:.0f} MiB | {o[2] / h[2]:.2f} |", flush=True)
            rebuilds.append((n, location, o[0], median([r[0] for r in unchanged]), median([r[0] for r in edited]),
                             median([r[0] for r in hugo_edited])))
    print("\n| corpus | output | build-site no-change rebuild | share of cold | one page edited | share of cold | Hugo, one page edited |")
    print("|---|---|---|---|---|---|---|")
    for n, location, cold, unchanged, edited, hugo_edited in rebuilds:
        print(f"| N={n} | {location} | {unchanged:.2f} s | {unchanged / cold * 100:.1f} % | {edited:.2f} s | {edited / cold * 100:.1f} % | {hugo_edited:.2f} s |")
    if len(PAGES) >= 2:
        small, large = PAGES[0], PAGES[-1]
        for location in ["disk", "shm"]:
            print(f"\ngrowth N={large} / N={small} ({location}): {summary[(large, location)] / summary[(small, location)]:.2f}×")


if __name__ == "__main__":
    main()
