"""Bridges: the domain of the #NoWallsButBridges knowledge base.

Load content bundles, validate them, and generate the Markdown pages that MkDocs renders.
Nothing in this package imports MkDocs: the hooks in ../hooks adapt MkDocs events to it.
"""
