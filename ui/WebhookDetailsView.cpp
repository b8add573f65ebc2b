#include "WebhookDetailsView.h"

#include "Theme.h"
#include "WebhookListModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookline {

namespace {

QString dateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString longDateText(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat);
}

QString authText(const OutboundAuth &auth)
{
    // Credentials are never shown here: only what kind of authentication is sent.
    switch (auth.type) {
    case AuthType::None:
        return WebhookDetailsView::tr("None");
    case AuthType::Bearer:
        return WebhookDetailsView::tr("Bearer token (stored encrypted)");
    case AuthType::Basic:
        return WebhookDetailsView::tr("Basic (username and password stored encrypted)");
    case AuthType::ApiKey:
        return WebhookDetailsView::tr("API key in header %1 (value stored encrypted)")
            .arg(auth.headerName);
    case AuthType::CustomHeader:
        return WebhookDetailsView::tr("Custom header %1 (value stored encrypted)")
            .arg(auth.headerName);
    }
    return {};
}

QString placeholder(const QString &text)
{
    return QStringLiteral("<span style=\"color: %1\">%2</span>")
        .arg(toneText(Tone::Muted, QGuiApplication::palette()).name(), text.toHtmlEscaped());
}

} // namespace

WebhookDetailsView::WebhookDetailsView(QWidget *parent)
    : QWidget(parent)
{
    m_stack = new QStackedWidget(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    auto *empty = new QLabel(tr("Select a webhook to see its details"), m_stack);
    empty->setObjectName(QStringLiteral("detailsPlaceholder"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    m_stack->addWidget(empty);

    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 12, 12, 12);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailsName"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    auto *statusRow = new QHBoxLayout;
    m_statusIcon = new QLabel(content);
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("detailsStatus"));
    m_status->setWordWrap(true);
    statusRow->addWidget(m_statusIcon);
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);
    layout->addSpacing(6);

    auto *form = new QFormLayout;
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);

    m_id = makeLineField(QStringLiteral("detailsId"));
    m_id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_copyId = new QToolButton(content);
    m_copyId->setObjectName(QStringLiteral("copyIdButton"));
    m_copyId->setText(tr("Copy"));
    m_copyId->setToolTip(tr("Copy the webhook id to the clipboard"));
    connect(m_copyId, &QToolButton::clicked, this, &WebhookDetailsView::copyId);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_id, 1);
    idRow->addWidget(m_copyId);
    form->addRow(tr("ID:"), idRow);

    m_url = makeLineField(QStringLiteral("detailsUrl"));
    m_urlNote = new QLabel(content);
    m_urlNote->setObjectName(QStringLiteral("detailsUrlNote"));
    m_urlNote->setWordWrap(true);
    m_urlNote->setEnabled(false);
    auto *urlColumn = new QVBoxLayout;
    urlColumn->setSpacing(0);
    urlColumn->addWidget(m_url);
    urlColumn->addWidget(m_urlNote);
    form->addRow(tr("URL:"), urlColumn);
    m_pinnedCert = makeLineField(QStringLiteral("detailsPinnedCert"));
    m_pinnedCert->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    form->addRow(tr("Pinned cert:"), m_pinnedCert);
    m_events = addRow(form, tr("Events:"), QStringLiteral("detailsEvents"));
    m_description = addRow(form, tr("Description:"), QStringLiteral("detailsDescription"));
    m_scheme = addRow(form, tr("Signature:"), QStringLiteral("detailsScheme"));
    m_secretPrefix = addRow(form, tr("Signing secret:"), QStringLiteral("detailsSecretPrefix"));
    m_secretPrefix->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_auth = addRow(form, tr("Authentication:"), QStringLiteral("detailsAuth"));
    m_headers = addRow(form, tr("Custom headers:"), QStringLiteral("detailsHeaders"));
    m_timeout = addRow(form, tr("Timeout:"), QStringLiteral("detailsTimeout"));
    m_retries = addRow(form, tr("Retry attempts:"), QStringLiteral("detailsRetries"));
    m_systemId = addRow(form, tr("System:"), QStringLiteral("detailsSystemId"));
    m_created = addRow(form, tr("Created:"), QStringLiteral("detailsCreated"));
    m_updated = addRow(form, tr("Updated:"), QStringLiteral("detailsUpdated"));
    m_lastDelivery = addRow(form, tr("Last delivery:"), QStringLiteral("detailsLastDelivery"));
    layout->addLayout(form);
    layout->addStretch(1);

    scroll->setWidget(content);
    m_stack->addWidget(scroll);
    m_stack->setCurrentIndex(0);
}

