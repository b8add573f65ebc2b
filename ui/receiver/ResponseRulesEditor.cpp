#include "ResponseRulesEditor.h"

#include "FormMessages.h"
#include "ReceiverHost.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int kMaxDelayMs = 10 * 60 * 1000; // ResponseRule::check()'s limit
constexpr int kMaxFailFirst = 1'000'000;

QSpinBox *makeSpin(QWidget *parent, const QString &objectName, const QString &accessible,
                   int minimum, int maximum)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(objectName);
    spin->setAccessibleName(accessible);
    spin->setRange(minimum, maximum);
    spin->setMaximumWidth(140);
    return spin;
}

} // namespace

Result<HttpHeaders> ResponseRulesEditor::parseHeaders(const QString &text)
{
    HttpHeaders out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        const QByteArray name = line.left(std::max<qsizetype>(colon, 0)).trimmed().toLatin1();
        const QByteArray value = line.mid(colon + 1).trimmed().toUtf8();
        if (colon <= 0 || !isHttpToken(name))
            return Error{ErrorCode::InvalidHeader, QStringLiteral("headers"),
                         tr("Headers, line %1: write “Name: value” with a header name of "
                            "letters, digits and - only (got “%2”).")
                             .arg(i + 1)
                             .arg(line)};
        if (!isHttpFieldValue(value))
            return Error{ErrorCode::InvalidHeader, QStringLiteral("headers"),
                         tr("Headers, line %1: the value of %2 contains control characters.")
                             .arg(i + 1)
                             .arg(QString::fromLatin1(name))};
        out.append({name, value});
    }
    return out;
}

QString ResponseRulesEditor::headersText(const HttpHeaders &headers)
{
    QStringList lines;
    for (const HttpHeader &h : headers)
        lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(h.name),
                                              QString::fromUtf8(h.value));
    return lines.join(QLatin1Char('\n'));
}

ResponseRulesEditor::ResponseRulesEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("responseRulesEditor"));
    auto *outer = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("How this receiver answers, per path: simulate errors, slow "
                                "answers and retries. The most specific path wins (an exact path "
                                "before “/prefix/*”); everything else gets the default."),
                             this);
    intro->setWordWrap(true);
    outer->addWidget(intro);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("rulesList"));
    m_list->setAccessibleName(tr("Response rules"));
    m_list->setMinimumWidth(260);
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_addRule = new QPushButton(tr("&Add Rule"), this);
    m_addRule->setObjectName(QStringLiteral("addRuleButton"));
    m_removeRule = new QPushButton(tr("Remo&ve Rule"), this);
    m_removeRule->setObjectName(QStringLiteral("removeRuleButton"));
    listButtons->addWidget(m_addRule);
    listButtons->addWidget(m_removeRule);
    listButtons->addStretch(1);
    left->addLayout(listButtons);
    columns->addLayout(left, 2);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("rulePathEdit"));
    m_path->setAccessibleName(tr("Path"));
    m_path->setPlaceholderText(tr("/hooks/github, or /hooks/* for every path under /hooks/"));
    m_pathError = form::makeErrorLabel(this, QStringLiteral("rulePathError"));
    form::addRow(form, tr("&Path:"), m_path, form::withError(m_path, m_pathError));
    m_status = makeSpin(this, QStringLiteral("ruleStatusSpin"), tr("Status"), 200, 599);
    form->addRow(tr("&Status:"), m_status);
    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(QStringLiteral("ruleBodyEdit"));
    m_body->setAccessibleName(tr("Body"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setMaximumHeight(80);
    form->addRow(tr("&Body:"), m_body);
    m_contentType = new QLineEdit(this);
    m_contentType->setObjectName(QStringLiteral("ruleContentTypeEdit"));
    m_contentType->setAccessibleName(tr("Content type"));
    m_contentType->setPlaceholderText(tr("text/plain when empty"));
    m_contentTypeError = form::makeErrorLabel(this, QStringLiteral("ruleContentTypeError"));
    form::addRow(form, tr("Content &type:"), m_contentType,
                 form::withError(m_contentType, m_contentTypeError));
    m_headers = new QPlainTextEdit(this);
    m_headers->setObjectName(QStringLiteral("ruleHeadersEdit"));
    m_headers->setAccessibleName(tr("Headers"));
    m_headers->setPlaceholderText(tr("One per line: Retry-After: 30"));
    m_headers->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headers->setMaximumHeight(64);
    m_headersError = form::makeErrorLabel(this, QStringLiteral("ruleHeadersError"));
    form::addRow(form, tr("&Headers:"), m_headers, form::withError(m_headers, m_headersError));
    m_delay = makeSpin(this, QStringLiteral("ruleDelaySpin"), tr("Delay"), 0, kMaxDelayMs);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setSingleStep(100);
    form->addRow(tr("&Delay:"), m_delay);
    auto *failRow = new QHBoxLayout;
    m_failFirst = makeSpin(this, QStringLiteral("ruleFailFirstSpin"),
                           tr("Fail the first N requests"), 0, kMaxFailFirst);
    m_failStatus =
        makeSpin(this, QStringLiteral("ruleFailStatusSpin"), tr("Failure status"), 200, 599);
    failRow->addWidget(m_failFirst);
    failRow->addWidget(new QLabel(tr("requests with status"), this));
    failRow->addWidget(m_failStatus);
    failRow->addStretch(1);
    form::addRow(form, tr("&Fail the first:"), m_failFirst, failRow);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch(1);
    columns->addLayout(right, 3);
    outer->addLayout(columns, 1);

    auto *applyRow = new QHBoxLayout;
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("rulesState"));
    m_state->setWordWrap(true);
    applyRow->addWidget(m_state, 1);
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setObjectName(QStringLiteral("revertRulesButton"));
    m_apply = new QPushButton(tr("A&pply to Receiver"), this);
    m_apply->setObjectName(QStringLiteral("applyRulesButton"));
    applyRow->addWidget(m_revert);
    applyRow->addWidget(m_apply);
    outer->addLayout(applyRow);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_loading)
            showRule();
    });
    connect(m_addRule, &QPushButton::clicked, this, [this] {
        ResponseRule rule;
        rule.path = QStringLiteral("/hooks/*");
        m_rules.append(rule);
        setModified(true);
        rebuildList(int(m_rules.size()) - 1);
        m_path->setFocus();
        m_path->selectAll();
    });
    connect(m_removeRule, &QPushButton::clicked, this, [this] {
        const int index = currentIndex();
        if (index < 0)
            return;
        m_rules.removeAt(index);
        setModified(true);
        rebuildList(std::min(index, int(m_rules.size()) - 1));
    });
    connect(m_apply, &QPushButton::clicked, this, &ResponseRulesEditor::apply);
    connect(m_revert, &QPushButton::clicked, this, &ResponseRulesEditor::loadFromHost);
    connect(m_path, &QLineEdit::textEdited, this, &ResponseRulesEditor::storeField);
    connect(m_contentType, &QLineEdit::textEdited, this, &ResponseRulesEditor::storeField);
    connect(m_body, &QPlainTextEdit::textChanged, this, &ResponseRulesEditor::storeField);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &ResponseRulesEditor::storeField);
    for (QSpinBox *spin : {m_status, m_delay, m_failFirst, m_failStatus})
        connect(spin, &QSpinBox::valueChanged, this, &ResponseRulesEditor::storeField);
    loadFromHost();
}

