#include "JsonHighlighter.h"

#include "Theme.h"

#include <QGuiApplication>

namespace hookline {

JsonBodyHighlighter::JsonBodyHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    // A string (with escapes), then whether a ':' follows (a key); a number; a literal; or one
    // punctuation character.
    , m_token(QStringLiteral(R"RE(("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|)RE"
                             R"RE(\b(true|false|null)\b|([{}\[\],:]))RE"))
{
    m_key.setFontWeight(QFont::DemiBold);
    m_literal.setFontWeight(QFont::DemiBold);
    updateColours();
}

void JsonBodyHighlighter::updateColours()
{
    const bool dark = isDarkPalette(QGuiApplication::palette());
    m_key.setForeground(dark ? QColor(0x8c, 0xc4, 0xff) : QColor(0x0b, 0x4f, 0x8a));
    m_string.setForeground(dark ? QColor(0x9f, 0xdc, 0x9c) : QColor(0x1f, 0x6b, 0x2e));
    m_number.setForeground(dark ? QColor(0xf5, 0xb8, 0x6b) : QColor(0x9a, 0x4d, 0x00));
    m_literal.setForeground(dark ? QColor(0xd9, 0xa6, 0xf2) : QColor(0x7b, 0x1f, 0x8c));
    m_punctuation.setForeground(dark ? QColor(0xa6, 0xa6, 0xad) : QColor(0x6a, 0x6f, 0x76));
    rehighlight();
}

void JsonBodyHighlighter::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    rehighlight();
}

void JsonBodyHighlighter::highlightBlock(const QString &text)
{
    if (!m_enabled)
        return;
    auto it = m_token.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength(1) > 0) {
            const bool key = m.capturedLength(2) > 0;
            setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), key ? m_key : m_string);
            if (key)
                setFormat(int(m.capturedEnd(1)), int(m.capturedLength(2)), m_punctuation);
        } else if (m.capturedLength(3) > 0) {
            setFormat(int(m.capturedStart(3)), int(m.capturedLength(3)), m_number);
        } else if (m.capturedLength(4) > 0) {
            setFormat(int(m.capturedStart(4)), int(m.capturedLength(4)), m_literal);
        } else if (m.capturedLength(5) > 0) {
            setFormat(int(m.capturedStart(5)), int(m.capturedLength(5)), m_punctuation);
        }
    }
}

} // namespace hookline
