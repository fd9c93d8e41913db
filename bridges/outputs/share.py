"""Share links: plain addresses of each network's own share page, with no script, no button
widget and no request to anyone until the reader clicks."""
from __future__ import annotations

from urllib.parse import quote

# (key, label, address pattern); {url} and {text} are filled in percent-encoded. The label of
# e-mail is translated (ui.yml: share_email); the others are names.
NETWORKS = (
    ("email", None, "mailto:?subject={text}&body={url}"),
    ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("x", "X", "https://x.com/intent/post?text={text}&url={url}"),
    ("whatsapp", "WhatsApp", "https://wa.me/?text={text}%20{url}"),
    ("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
)


def share_links(url: str, text: str, email_label: str) -> list[tuple[str, str, str]]:
    """(key, label, href) for each network, sharing `url` with `text` (the page's title)."""
    values = {"url": quote(url, safe=""), "text": quote(" ".join(text.split()), safe="")}
    return [(key, label or email_label, pattern.format(**values)) for key, label, pattern in NETWORKS]