void ResponseRulesEditor::setHost(ReceiverHost *host)
{
    if (m_host == host)
        return;
    if (m_host)
        disconnect(m_host, nullptr, this, nullptr);
    m_host = host;
    if (m_host)
        connect(m_host, &ReceiverHost::responseRulesApplied, this, [this] {
            const bool ours = m_applying;
            m_applying = false;
            // Rules set from elsewhere (restored from an earlier session) show here, unless
            // the user is in the middle of editing.
            if (!ours && !m_modified) {
                loadFromHost();
                return;
            }
            setModified(m_modified);
        });
    m_applying = false;
    loadFromHost();
}

void ResponseRulesEditor::loadFromHost()
{
    m_rules = m_host ? m_host->responseRules() : QList<ResponseRule>();
    m_fallback = m_host ? m_host->fallbackRule() : ResponseRule();
    setModified(false);
    rebuildList(-1);
    setEnabled(m_host != nullptr);
}

int ResponseRulesEditor::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_rules.size() ? row : -1;
}

ResponseRule *ResponseRulesEditor::currentRule()
{
    const int index = currentIndex();
    return index >= 0 ? &m_rules[index] : &m_fallback;
}

QString ResponseRulesEditor::summary(const ResponseRule &rule, bool isDefault) const
{
    QString text = isDefault ? tr("Any other path") : rule.path;
    text += QStringLiteral("  →  %1").arg(rule.status);
    if (rule.failFirst > 0)
        text += tr(", first %1 get %2").arg(rule.failFirst).arg(rule.failStatus);
    if (rule.delayMs > 0)
        text += tr(", after %1 ms").arg(rule.delayMs);
    return text;
}

void ResponseRulesEditor::rebuildList(int select)
{
    m_loading = true;
    m_list->clear();
    for (const ResponseRule &rule : std::as_const(m_rules))
        m_list->addItem(summary(rule, false));
    auto *fallback = new QListWidgetItem(summary(m_fallback, true), m_list);
    QFont italic = fallback->font();
    italic.setItalic(true);
    fallback->setFont(italic);
    fallback->setToolTip(tr("Answers every request no other rule matches"));
    m_list->setCurrentRow(select >= 0 && select < m_rules.size() ? select : int(m_rules.size()));
    m_loading = false;
    showRule();
}

