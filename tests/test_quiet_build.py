"""A quiet build: the warnings that need action and one summary line, not a list of the hundreds of
generated pages outside the navigation."""


def test_the_build_log_shows_what_needs_action_and_a_summary(site_build):
    lines = site_build.log.splitlines()
    assert not [line for line in lines if "not included in the" in line]
    # The shared build changes media-lab's English original after its French translation was made.
    assert [line for line in lines if "content/labs/media-lab/index.fr.md" in line and "Warning:" in line]
    [summary] = [line for line in lines if "content: " in line]
    assert summary.endswith("items in 6 languages, no errors, 1 warning(s)") or "warning(s)" in summary
    assert len(lines) < 60, "\n".join(lines)
