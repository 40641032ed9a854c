"""The answer format through a QTextDocument and back, without loss."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from kvdesk.core import richtext
from kvdesk.core.richtext import FootnoteRef, ListBlock, Paragraph, Quote, RichText, Run
from kvdesk.gui import textdoc

WORDS = st.sampled_from(["Ja", "het", "kabinet", "deelt", "zorgen", "ë", "2025", "a*b", "[x]", "1.", "-", "#", "'s", "€"])


@st.composite
def runs(draw):
    text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    if draw(st.booleans()) and draw(st.booleans()):
        text += "\n" + draw(WORDS)
    href = draw(st.sampled_from([None, None, "https://www.tweedekamer.nl/x", "https://example.org/a_(b)"]))
    return Run(text, draw(st.booleans()), draw(st.booleans()), href)


@st.composite
def inline_lists(draw, labels):
    items = draw(st.lists(runs(), min_size=1, max_size=4))
    if labels and draw(st.booleans()):
        items.insert(draw(st.integers(0, len(items))), FootnoteRef(draw(st.sampled_from(labels))))
    return items


@st.composite
def documents(draw):
    labels = ["1", "2", "bron"]
    blocks = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["p", "p", "ul", "ol", "q"]))
        if kind == "p":
            blocks.append(Paragraph(draw(inline_lists(labels))))
        elif kind in ("ul", "ol"):
            items = draw(st.lists(inline_lists(labels), min_size=1, max_size=3))
            blocks.append(ListBlock(kind == "ol", items, draw(st.integers(1, 9)) if kind == "ol" else 1))
        else:
            paras = draw(st.lists(inline_lists(labels), min_size=1, max_size=2))
            blocks.append(Quote([Paragraph(p) for p in paras]))
    notes = {label: draw(st.lists(runs(), min_size=1, max_size=2)) for label in labels}
    return RichText(blocks, notes)


def canonical(rt: RichText) -> RichText:
    """What the stored format makes of a document (the only documents an answer can hold)."""
    return richtext.parse(richtext.serialize(rt))


def through_qt(rt: RichText) -> RichText:
    doc = QTextDocument()
    textdoc.fill_document(doc, rt)
    return textdoc.document_to_richtext(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_through_qtextdocument_is_identity(qapp, rt):
    expected = canonical(rt)
    assert through_qt(expected) == expected
    assert richtext.serialize(through_qt(expected)) == richtext.serialize(expected)


def test_every_feature_survives(qapp):
    text = (
        "**Ja.** Het kabinet *deelt* de zorgen, zie [de site](https://www.tweedekamer.nl/).[^1]\n\n"
        "- eerste\n- tweede\n\n3. drie\n4. vier\n\n> geciteerd\n>\n> tweede alinea\n\n> ander citaat\n\n"
        "Regel\\\nnieuwe regel\n\n[^1]: Telegraaf van 30 december 2025."
    )
    rt = richtext.parse(text)
    assert richtext.serialize(through_qt(rt)) == richtext.serialize(rt)
    assert len([b for b in rt.blocks if isinstance(b, Quote)]) == 2


def test_footnote_marker_is_one_superscript_kvfn_anchor(qapp):
    doc = textdoc.fill_document(QTextDocument(), richtext.parse("Tekst.[^a]\n\n[^a]: Bron."))
    refs = textdoc.iter_footnote_refs(doc)
    assert [label for _, label in refs] == ["a"]
    cursor = QTextCursor(doc)
    cursor.setPosition(refs[0][0] + 1)
    fmt = cursor.charFormat()
    assert fmt.anchorHref() == "kvfn:a"
    assert "kvfn:a" in doc.toHtml()


def test_deleting_a_note_text_keeps_the_reference_with_an_empty_note(qapp):
    doc = textdoc.fill_document(QTextDocument(), richtext.parse("Tekst.[^a]\n\n[^a]: Bron."))
    last = doc.lastBlock()
    cursor = QTextCursor(last)
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    cursor.removeSelectedText()
    rt = textdoc.document_to_richtext(doc)
    assert rt.footnotes == {"a": []}


def test_selection_gives_only_the_selected_words(qapp):
    doc = textdoc.fill_document(QTextDocument(), richtext.parse("Het **kabinet** deelt\n\n- een\n- twee"))
    cursor = QTextCursor(doc)
    cursor.setPosition(4)
    cursor.setPosition(doc.characterCount() - 4, QTextCursor.MoveMode.KeepAnchor)
    rt = textdoc.selection_to_richtext(cursor)
    assert richtext.serialize(rt) == "**kabinet** deelt\n\n- een\n- t"


def test_word_html_is_cleaned_to_the_format(qapp):
    html = (
        '<html><head><style>p.MsoNormal{font-family:Calibri}</style></head><body>'
        '<h1>Kop</h1><p class=MsoNormal><span style="font-family:Calibri;color:red;font-size:14pt">'
        '<b>Vet</b> en <i>schuin</i> en <u>onderstreept</u></span></p>'
        '<p class=MsoListParagraph><span style="font-family:Symbol">·</span><span>&nbsp;&nbsp; punt een</span></p>'
        '<p class=MsoListParagraph><span style="font-family:Symbol">·</span><span>&nbsp;&nbsp; punt twee</span></p>'
        '<p><a href="https://nos.nl/artikel">link</a><img src="x.png"></p>'
        '<table><tr><td>cel</td></tr></table></body></html>'
    )
    text = richtext.serialize(textdoc.html_to_richtext(html))
    assert text == "Kop\n\n**Vet** en *schuin* en onderstreept\n\n- punt een\n- punt twee\n\n[link](https://nos.nl/artikel)\n\ncel"


def test_web_list_and_blockquote_are_kept(qapp):
    html = "<ol start=3><li>drie</li><li>vier</li></ol><blockquote>citaat</blockquote><ul><li>x</li></ul>"
    text = richtext.serialize(textdoc.html_to_richtext(html))
    assert text == "3. drie\n4. vier\n\n> citaat\n\n- x"
