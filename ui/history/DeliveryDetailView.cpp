#include "DeliveryDetailView.h"

#include "DeliveryTableModel.h"
#include "JsonHighlighter.h"
#include "Theme.h"
#include "WebhookListModel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookline {

namespace {

enum Page { PlaceholderPage, ContentPage };
enum Tab { PayloadTab, AttemptsTab };

QString exactTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("delivered"))
        return DeliveryDetailView::tr("delivered");
    if (outcome == QLatin1String("failed"))
        return DeliveryDetailView::tr("failed");
    if (outcome == QLatin1String("retry_scheduled"))
        return DeliveryDetailView::tr("failed, retry scheduled");
    if (outcome == QLatin1String("gave_up"))
        return DeliveryDetailView::tr("failed, gave up");
    if (outcome == QLatin1String("cancelled"))
        return DeliveryDetailView::tr("cancelled");
    return outcome;
}

QString headerLines(const HeaderPairs &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) +
                QLatin1Char('\n');
    return text;
}

QString link(const QString &deliveryId)
{
    return QStringLiteral("<a href=\"delivery:%1\">%1</a>").arg(deliveryId.toHtmlEscaped());
}

QString row(const QString &label, const QString &valueHtml)
{
    // Muted, but readable in both themes (the palette's "mid" vanishes on a dark window).
    const QString muted = toneText(Tone::Muted, QApplication::palette()).name();
    return QStringLiteral("<tr><td style=\"padding-right:10px\" align=\"right\"><span "
                          "style=\"color:%3\">%1</span></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), valueHtml, muted);
}

QString mono(const QString &text)
{
    return QStringLiteral("<span style=\"font-family:monospace\">%1</span>")
        .arg(text.toHtmlEscaped());
}

} // namespace

