"""The MkDocs hooks named in mkdocs.yml. They live in bridges.adapters.mkdocs.hooks, the one folder
of the package that knows MkDocs; this file only makes them visible to MkDocs."""
from bridges.adapters.mkdocs.hooks import (  # noqa: F401
    on_config,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_template,
    on_serve,
    on_template_context,
)
