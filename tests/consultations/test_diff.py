"""The comparison of sections, without a database: matched by anchor, word by word."""

from wagtail.rich_text import RichText

from consultations.diff import compare_sections, plain_text, word_diff


def section(anchor, heading, *paragraphs):
    return {
        "anchor": anchor,
        "heading": heading,
        "content": RichText("".join(f"<p>{text}</p>" for text in paragraphs)),
    }


CURRENT = [
    section("intro", "Our position", "Knowledge should be free."),
    section("old", "Traffic", "Operators may manage traffic."),
    section("rules", "Rules", "Regulators publish measurements of network performance."),
]


def test_changed_words_are_marked_on_each_side():
    proposed = [
        CURRENT[0],
        CURRENT[1],
        section("rules", "Rules", "Regulators publish a yearly report."),
    ]
    diffs = {diff.anchor: diff for diff in compare_sections(CURRENT, proposed)}
    rules = diffs["rules"]
    assert rules.status == "changed"
    assert "<del>" in rules.current and "measurements of network performance" in rules.current
    assert "<ins>" in rules.proposed and "a yearly report" in rules.proposed
    # One mark per reworded phrase, with a word for screen readers (never colour alone).
    assert rules.proposed.count("<ins>") == 1
    assert '<span class="visually-hidden">added: </span>' in rules.proposed
    assert diffs["intro"].status == "unchanged"
    assert "<ins>" not in diffs["intro"].proposed


def test_added_and_removed_sections_in_place():
    proposed = [
        CURRENT[0],
        section("rules", "Rules", "Regulators publish measurements of network performance."),
        section("new", "Measurement", "Open tools anyone can run."),
    ]
    diffs = compare_sections(CURRENT, proposed)
    assert [(diff.anchor, diff.status) for diff in diffs] == [
        ("intro", "unchanged"),
        ("old", "removed"),
        ("rules", "unchanged"),
        ("new", "added"),
    ]
    assert not diffs[1].commentable
    assert "Operators may manage traffic." in diffs[1].current
    assert diffs[3].proposed == "Open tools anyone can run."


def test_heading_changes_are_marked():
    proposed = [section("intro", "Our shared position", "Knowledge should be free.")]
    diff = compare_sections(CURRENT[:1], proposed)[0]
    assert diff.status == "changed"
    assert "<ins>" in diff.proposed_heading and "shared" in diff.proposed_heading


def test_text_is_escaped():
    old, new = word_diff("a <b> c", "a <script>alert(1)</script> c")
    assert "<script" not in new and "</script" not in new
    assert "&lt;" in new and "alert(1)" in new
    assert "<b>" not in old and "&lt;" in old


def test_chinese_is_compared_character_by_character():
    old, new = word_diff("知识自由很重要", "知识共享很重要")
    assert "知识" in old and old.count("<del>") == 1 and "自由</del>" in old
    assert "共享</ins>" in new


def test_rich_text_reads_as_lines():
    assert plain_text("<p>One &amp; two</p><ul><li>three</li></ul>") == "One & two\nthree"
