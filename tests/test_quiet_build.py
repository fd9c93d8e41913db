"""A quiet build: the warnings that need action and one summary line, not a list of the hundreds of
generated pages outside the navigation."""
import re

from bridges.pipeline import load_and_check


def test_the_build_log_shows_what_needs_action_and_a_summary(site_build):
    lines = site_build.log.splitlines()
    assert not [line for line in lines if "not included in the" in line]
    # The fixture's harbour-lab was translated into French before its English original changed.
    assert [line for line in lines if "content/labs/harbour-lab/index.fr.md" in line and "Warning:" in line]
    [summary] = [line for line in lines if "content: " in line]
    counts = re.search(r"content: (\d+) items in 6 languages, no errors, (\d+) warning\(s\)$", summary)
    assert counts, summary
    # The summary counts what was checked and every warning shown above it.
    assert int(counts[1]) == len(load_and_check(site_build.root).content.items), summary
    assert int(counts[2]) == len([line for line in lines if ": Warning: " in line]), summary
    assert len(lines) < 60, "\n".join(lines)