void ResponseRulesEditor::showRule()
{
    const bool isDefault = currentIndex() < 0;
    const ResponseRule &rule = *currentRule();
    m_loading = true;
    m_path->setText(isDefault ? QStringLiteral("*") : rule.path);
    m_path->setEnabled(!isDefault);
    m_status->setValue(rule.status);
    m_body->setPlainText(QString::fromUtf8(rule.body));
    m_contentType->setText(QString::fromLatin1(rule.contentType));
    m_headers->setPlainText(headersText(rule.headers));
    m_delay->setValue(rule.delayMs);
    m_failFirst->setValue(rule.failFirst);
    m_failStatus->setValue(rule.failStatus);
    m_loading = false;
    m_removeRule->setEnabled(!isDefault);
    validateCurrent();
}

void ResponseRulesEditor::storeField()
{
    if (m_loading)
        return;
    ResponseRule &rule = *currentRule();
    if (currentIndex() >= 0)
        rule.path = m_path->text().trimmed();
    rule.status = m_status->value();
    rule.body = m_body->toPlainText().toUtf8();
    rule.contentType = m_contentType->text().trimmed().toLatin1();
    if (auto headers = parseHeaders(m_headers->toPlainText()))
        rule.headers = headers.value();
    rule.delayMs = m_delay->value();
    rule.failFirst = m_failFirst->value();
    rule.failStatus = m_failStatus->value();
    setModified(true);
    if (QListWidgetItem *item = m_list->currentItem())
        item->setText(summary(rule, currentIndex() < 0));
    validateCurrent();
}

bool ResponseRulesEditor::validateCurrent()
{
    const ResponseRule &rule = *currentRule();
    QString pathError;
    QString headersError;
    QString contentTypeError;
    if (auto headers = parseHeaders(m_headers->toPlainText()); !headers)
        headersError = headers.error().message;
    if (!rule.contentType.isEmpty() &&
        (!isHttpFieldValue(rule.contentType) ||
         rule.contentType != m_contentType->text().trimmed().toUtf8()))
        contentTypeError = tr("Content type: use a media type such as application/json, in "
                              "ASCII without control characters.");
    ResponseRule checked = rule;
    if (currentIndex() < 0)
        checked.path = QStringLiteral("*");
    if (Status s = checked.check(); !s) {
        if (s.error().field == QLatin1String("path"))
            pathError = tr("Path: %1").arg(s.error().message);
        else if (s.error().field == QLatin1String("headers") && headersError.isEmpty())
            headersError = tr("Headers: %1").arg(s.error().message);
    }
    form::showError(m_pathError, pathError);
    form::showError(m_headersError, headersError);
    form::showError(m_contentTypeError, contentTypeError);
    return pathError.isEmpty() && headersError.isEmpty() && contentTypeError.isEmpty();
}

void ResponseRulesEditor::setModified(bool modified)
{
    m_modified = modified;
    m_revert->setEnabled(modified);
    if (!m_host) {
        m_state->setText(tr("Start a receiver to set how it answers."));
        return;
    }
    if (modified)
        m_state->setText(tr("Changed; not applied yet."));
    else if (m_applying)
        m_state->setText(tr("Applying…"));
    else
        m_state->setText(
            m_host->responseRules().isEmpty()
                ? tr("In effect on %1: the default answers every request.").arg(m_host->id())
            : m_host->responseRules().size() == 1
                ? tr("In effect on %1: 1 path rule and the default.").arg(m_host->id())
                : tr("In effect on %1: %2 path rules and the default.")
                      .arg(m_host->id())
                      .arg(m_host->responseRules().size()));
}

bool ResponseRulesEditor::apply()
{
    if (!m_host)
        return false;
    // The rule on screen first: its field errors are already visible.
    if (!validateCurrent()) {
        m_state->setText(tr("Fix the field marked in red, then apply."));
        return false;
    }
    for (int i = 0; i < m_rules.size(); ++i) {
        if (m_rules.at(i).check())
            continue;
        rebuildList(i);
        validateCurrent();
        m_state->setText(tr("Rule %1 (%2) has a problem; fix the field marked in red.")
                             .arg(i + 1)
                             .arg(m_rules.at(i).path));
        return false;
    }
    if (Status s = m_host->setResponseRules(m_rules, m_fallback); !s) {
        m_state->setText(form::sentence(s.error().field) + QStringLiteral(": ") +
                         s.error().message);
        return false;
    }
    m_applying = true;
    setModified(false);
    emit message(tr("Response rules applied to %1.").arg(m_host->id()));
    return true;
}

} // namespace hookline
