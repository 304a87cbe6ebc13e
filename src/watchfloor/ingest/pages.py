"""HTML article pages: main text via trafilatura, then a small boilerplate post-filter.

Trafilatura removes most page furniture, but on re-posting sites a breadcrumb, a
repeated title, a run of category names or share-button labels can survive inside
the content block; those lines would pollute event extraction, so they are dropped
here using the page's own category/tag metadata and link lists as evidence.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree

from watchfloor.models import Article
from watchfloor.normalize import strip_controls

from .archives import unarchive
from .articles import Failure, merge_categories
from .dates import meta_values, page_published
from .metadata import host_publisher

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "form", "button", "select", "textarea", "input")
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header "
    "footer dd dt dl figcaption hr main".split()
)
_CRUMB_SPLIT = re.compile(r"\s*[»›]\s*")
_TAXONOMY_HREF = re.compile(r"/(?:category|categories|tag|tags|topic|topics|section|sections)/", re.I)
_MENU_ATTR = re.compile(r"menu|nav|categor|tag|topic|breadcrumb|crumb", re.I)
# Labels of share widgets; matched without word boundaries because trafilatura often
# glues adjacent button labels together ("Share on FacebookShare on Twitter").
_SHARE_WORDS = re.compile(
    r"click to share|share (?:this|on|via|to)|share|tweet|pin it|e-?mail|print|whats ?app|facebook"
    r"|twitter|linked ?in|telegram|pinterest|reddit|messenger|copy link|article|story|post",
    re.I,
)
_TAXONOMY_LABEL = re.compile(
    r"^(?:filed under|posted in|categor(?:y|ies)|tags?|tagged(?: with)?|topics?|sections?)\s*:?\s+", re.I
)
_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_UI = re.compile(r"\b(?:accept|consent|agree|policy|we use|this (?:web)?site uses|preferences)\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORD = re.compile(r"[\w'’-]+")
_CONNECTORS = frozenset({"and", "&", "|", "/", ",", "·", "•", "-", "–", "—"})


# libxml2 stops at 256 levels of nesting unless told the tree may be huge; past our own cap a
# page is refused with that reason, not dropped as "no article text".
_PARSER = lxml.html.HTMLParser(huge_tree=True)
_MAX_DEPTH = 1000
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def markup_depth(html: str) -> int:
    """How deep the markup nests (an estimate from the tags, for the error message)."""
    depth = deepest = 0
    for close, name, self_closing in _TAG.findall(html):
        if name.lower() in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if close else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _check_depth(html: str) -> None:
    depth = markup_depth(html)
    if depth > _MAX_DEPTH:
        raise Failure(f"markup nested {depth} elements deep (more than {_MAX_DEPTH}); not read")


def fragment_to_text(html: str) -> str:
    """Visible text of an HTML fragment, one line per block, scripts and styles dropped."""
    _check_depth(html)
    try:
        root = lxml.html.fragment_fromstring(strip_controls(html), create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise Failure(f"unreadable markup ({' '.join(str(exc).split())[:120]})") from None
    return _tree_text(root, boilerplate=False)


def _tree_text(root: etree._Element, *, boilerplate: bool) -> str:
    """Walk a tree, dropping non-content elements; newline after each block element."""
    drop = _DROP_TAGS + (_BOILERPLATE_TAGS if boilerplate else ())
    for el in list(root.iter(*drop)):
        if el is not root and el.getparent() is not None:
            el.drop_tree()
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()
    parts: list[str] = []
    # Iterative, in document order (a recursive walk dies at Python's recursion limit on deep
    # markup): "start" emits an element's text, "end" its block newline and then its tail.
    stack: list[tuple[str, etree._Element]] = [("start", root)]
    while stack:
        step, el = stack.pop()
        if step == "start":
            if el.text:
                parts.append(el.text)
            stack.append(("end", el))
            stack.extend(("start", child) for child in reversed(el))
        else:
            tag = el.tag if isinstance(el.tag, str) else ""
            if tag.lower() in _BLOCK_TAGS:
                parts.append("\n")
            if el is not root and el.tail:
                parts.append(el.tail)
    text = "".join(parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _meta(tree: etree._Element, *names: str) -> list[str]:
    """Values of <meta name|property|itemprop=...> tags, in document order."""
    return meta_values(tree, names)


def _link_vocabulary(tree: etree._Element) -> set[str]:
    """Words of taxonomy links: rel=tag/category, /category/ hrefs, menu/nav lists."""
    words: set[str] = set()
    for a in tree.iter("a"):
        label = a.text_content()
        if not label or len(label) > 60:
            continue
        rel = (a.get("rel") or "").lower()
        is_taxonomy = "tag" in rel or "category" in rel or bool(_TAXONOMY_HREF.search(a.get("href") or ""))
        if not is_taxonomy:
            for parent in a.iterancestors():
                attrs = f"{parent.get('class') or ''} {parent.get('id') or ''}"
                if parent.tag == "nav" or _MENU_ATTR.search(attrs):
                    is_taxonomy = True
                    break
        if is_taxonomy:
            words.update(w.casefold() for w in _WORD.findall(label))
    return words


def _same(a: str, b: str) -> bool:
    norm = lambda s: " ".join(_WORD.findall(s.casefold()))  # noqa: E731
    return bool(a.strip()) and norm(a) == norm(b)


def _title_variants(title: str) -> list[str]:
    """The title, and the title without a " - Site" / " | Site" suffix."""
    if not title:
        return []
    return [title] + [title.rsplit(sep, 1)[0] for sep in (" - ", " | ", " – ", " — ") if sep in title]


def _is_breadcrumb(line: str) -> bool:
    """"Home » Section › Title": short, separated by » or ›, not a «quotation»."""
    if "«" in line or "‹" in line or len(line) > 300:
        return False
    parts = [p for p in _CRUMB_SPLIT.split(line) if p]
    if len(parts) < 2:
        return False
    return all(len(p.split()) <= 5 for p in parts[:-1])


def _is_category_line(line: str, vocabulary: set[str]) -> bool:
    """A short line made only of category words also listed in the page's taxonomy."""
    if not vocabulary or re.search(r"[.!?…\"”]$", line):
        return False
    line = _TAXONOMY_LABEL.sub("", line)
    tokens = [t for t in re.split(r"[\s,|/·•]+", line) if t and t.casefold() not in _CONNECTORS]
    words = [w.casefold() for t in tokens for w in _WORD.findall(t)]
    return 0 < len(words) <= 15 and all(w in vocabulary for w in words)


