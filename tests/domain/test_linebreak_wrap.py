"""Wrapping proportional text (the PDF's lines): breaks only between Thai words, long words cut whole."""

from __future__ import annotations

from tracker.domain.linebreak import break_points, graphemes, line_pieces, wrap_lines, wrap_pieces


def chars(text: str) -> float:
    return float(len(text))


def test_thai_lines_break_only_where_a_word_ends() -> None:
    text = "เกี่ยวข้องกับการป้องกันการทุจริตและประพฤติมิชอบ"
    lines = wrap_pieces(text, 12, chars)
    assert "".join(piece for line in lines for piece in line) == text
    offset = 0
    for line in lines[:-1]:
        offset += len("".join(line))
        assert offset in break_points(text)
    assert all(len(line) <= 12 for line in wrap_lines(text, 12, chars))


def test_a_word_longer_than_the_line_is_cut_between_graphemes() -> None:
    lines = wrap_lines("ที่" * 10, 4, chars)
    assert "".join(lines) == "ที่" * 10
    for line in lines:
        assert line[0] == "ท"  # never a vowel or tone mark at a line's start


def test_new_lines_are_kept_and_first_line_room_is_its_own() -> None:
    assert wrap_lines("ab cd\n\nef", 10, chars) == ["ab cd", "", "ef"]
    assert wrap_lines("aa bb cc", 5, chars, first_width=2) == ["aa", "bb cc"]


def test_graphemes_keep_marks_and_leading_vowels_with_their_letter() -> None:
    assert graphemes("เกี่ยวข้องกำ") == ["เกี่", "ย", "ว", "ข้", "อ", "ง", "กำ"]


def test_line_pieces_give_the_text_back() -> None:
    text = "โครงการ NO Gift Policy ประจำปี"
    assert "".join(line_pieces(text)) == text


def test_a_path_or_a_name_in_latin_letters_is_not_cut_inside_a_thai_sentence() -> None:
    """ICU would break after "/" and "-" ("/" + "tmp/…", "e-" + "PlanNACC"); a reader expects the path or the
    system's name whole on its line, as in an English sentence, while the Thai around it still breaks."""
    path = "/tmp/nu-exports/slow.pdf"
    text = f"เขียนรายงานแล้ว (report written): {path} ระบบ e-PlanNACC ต้องการ"
    points = break_points(text)
    start = text.index(path)
    assert not [p for p in points if start < p < start + len(path)]
    system = text.index("e-PlanNACC")
    assert not [p for p in points if system < p < system + len("e-PlanNACC")]
    assert text.index("รายงาน") in points  # between Thai words, as before


def test_a_word_abbreviated_with_paiyannoi_is_not_cut() -> None:
    """ICU does not know "ทุจริตฯ" and cut it "ทุ|จริตฯ" in a PDF's table cell; ฯ stays with its word, and
    ฯลฯ is one piece."""
    text = "การป้องกันการทุจริตฯ และกรุงเทพฯ ฯลฯ"
    points = break_points(text)
    word = text.index("ทุจริตฯ")
    assert not any(word < p <= word + len("ทุจริตฯ") - 1 for p in points)
    assert text.index("ฯ") not in points and text.index("ฯลฯ") + 1 not in points
    assert text.index("และ") in points
