#include "JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QTextDocument>

namespace hookline {

namespace {

// Block states: whether a string continues on the next line (JSON never breaks strings, but a
// body shown as sent may be anything), and whether the HTTP head has ended.
constexpr int kInHead = 0;
constexpr int kInBody = 1;

bool isDark()
{
    return QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    updateFormats();
}

void JsonHighlighter::setHttpHead(bool on)
{
    if (m_httpHead == on)
        return;
    m_httpHead = on;
    rehighlight();
}

void JsonHighlighter::refreshColors()
{
    updateFormats();
    rehighlight();
}

void JsonHighlighter::updateFormats()
{
    const bool dark = isDark();
    m_key.setForeground(dark ? QColor(0x7c, 0xc4, 0xff) : QColor(0x1a, 0x4f, 0x9c));
    m_string.setForeground(dark ? QColor(0xa8, 0xd8, 0x8a) : QColor(0x2a, 0x7a, 0x2a));
    m_number.setForeground(dark ? QColor(0xf0, 0xb2, 0x6e) : QColor(0xa6, 0x4b, 0x00));
    m_keyword.setForeground(dark ? QColor(0xd7, 0x9b, 0xf0) : QColor(0x8a, 0x2b, 0xb0));
    m_keyword.setFontWeight(QFont::DemiBold);
    m_punctuation.setForeground(dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x70, 0x70, 0x70));
    m_headerName.setForeground(m_key.foreground());
    m_headerName.setFontWeight(QFont::DemiBold);
    m_startLine.setFontWeight(QFont::Bold);
}

QTextCharFormat JsonHighlighter::format(Kind kind) const
{
    switch (kind) {
    case Kind::Key:
        return m_key;
    case Kind::String:
        return m_string;
    case Kind::Number:
        return m_number;
    case Kind::Keyword:
        return m_keyword;
    case Kind::Punctuation:
        return m_punctuation;
    case Kind::HeaderName:
        return m_headerName;
    case Kind::StartLine:
        return m_startLine;
    }
    return {};
}

void JsonHighlighter::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (!m_enabled)
        return;
    if (!m_httpHead) {
        setCurrentBlockState(kInBody);
        highlightJson(text, 0);
        return;
    }
    const int previous = previousBlockState();
    if (previous == kInBody) {
        setCurrentBlockState(kInBody);
        highlightJson(text, 0);
        return;
    }
    // Still in the head: the first line is the start line, then headers until an empty line.
    if (text.trimmed().isEmpty()) {
        setCurrentBlockState(kInBody);
        return;
    }
    setCurrentBlockState(kInHead);
    if (currentBlock().blockNumber() == 0) {
        setFormat(0, int(text.size()), m_startLine);
        return;
    }
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon > 0) {
        setFormat(0, int(colon), m_headerName);
        setFormat(int(colon), 1, m_punctuation);
    }
}

void JsonHighlighter::highlightJson(const QString &text, int from)
{
    const qsizetype n = text.size();
    qsizetype i = from;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            bool escaped = false;
            for (; j < n; ++j) {
                const QChar d = text.at(j);
                if (escaped)
                    escaped = false;
                else if (d == QLatin1Char('\\'))
                    escaped = true;
                else if (d == QLatin1Char('"'))
                    break;
            }
            const qsizetype end = std::min(j + 1, n);
            // A key is a string followed by a colon.
            qsizetype k = end;
            while (k < n && text.at(k).isSpace())
                ++k;
            const bool key = k < n && text.at(k) == QLatin1Char(':');
            setFormat(int(i), int(end - i), key ? m_key : m_string);
            i = end;
            continue;
        }
        if (c == QLatin1Char('-') || c.isDigit()) {
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isDigit() || text.at(j) == QLatin1Char('.') ||
                             text.at(j) == QLatin1Char('e') || text.at(j) == QLatin1Char('E') ||
                             text.at(j) == QLatin1Char('+') || text.at(j) == QLatin1Char('-')))
                ++j;
            setFormat(int(i), int(j - i), m_number);
            i = j;
            continue;
        }
        if (c.isLetter()) {
            qsizetype j = i;
            while (j < n && text.at(j).isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null"))
                setFormat(int(i), int(j - i), m_keyword);
            i = j;
            continue;
        }
        if (QStringView(u"{}[],:").contains(c))
            setFormat(int(i), 1, m_punctuation);
        ++i;
    }
}

} // namespace hookline
