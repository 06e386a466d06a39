"""A saved web page -> its main text (title first, as a heading) and what the page says about itself."""

from __future__ import annotations

from auditor.documents import PageMeta
from auditor.errors import AuditError


def extract_page(html: str, path: str) -> tuple[str, PageMeta]:
    """Main text paragraphs by trafilatura (navigation, comments, share bars, cookie notices dropped by it).

    The text is what the report's offsets point into: '# title' then one paragraph per block, blank-line separated.
    """
    import trafilatura

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                       include_images=False, deduplicate=False)
    paragraphs = [" ".join(line.split()) for line in (page.text or "").splitlines()] if page else []
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise AuditError("is a web page with no main text that could be extracted", path)
    title = " ".join((page.title or "").split()) or None
    if title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the page's own <h1>: kept once, as the headline
    text = "\n\n".join([f"# {title}"] * bool(title) + paragraphs) + "\n"
    return text, PageMeta(title, page.date or None, page.author or None, page.sitename or None, page.url or None)
