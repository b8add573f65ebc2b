#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace hookline {

// Colours JSON text as it is shown in a request's body pane: object keys, strings, numbers,
// literals (true, false, null) and punctuation. Line by line, so it stays cheap on large bodies;
// text that is not JSON is left as it is.
class JsonBodyHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit JsonBodyHighlighter(QTextDocument *document);

    // Turns highlighting off (a body that is not JSON) without detaching from the document.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    // Picks colours for the application's palette (light or dark theme) and rehighlights.
    void updateColours();

protected:
    void highlightBlock(const QString &text) override;

private:
    QRegularExpression m_token;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
    bool m_enabled = true;
};

} // namespace hookline