DeliveryDetailView::DeliveryDetailView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
{
    setObjectName(QStringLiteral("deliveryDetail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(m_stack);
    m_placeholder->setObjectName(QStringLiteral("detailPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_stack->insertWidget(PlaceholderPage, m_placeholder);

    auto *content = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 6);
    layout->setSpacing(6);

    m_title = new QLabel(content);
    m_title->setObjectName(QStringLiteral("detailTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("detailSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    m_fields = new QLabel(content);
    m_fields->setObjectName(QStringLiteral("detailFields"));
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setWordWrap(true);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                      Qt::LinksAccessibleByKeyboard);
    connect(m_fields, &QLabel::linkActivated, this, [this](const QString &href) {
        if (href.startsWith(QLatin1String("delivery:")))
            emit deliveryLinkActivated(href.mid(9));
    });
    layout->addWidget(m_fields);

    m_buttons = new QWidget(content);
    auto *buttons = new QHBoxLayout(m_buttons);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->setSpacing(4);
    buttons->addStretch(1);
    layout->addWidget(m_buttons);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_payload = makeTextView(QStringLiteral("payloadView"), tr("Event payload"));
    m_payloadHighlighter = new JsonHighlighter(m_payload->document());
    m_tabs->insertTab(PayloadTab, m_payload, tr("Payload"));

    auto *attempts = new QWidget(m_tabs);
    auto *attemptLayout = new QVBoxLayout(attempts);
    attemptLayout->setContentsMargins(0, 6, 0, 0);
    attemptLayout->setSpacing(4);
    auto *selectorRow = new QHBoxLayout;
    m_attempt = new QComboBox(attempts);
    m_attempt->setObjectName(QStringLiteral("attemptSelector"));
    m_attempt->setAccessibleName(tr("Attempt"));
    m_attempt->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_attempt->setMinimumContentsLength(18);
    selectorRow->addWidget(m_attempt);
    m_attemptInfo = new QLabel(attempts);
    m_attemptInfo->setObjectName(QStringLiteral("attemptInfo"));
    m_attemptInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_attemptInfo->setWordWrap(true);
    selectorRow->addWidget(m_attemptInfo, 1);
    attemptLayout->addLayout(selectorRow);
    m_attemptError = new QLabel(attempts);
    m_attemptError->setObjectName(QStringLiteral("attemptError"));
    m_attemptError->setWordWrap(true);
    m_attemptError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont errorFont = m_attemptError->font();
    errorFont.setWeight(QFont::DemiBold);
    m_attemptError->setFont(errorFont);
    setLabelTone(m_attemptError, Tone::Negative);
    attemptLayout->addWidget(m_attemptError);

    auto *split = new QSplitter(Qt::Vertical, attempts);
    split->setChildrenCollapsible(false);
    const auto captioned = [split](const QString &caption, QPlainTextEdit *view) {
        auto *box = new QWidget(split);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        auto *label = new QLabel(caption, box);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        v->addWidget(label);
        view->setParent(box);
        v->addWidget(view, 1);
        split->addWidget(box);
    };
    m_request = makeTextView(QStringLiteral("requestView"), tr("Request as sent"));
    m_response = makeTextView(QStringLiteral("responseView"), tr("Response as received"));
    for (QPlainTextEdit *view : {m_request, m_response})
        view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_requestHighlighter = new JsonHighlighter(m_request->document());
    m_requestHighlighter->setHttpHead(true);
    m_responseHighlighter = new JsonHighlighter(m_response->document());
    m_responseHighlighter->setHttpHead(true);
    captioned(tr("Request (auth and signature values redacted)"), m_request);
    captioned(tr("Response"), m_response);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    attemptLayout->addWidget(split, 1);
    m_tabs->insertTab(AttemptsTab, attempts, tr("Attempts"));
    layout->addWidget(m_tabs, 1);

    connect(m_attempt, &QComboBox::currentIndexChanged, this, &DeliveryDetailView::updateAttempt);

    m_stack->insertWidget(ContentPage, content);
    showPlaceholder();
}

QPlainTextEdit *DeliveryDetailView::makeTextView(const QString &objectName,
                                                 const QString &accessibleName)
{
    auto *view = new QPlainTextEdit(this);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setTabChangesFocus(true);
    return view;
}

void DeliveryDetailView::setClock(const Clock *clock)
{
    m_clock = clock;
}

void DeliveryDetailView::setActions(const QList<QAction *> &actions)
{
    auto *layout = static_cast<QHBoxLayout *>(m_buttons->layout());
    int at = 0;
    for (QAction *action : actions) {
        auto *button = new QToolButton(m_buttons);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        layout->insertWidget(at++, button);
    }
}

void DeliveryDetailView::showPlaceholder()
{
    m_deliveryId.clear();
    m_detail.reset();
    m_placeholder->setText(tr("Select a delivery to see its payload, the requests sent and the "
                              "responses received."));
    m_stack->setCurrentIndex(PlaceholderPage);
}

void DeliveryDetailView::showLoading(const QString &deliveryId)
{
    // Keep the previous delivery on screen until this one is read (no flicker while moving
    // through the list with the keyboard), unless nothing is shown yet.
    m_deliveryId = deliveryId;
    if (!m_detail) {
        m_placeholder->setText(tr("Reading delivery %1…").arg(deliveryId));
        m_stack->setCurrentIndex(PlaceholderPage);
    }
}

void DeliveryDetailView::showError(const QString &deliveryId, const QString &message)
{
    m_deliveryId = deliveryId;
    m_detail.reset();
    m_placeholder->setText(tr("Delivery %1 could not be read.\n%2").arg(deliveryId, message));
    m_stack->setCurrentIndex(PlaceholderPage);
}

QString DeliveryDetailView::summaryText(const DeliveryDetail &d) const
{
    const DeliveryRow &r = d.row;
    const QString last =
        r.lastResponseStatus ? tr("HTTP %1").arg(*r.lastResponseStatus) : r.lastError;
    switch (r.status) {
    case DeliveryStatus::Delivered:
        return r.attempts <= 1 ? tr("Delivered on the first attempt (%1).").arg(last)
                               : tr("Delivered on attempt %1 (%2).").arg(r.attempts).arg(last);
    case DeliveryStatus::Failed:
        return r.attempts == 1
                   ? tr("Failed after 1 attempt: %1.").arg(last)
                   : tr("Failed after %1 attempts; the last got: %2.").arg(r.attempts).arg(last);
    case DeliveryStatus::RetryScheduled:
        return r.nextAttemptAtMs
                   ? tr("Attempt %1 failed (%2); the next is due at %3.")
                         .arg(r.attempts)
                         .arg(last, DeliveryTableModel::timeText(*r.nextAttemptAtMs))
                   : tr("Attempt %1 failed (%2); a retry is scheduled.").arg(r.attempts).arg(last);
    case DeliveryStatus::Pending:
        return tr("Waiting to be sent.");
    case DeliveryStatus::InFlight:
        return tr("Being sent now (attempt %1).").arg(r.attempts);
    case DeliveryStatus::Cancelled:
        return r.lastError.isEmpty() ? tr("Cancelled before it was delivered.")
                                     : tr("Cancelled: %1.").arg(r.lastError);
    }
    return {};
}

void DeliveryDetailView::showDetail(const DeliveryDetail &d)
{
    const bool sameDelivery = m_detail && m_detail->row.id == d.row.id;
    const int keepAttempt = sameDelivery ? currentAttemptNo() : 0;
    const int keepTab = m_tabs->currentIndex();
    m_deliveryId = d.row.id;
    m_detail = d;
    const DeliveryRow &r = d.row;
    const qint64 now = (m_clock ? m_clock : SystemClock::instance())->nowMs();

    QString title = r.eventType;
    if (!r.replayOf.isEmpty())
        title += tr(" (replay)");
    if (r.isTest)
        title += tr(" (test)");
    m_title->setText(title);
    m_summary->setText(
        QStringLiteral("<span style=\"color:%1\">●</span> %2")
            .arg(DeliveryTableModel::statusColor(r.status).name(), summaryText(d).toHtmlEscaped()));

    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    html += row(tr("Delivery"), mono(r.id));
    html += row(tr("Event"), mono(r.eventId));
    QString webhook = r.webhookName.toHtmlEscaped();
    if (d.webhookUrl.isEmpty())
        webhook += QStringLiteral(" <i>%1</i>").arg(tr("(deleted)").toHtmlEscaped());
    else if (!d.currentWebhookName.isEmpty() && d.currentWebhookName != r.webhookName)
        webhook += QStringLiteral(" <i>%1</i>")
                       .arg(tr("(now named %1)").arg(d.currentWebhookName).toHtmlEscaped());
    if (!d.webhookUrl.isEmpty())
        webhook += QStringLiteral("<br>") + mono(d.webhookUrl);
    html += row(tr("Webhook"), webhook);
    html += row(tr("Created"), QStringLiteral("%1 (%2)").arg(
                                   exactTime(r.createdAtMs).toHtmlEscaped(),
                                   WebhookListModel::timeText(r.createdAtMs, now).toHtmlEscaped()));
    if (!d.resourceIds.isEmpty())
        html += row(tr("Resources"), mono(d.resourceIds.join(QStringLiteral(", "))));
    if (!r.replayOf.isEmpty())
        html += row(tr("Replay of"), link(r.replayOf));
    if (!d.replays.isEmpty()) {
        QStringList links;
        for (const QString &id : d.replays)
            links << link(id);
        html += row(tr("Replayed as"), links.join(QStringLiteral("<br>")));
    }
    html += QStringLiteral("</table>");
    m_fields->setText(html);

    m_payload->setPlainText(d.prettyBody());

    {
        const QSignalBlocker blocker(m_attempt);
        m_attempt->clear();
        for (const AttemptDetail &a : d.attempts) {
            QString label = tr("Attempt %1").arg(a.attemptNo);
            if (a.responseStatus)
                label += QStringLiteral(" · %1").arg(*a.responseStatus);
            else if (!a.error.isEmpty())
                label += tr(" · no response");
            m_attempt->addItem(
                DeliveryTableModel::statusIcon(a.outcome == QLatin1String("delivered")
                                                   ? DeliveryStatus::Delivered
                                                   : DeliveryStatus::Failed),
                label, a.attemptNo);
        }
        int at = m_attempt->findData(keepAttempt);
        m_attempt->setCurrentIndex(at >= 0 ? at : m_attempt->count() - 1);
    }
    m_tabs->setTabText(AttemptsTab, d.attempts.isEmpty()
                                        ? tr("Attempts")
                                        : tr("Attempts (%1)").arg(d.attempts.size()));
    updateAttempt();
    // A failed delivery is opened to find out why: its last attempt first.
    if (!sameDelivery)
        m_tabs->setCurrentIndex(r.status == DeliveryStatus::Delivered || d.attempts.isEmpty()
                                    ? PayloadTab
                                    : AttemptsTab);
    else
        m_tabs->setCurrentIndex(keepTab);
    m_stack->setCurrentIndex(ContentPage);
}

int DeliveryDetailView::currentAttemptNo() const
{
    return m_attempt->currentIndex() < 0 ? 0 : m_attempt->currentData().toInt();
}

void DeliveryDetailView::showAttempt(int attemptNo)
{
    const int at = m_attempt->findData(attemptNo);
    if (at >= 0)
        m_attempt->setCurrentIndex(at);
    m_tabs->setCurrentIndex(AttemptsTab);
}

QString DeliveryDetailView::requestText(const DeliveryDetail &d, const AttemptDetail &a)
{
    QString text =
        QStringLiteral("POST %1\n")
            .arg(d.webhookUrl.isEmpty() ? tr("(URL of a deleted webhook)") : d.webhookUrl);
    text += headerLines(a.requestHeaders);
    text += QLatin1Char('\n');
    text += QString::fromUtf8(d.body);
    return text;
}

QString DeliveryDetailView::responseText(const AttemptDetail &a)
{
    if (!a.responseStatus)
        return tr("No response.") + (a.error.isEmpty() ? QString() : QLatin1Char('\n') + a.error);
    QString text = QStringLiteral("HTTP %1 %2")
                       .arg(*a.responseStatus)
                       .arg(DeliveryTableModel::reasonPhrase(*a.responseStatus))
                       .trimmed() +
                   QLatin1Char('\n');
    text += headerLines(a.responseHeaders);
    text += QLatin1Char('\n');
    if (a.responseBody.isEmpty())
        text += tr("(empty body)");
    else
        text += DeliveryDetail::prettyText(a.responseBody);
    if (a.responseTruncated)
        text += QLatin1Char('\n') + tr("(cut at 64 KiB: the rest was not kept)");
    return text;
}

void DeliveryDetailView::updateAttempt()
{
    const AttemptDetail *attempt = nullptr;
    if (m_detail)
        for (const AttemptDetail &a : m_detail->attempts)
            if (a.attemptNo == currentAttemptNo())
                attempt = &a;
    m_attempt->setVisible(attempt != nullptr);
    if (!attempt) {
        m_attemptInfo->setText(m_detail && m_detail->row.status == DeliveryStatus::Pending
                                   ? tr("Not attempted yet: it waits for the dispatcher.")
                                   : tr("No attempt was made."));
        m_attemptError->setVisible(false);
        m_request->clear();
        m_response->clear();
        return;
    }
    QString info = tr("started %1").arg(exactTime(attempt->startedAtMs));
    if (attempt->durationMs)
        info += tr(" · took %1").arg(DeliveryTableModel::latencyText(*attempt->durationMs));
    info += tr(" · %1").arg(outcomeText(attempt->outcome));
    m_attemptInfo->setText(info);
    m_attemptError->setText(attempt->error.isEmpty() ? QString()
                                                     : tr("Error: %1").arg(attempt->error));
    m_attemptError->setVisible(!attempt->error.isEmpty());
    m_request->setPlainText(requestText(*m_detail, *attempt));
    // Without a response there is no HTTP head to colour: the error is plain text.
    m_responseHighlighter->setHttpHead(attempt->responseStatus.has_value());
    m_response->setPlainText(responseText(*attempt));
}

void DeliveryDetailView::focusContent()
{
    if (m_stack->currentIndex() != ContentPage)
        return;
    QWidget *target =
        m_tabs->currentIndex() == AttemptsTab ? static_cast<QWidget *>(m_response) : m_payload;
    target->setFocus(Qt::OtherFocusReason);
}

void DeliveryDetailView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A theme switched at run time: JSON colours for the new background.
    if (event->type() == QEvent::PaletteChange)
        for (JsonHighlighter *h :
             {m_payloadHighlighter, m_requestHighlighter, m_responseHighlighter})
            if (h)
                h->refreshColors();
}

void DeliveryDetailView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        emit leaveRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace hookline
