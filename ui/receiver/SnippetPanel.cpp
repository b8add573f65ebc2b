#include "SnippetPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

namespace hookline {

// Enough colour to read a short snippet: comments, strings and the languages' keywords.
class CodeHighlighter final : public QSyntaxHighlighter {
public:
    explicit CodeHighlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    {
        m_comment.setForeground(QColor(0x5f, 0x6b, 0x7a));
        m_comment.setFontItalic(true);
        m_string.setForeground(QColor(0x1f, 0x6b, 0x2e));
        m_keyword.setForeground(QColor(0x7b, 0x1f, 0x8c));
        m_keyword.setFontWeight(QFont::DemiBold);
    }

    void setLanguage(SnippetLanguage language)
    {
        m_language = language;
        QString words;
        switch (language) {
        case SnippetLanguage::Python:
            words = QStringLiteral("import|from|def|return|if|else|elif|for|in|not|and|or|try|"
                                   "except|raise|None|True|False|with|as|lambda");
            break;
        case SnippetLanguage::Node:
            words = QStringLiteral("const|let|var|function|return|if|else|for|of|new|require|"
                                   "throw|try|catch|true|false|null|typeof");
            break;
        case SnippetLanguage::Ruby:
            words = QStringLiteral("require|def|end|return|if|else|elsif|unless|do|nil|true|"
                                   "false|begin|rescue|and|or|not");
            break;
        case SnippetLanguage::Go:
            words = QStringLiteral("import|func|return|if|else|for|range|var|const|package|nil|"
                                   "true|false|string|bool|byte|int64|err|error");
            break;
        case SnippetLanguage::Php:
            words = QStringLiteral("function|return|if|else|foreach|as|false|true|null|"
                                   "string|bool|int|array|strlen|explode");
            break;
        }
        m_keywords.setPattern(QStringLiteral("\\b(?:%1)\\b").arg(words));
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        for (auto it = m_keywords.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), m_keyword);
        }
        // Strings and comments, left to right, so a '#' inside a string stays a string.
        static const QRegularExpression strings(
            QStringLiteral(R"RE("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)RE"));
        const bool hashComments = m_language == SnippetLanguage::Python ||
                                  m_language == SnippetLanguage::Ruby ||
                                  m_language == SnippetLanguage::Php;
        const bool slashComments =
            m_language != SnippetLanguage::Python && m_language != SnippetLanguage::Ruby;
        // Python docstrings span lines: state 1 means "inside one".
        int from = 0;
        if (previousBlockState() == 1) {
            const qsizetype end = text.indexOf(QStringLiteral("\"\"\""));
            if (end < 0) {
                setFormat(0, int(text.size()), m_comment);
                setCurrentBlockState(1);
                return;
            }
            setFormat(0, int(end + 3), m_comment);
            from = int(end + 3);
        }
        setCurrentBlockState(0);
        for (qsizetype i = from; i < text.size();) {
            if (m_language == SnippetLanguage::Python &&
                QStringView(text).mid(i).startsWith(QStringLiteral("\"\"\""))) {
                const qsizetype end = text.indexOf(QStringLiteral("\"\"\""), i + 3);
                if (end < 0) {
                    setFormat(int(i), int(text.size() - i), m_comment);
                    setCurrentBlockState(1);
                    return;
                }
                setFormat(int(i), int(end + 3 - i), m_comment);
                i = end + 3;
                continue;
            }
            const QChar c = text.at(i);
            if ((hashComments && c == QLatin1Char('#')) ||
                (slashComments && c == QLatin1Char('/') && i + 1 < text.size() &&
                 text.at(i + 1) == QLatin1Char('/'))) {
                setFormat(int(i), int(text.size() - i), m_comment);
                return;
            }
            if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
                const auto m = strings.match(text, i, QRegularExpression::NormalMatch,
                                             QRegularExpression::AnchorAtOffsetMatchOption);
                if (m.hasMatch()) {
                    setFormat(int(i), int(m.capturedLength()), m_string);
                    i += m.capturedLength();
                    continue;
                }
            }
            ++i;
        }
    }

private:
    SnippetLanguage m_language = SnippetLanguage::Python;
    QRegularExpression m_keywords;
    QTextCharFormat m_comment;
    QTextCharFormat m_string;
    QTextCharFormat m_keyword;
};