QLabel *WebhookDetailsView::addRow(QFormLayout *form, const QString &label,
                                   const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

QLineEdit *WebhookDetailsView::makeLineField(const QString &objectName)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(objectName);
    field->setReadOnly(true);
    field->setFrame(false);
    field->setStyleSheet(QStringLiteral("QLineEdit { background: transparent; padding: 0; }"));
    field->setMinimumWidth(80);
    return field;
}

void WebhookDetailsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Placeholders and the status dot are coloured for the palette they were made with.
    if (event->type() == QEvent::PaletteChange && m_webhook)
        setWebhook(m_webhook);
}

void WebhookDetailsView::setClock(const Clock *clock)
{
    m_clock = clock;
    setWebhook(m_webhook);
}

void WebhookDetailsView::setWebhook(const std::optional<Webhook> &webhook)
{
    m_webhook = webhook;
    if (!webhook) {
        m_stack->setCurrentIndex(0);
        return;
    }
    const Webhook &w = *webhook;
    const qint64 now = (m_clock ? m_clock : SystemClock::instance())->nowMs();

    m_title->setText(w.name);
    m_statusIcon->setPixmap(WebhookListModel::statusIcon(w.status).pixmap(16, 16));
    QString status = WebhookListModel::statusText(w.status);
    // Reasons written by deliveries already start with the status ("Paused after 5 failed
    // attempts…"); say it once.
    if (w.statusReason.startsWith(status, Qt::CaseInsensitive))
        status = w.statusReason;
    else if (!w.statusReason.isEmpty())
        status = tr("%1 — %2").arg(status, w.statusReason);
    m_status->setText(status);
    m_status->setToolTip(WebhookListModel::statusTooltip(w));
    m_id->setText(w.id);
    m_id->setCursorPosition(0);
    m_copyId->setText(tr("Copy"));

    m_url->setText(w.url);
    m_url->setCursorPosition(0);
    m_url->setToolTip(w.url);
    m_urlNote->setText(tr("Local testing: plain http allowed on loopback"));
    m_urlNote->setVisible(w.localTesting);
    m_pinnedCert->setText(w.pinnedCertSha256);
    m_pinnedCert->setCursorPosition(0);
    m_pinnedCert->setToolTip(w.pinnedCertSha256);
    m_form->setRowVisible(m_pinnedCert, !w.pinnedCertSha256.isEmpty());
    m_events->setTextFormat(Qt::PlainText);
    m_events->setText(w.events.join(QLatin1Char('\n')));

    if (w.description.isEmpty()) {
        m_description->setTextFormat(Qt::RichText);
        m_description->setText(placeholder(tr("No description")));
    } else {
        m_description->setTextFormat(Qt::PlainText);
        m_description->setText(w.description);
    }
    m_scheme->setText(schemeName(w.scheme));
    m_secretPrefix->setText(w.signingSecretPrefix + QStringLiteral("…"));
    m_secretPrefix->setToolTip(
        tr("Only the first characters are kept visible; the full secret was shown once, when it "
           "was created or rotated."));
    m_auth->setText(authText(w.auth));

    if (w.headers.isEmpty()) {
        m_headers->setTextFormat(Qt::RichText);
        m_headers->setText(placeholder(tr("None")));
    } else {
        QStringList lines;
        for (const auto &[name, value] : w.headers)
            lines << name + QStringLiteral(": ") + value;
        m_headers->setTextFormat(Qt::PlainText);
        m_headers->setText(lines.join(QLatin1Char('\n')));
    }
    m_timeout->setText(tr("%1 s").arg(w.timeoutSeconds));
    m_retries->setText(QString::number(w.retryAttempts));
    m_systemId->setText(w.systemId);
    m_created->setText(dateText(w.createdAtMs));
    m_created->setToolTip(longDateText(w.createdAtMs));
    m_updated->setText(dateText(w.updatedAtMs));
    m_updated->setToolTip(longDateText(w.updatedAtMs));
    if (w.lastDeliveryAtMs) {
        m_lastDelivery->setText(WebhookListModel::lastDeliveryText(w, now));
        m_lastDelivery->setToolTip(longDateText(*w.lastDeliveryAtMs));
    } else {
        m_lastDelivery->setText(tr("Nothing delivered yet"));
        m_lastDelivery->setToolTip({});
    }
    m_stack->setCurrentIndex(1);
}

void WebhookDetailsView::copyId()
{
    if (!m_webhook)
        return;
    QApplication::clipboard()->setText(m_webhook->id);
    m_copyId->setText(tr("Copied"));
}

} // namespace hookline