def _is_share_line(line: str) -> bool:
    """A row of share-button labels ("Share this: Facebook Twitter WhatsApp")."""
    if len(line) > 150:
        return False
    if not re.search(r"share|tweet|whats ?app|facebook|twitter|telegram|linked ?in", line, re.I):
        return False
    rest = re.sub(r"\bx\b", " ", _SHARE_WORDS.sub(" ", line), flags=re.I)
    return not re.search(r"[^\W\d_]", rest)


def _is_cookie_line(line: str) -> bool:
    return len(line) < 400 and bool(_COOKIE.search(line)) and bool(_COOKIE_UI.search(line))


def clean_lines(text: str, title: str, vocabulary: set[str]) -> str:
    """Drop breadcrumbs, a leading title repeat, category runs, share and cookie lines."""
    kept: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            kept.append("")
            continue
        leading = not any(k for k in kept)
        if _is_breadcrumb(line) or _is_share_line(line) or _is_cookie_line(line):
            continue
        if leading and any(_same(line, t) for t in _title_variants(title)):
            continue
        if _is_category_line(line, vocabulary):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _language(tree: etree._Element) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    lang = lang.strip().split("-")[0].split("_")[0].lower()
    return lang if re.fullmatch(r"[a-z]{2,3}", lang) else None


def extract_page(html: str, url: str | None = None, source: str = "", *,
                 now: datetime | None = None) -> Article:
    """A draft Article from an HTML page; raises Failure when it holds no article text.

    An archived copy (Wayback Machine, archive.today) is read as the page it preserves:
    the archive's toolbar and link rewriting are removed first, and neither its capture
    time nor its address supplies the date. ``now``: the ingestion time (default: now).
    """
    now = now or datetime.now(timezone.utc)
    page = unarchive(_XML_DECL.sub("", strip_controls(html), count=1), url)  # lxml refuses an encoding declaration
    html = page.html
    _check_depth(html)
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise Failure(f"unreadable HTML ({' '.join(str(exc).split())[:120]})") from None
    published = page_published(tree, now)  # before the fallback text walk prunes the tree
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=page.original_url or url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": now.strftime("%Y-%m-%d")},
        )
    except Exception:  # trafilatura on hostile markup: fall back to the plain tree text
        doc = None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        body = tree.find(".//body")
        text = _tree_text(body if body is not None else tree, boilerplate=True)
    title = (getattr(doc, "title", None) or next(iter(_meta(tree, "og:title")), None)
             or (tree.findtext(".//title") or "")).strip()
    categories = merge_categories(
        getattr(doc, "categories", None), getattr(doc, "tags", None),
        _meta(tree, "article:section"), _meta(tree, "article:tag"),
    )
    vocabulary = {w.casefold() for c in categories for w in _WORD.findall(c)}
    vocabulary |= {w.casefold() for v in _meta(tree, "keywords", "news_keywords")
                   for w in _WORD.findall(v)}
    vocabulary |= _link_vocabulary(tree)
    text = clean_lines(text, title, vocabulary)
    if not text:
        raise Failure("no article text found in HTML")
    page_url = url or getattr(doc, "url", None) or next(iter(_meta(tree, "og:url")), None)
    if page_url and urlsplit(page_url).scheme not in ("http", "https"):
        page_url = None
    site = getattr(doc, "sitename", None) or next(iter(_meta(tree, "og:site_name")), None)
    if page.archived and not site:  # the outlet, not the archive that served the copy
        site = host_publisher(page.original_url)
    return Article(
        text=text,
        title=title,
        url=page_url,
        publisher=(site or "").strip() or None,
        categories=categories,
        author=(getattr(doc, "author", None) or "").strip() or None,
        published=published,  # never trafilatura's date: it may read an archive's URL
        language=_language(tree),
        source=source,
    )