SnippetPanel::SnippetPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("snippetPanel"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Verify these signatures in a receiver of your own: HMAC-SHA256 "
                                "over the raw body bytes (never re-serialised JSON), compared in "
                                "constant time. Each snippet is run by Hookline's tests."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *bar = new QHBoxLayout;
    auto *schemeLabel = new QLabel(tr("S&cheme:"), this);
    m_scheme = new QComboBox(this);
    m_scheme->setObjectName(QStringLiteral("snippetSchemeCombo"));
    m_scheme->setAccessibleName(tr("Snippet scheme"));
    for (const SignatureScheme s :
         {SignatureScheme::XWebhookSignature, SignatureScheme::StandardWebhooks,
          SignatureScheme::GitHub, SignatureScheme::Stripe})
        m_scheme->addItem(schemeName(s), int(s));
    schemeLabel->setBuddy(m_scheme);
    bar->addWidget(schemeLabel);
    bar->addWidget(m_scheme);
    bar->addSpacing(12);
    m_languages = new QTabBar(this);
    m_languages->setObjectName(QStringLiteral("snippetLanguageTabs"));
    m_languages->setAccessibleName(tr("Language"));
    m_languages->setDrawBase(false);
    m_languages->setExpanding(false);
    for (const SnippetLanguage language : VerificationSnippets::languages()) {
        const int index = m_languages->addTab(VerificationSnippets::languageName(language));
        m_languages->setTabData(index, int(language));
    }
    bar->addWidget(m_languages);
    bar->addStretch(1);
    m_copied = new QLabel(this);
    m_copied->setObjectName(QStringLiteral("snippetCopiedLabel"));
    m_copied->setEnabled(false);
    bar->addWidget(m_copied);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_copy->setObjectName(QStringLiteral("copySnippetButton"));
    m_copy->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    bar->addWidget(m_copy);
    layout->addLayout(bar);

    m_signature = new QLabel(this);
    m_signature->setObjectName(QStringLiteral("snippetSignature"));
    m_signature->setWordWrap(true);
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_signature);

    m_code = new QPlainTextEdit(this);
    m_code->setObjectName(QStringLiteral("snippetCode"));
    m_code->setReadOnly(true);
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new CodeHighlighter(m_code->document());
    layout->addWidget(m_code, 1);

    connect(m_scheme, &QComboBox::currentIndexChanged, this, &SnippetPanel::showSnippet);
    connect(m_languages, &QTabBar::currentChanged, this, &SnippetPanel::showSnippet);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_code->toPlainText());
        m_copied->setText(
            tr("Copied %1 snippet.").arg(VerificationSnippets::languageName(language())));
        QTimer::singleShot(4000, m_copied, [label = m_copied] { label->clear(); });
    });
    showSnippet();
}

void SnippetPanel::setScheme(SignatureScheme scheme)
{
    const int index = m_scheme->findData(int(scheme));
    if (index >= 0)
        m_scheme->setCurrentIndex(index);
}

SignatureScheme SnippetPanel::scheme() const
{
    return SignatureScheme(m_scheme->currentData().toInt());
}

void SnippetPanel::setLanguage(SnippetLanguage language)
{
    for (int i = 0; i < m_languages->count(); ++i)
        if (m_languages->tabData(i).toInt() == int(language))
            m_languages->setCurrentIndex(i);
}

SnippetLanguage SnippetPanel::language() const
{
    return SnippetLanguage(m_languages->tabData(m_languages->currentIndex()).toInt());
}

QString SnippetPanel::code() const
{
    return m_code->toPlainText();
}

void SnippetPanel::showSnippet()
{
    const auto snippet = VerificationSnippets::snippet(scheme(), language());
    if (!snippet) {
        m_code->clear();
        m_signature->clear();
        return;
    }
    QStringList arguments{QStringLiteral("secret"), QStringLiteral("raw body")};
    arguments += snippet->headerNames;
    m_signature->setText(tr("%1(%2) returns true when the request is authentic.")
                             .arg(snippet->functionName, arguments.join(QStringLiteral(", "))));
    m_highlighter->setLanguage(language());
    m_code->setPlainText(snippet->code);
    m_copied->clear();
}

} // namespace hookline
