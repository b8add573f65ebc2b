#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace hookline {

// Colours JSON text: keys, strings, numbers, true/false/null and punctuation. With an HTTP head
// (setHttpHead), the lines before the first empty line are a start line and "Name: value"
// headers, and only what follows is JSON: an HTTP message as a person reads it. Colours follow
// the palette's lightness, so they stay readable on dark themes.
class JsonHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit JsonHighlighter(QTextDocument *document);

    void setHttpHead(bool on);
    // Turns highlighting off (text that is not JSON) without detaching from the document.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // Picks colours for the current palette again (after a theme change) and re-highlights.
    void refreshColors();

    // The format of each kind, for tests and for matching colours elsewhere.
    enum class Kind { Key, String, Number, Keyword, Punctuation, HeaderName, StartLine };
    QTextCharFormat format(Kind kind) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    void highlightJson(const QString &text, int from);
    void updateFormats();

    bool m_httpHead = false;
    bool m_enabled = true;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
    QTextCharFormat m_headerName;
    QTextCharFormat m_startLine;
};

} // namespace hookline
