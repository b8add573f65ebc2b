#pragma once

#include "model/Webhook.h"
#include "receiver/VerificationSnippets.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabBar;

namespace hookline {

class CodeHighlighter;

// How to verify a scheme in a receiver of one's own: the tested snippets of
// VerificationSnippets in Python, Node.js, Ruby, Go and PHP, with Copy.
class SnippetPanel final : public QWidget {
    Q_OBJECT

public:
    explicit SnippetPanel(QWidget *parent = nullptr);

    // Shows this scheme (the receiver's attached one, usually).
    void setScheme(SignatureScheme scheme);
    SignatureScheme scheme() const;
    void setLanguage(SnippetLanguage language);
    SnippetLanguage language() const;
    QString code() const;

private:
    void showSnippet();

    QComboBox *m_scheme = nullptr;
    QTabBar *m_languages = nullptr;
    QLabel *m_signature = nullptr;
    QPlainTextEdit *m_code = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_copied = nullptr;
    CodeHighlighter *m_highlighter = nullptr;
};

} // namespace hookline
