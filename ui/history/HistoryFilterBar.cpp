#include "HistoryFilterBar.h"

#include "WebhookListModel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTimer>

namespace hookline {

namespace {

constexpr int kTypingDelayMs = 180;
constexpr qint64 kHourMs = 3'600'000;
constexpr qint64 kDayMs = 24 * kHourMs;

} // namespace

HistoryFilterBar::HistoryFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_webhook(new QComboBox(this))
    , m_eventType(new QComboBox(this))
    , m_outcome(new QComboBox(this))
    , m_statusClass(new QComboBox(this))
    , m_time(new QComboBox(this))
    , m_since(new QDateTimeEdit(this))
    , m_until(new QDateTimeEdit(this))
    , m_clear(new QPushButton(tr("Clear Filters"), this))
    , m_typing(new QTimer(this))
{
    setObjectName(QStringLiteral("historyFilterBar"));

    m_search->setObjectName(QStringLiteral("historySearch"));
    m_search->setPlaceholderText(tr("Search event id, resource id or payload text"));
    m_search->setAccessibleName(tr("Search deliveries"));
    m_search->setToolTip(tr("Every word must occur in the event id, its resource ids or its "
                            "payload; a delivery or event UUID finds that delivery. (Ctrl+L)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView),
                        QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(220);

    m_webhook->setObjectName(QStringLiteral("historyWebhookFilter"));
    m_webhook->setAccessibleName(tr("Webhook"));
    m_webhook->setToolTip(tr("Only deliveries to this webhook"));
    m_webhook->addItem(tr("All webhooks"), QString());
    m_webhook->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_webhook->setMinimumContentsLength(20);

    m_eventType->setObjectName(QStringLiteral("historyEventTypeFilter"));
    m_eventType->setAccessibleName(tr("Event type"));
    m_eventType->setToolTip(tr("Only this event type (pick one or type its exact name)"));
    m_eventType->setEditable(true);
    m_eventType->setInsertPolicy(QComboBox::NoInsert);
    m_eventType->lineEdit()->setPlaceholderText(tr("All event types"));
    m_eventType->lineEdit()->setClearButtonEnabled(true);
    m_eventType->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_eventType->setMinimumContentsLength(14);
    m_eventType->addItem(QString());

    m_outcome->setObjectName(QStringLiteral("historyOutcomeFilter"));
    m_outcome->setAccessibleName(tr("Outcome"));
    m_outcome->setToolTip(tr("Only deliveries with this outcome so far"));
    m_outcome->addItem(tr("Any outcome"), -1);
    for (const DeliveryStatus s :
         {DeliveryStatus::Delivered, DeliveryStatus::Failed, DeliveryStatus::RetryScheduled,
          DeliveryStatus::Pending, DeliveryStatus::InFlight, DeliveryStatus::Cancelled}) {
        QString text;
        switch (s) {
        case DeliveryStatus::Delivered:
            text = tr("Delivered");
            break;
        case DeliveryStatus::Failed:
            text = tr("Failed");
            break;
        case DeliveryStatus::RetryScheduled:
            text = tr("Retrying");
            break;
        case DeliveryStatus::Pending:
            text = tr("Pending");
            break;
        case DeliveryStatus::InFlight:
            text = tr("Sending");
            break;
        case DeliveryStatus::Cancelled:
            text = tr("Cancelled");
            break;
        }
        m_outcome->addItem(text, int(s));
    }

    m_statusClass->setObjectName(QStringLiteral("historyStatusClassFilter"));
    m_statusClass->setAccessibleName(tr("Response status"));
    m_statusClass->setToolTip(tr("Only deliveries whose last attempt got this response"));
    m_statusClass->addItem(tr("Any response"), -1);
    m_statusClass->addItem(tr("2xx success"), int(StatusClass::Success2xx));
    m_statusClass->addItem(tr("3xx redirect"), int(StatusClass::Redirect3xx));
    m_statusClass->addItem(tr("4xx client error"), int(StatusClass::ClientError4xx));
    m_statusClass->addItem(tr("5xx server error"), int(StatusClass::ServerError5xx));
    m_statusClass->addItem(tr("Network error"), int(StatusClass::NetworkError));
    m_statusClass->setItemData(5, tr("No HTTP response: timeout, refused connection, TLS error"),
                               Qt::ToolTipRole);

    m_time->setObjectName(QStringLiteral("historyTimeFilter"));
    m_time->setAccessibleName(tr("Time range"));
    m_time->addItem(tr("Any time"), int(TimeRange::Any));
    m_time->addItem(tr("Last hour"), int(TimeRange::LastHour));
    m_time->addItem(tr("Last 24 hours"), int(TimeRange::Last24Hours));
    m_time->addItem(tr("Last 7 days"), int(TimeRange::Last7Days));
    m_time->addItem(tr("Last 30 days"), int(TimeRange::Last30Days));
    m_time->addItem(tr("Custom range…"), int(TimeRange::Custom));

    const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
    for (QDateTimeEdit *edit : {m_since, m_until}) {
        edit->setDisplayFormat(format);
        edit->setCalendarPopup(true);
        edit->setVisible(false);
    }
    m_since->setObjectName(QStringLiteral("historySince"));
    m_since->setAccessibleName(tr("From"));
    m_since->setToolTip(tr("Deliveries created at or after this time (local time)"));
    m_until->setObjectName(QStringLiteral("historyUntil"));
    m_until->setAccessibleName(tr("Until"));
    m_until->setToolTip(tr("Deliveries created before this time (local time)"));
    const QDateTime now = QDateTime::currentDateTime();
    m_since->setDateTime(now.addDays(-1));
    m_until->setDateTime(now.addSecs(3600));

    m_clear->setObjectName(QStringLiteral("historyClearFilters"));
    m_clear->setToolTip(tr("Show every delivery again"));
    m_clear->setEnabled(false);

    m_typing->setSingleShot(true);
    m_typing->setInterval(kTypingDelayMs);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 1);
    layout->addWidget(m_webhook);
    layout->addWidget(m_eventType);
    layout->addWidget(m_outcome);
    layout->addWidget(m_statusClass);
    layout->addWidget(m_time);
    layout->addWidget(m_since);
    layout->addWidget(m_until);
    layout->addWidget(m_clear);

    connect(m_search, &QLineEdit::textChanged, this, [this] {
        updateClearButton();
        if (!m_silent)
            m_typing->start();
    });
    connect(m_eventType, &QComboBox::currentTextChanged, this, [this] {
        updateClearButton();
        if (!m_silent)
            m_typing->start();
    });
    connect(m_typing, &QTimer::timeout, this, &HistoryFilterBar::filterChanged);
    for (QComboBox *combo : {m_webhook, m_outcome, m_statusClass})
        connect(combo, &QComboBox::currentIndexChanged, this, &HistoryFilterBar::changedNow);
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = TimeRange(m_time->currentData().toInt()) == TimeRange::Custom;
        m_since->setVisible(custom);
        m_until->setVisible(custom);
        changedNow();
    });
    for (QDateTimeEdit *edit : {m_since, m_until})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
            if (!m_silent)
                m_typing->start();
        });
    connect(m_clear, &QPushButton::clicked, this, &HistoryFilterBar::clear);
}

void HistoryFilterBar::changedNow()
{
    updateClearButton();
    if (m_silent)
        return;
    // The search text is part of the filter: a pending keystroke goes with this change.
    m_typing->stop();
    emit filterChanged();
}

void HistoryFilterBar::updateClearButton()
{
    m_clear->setEnabled(isFiltering());
}

void HistoryFilterBar::addWebhookItem(const QString &id, const QString &name, WebhookStatus status)
{
    QString text = name;
    if (status != WebhookStatus::Active)
        text += QStringLiteral(" (%1)").arg(WebhookListModel::statusText(status));
    m_webhook->addItem(WebhookListModel::statusIcon(status), text, id);
}

void HistoryFilterBar::setWebhooks(const QList<Webhook> &webhooks)
{
    const QString keep = webhookId();
    const QSignalBlocker blocker(m_webhook);
    while (m_webhook->count() > 1)
        m_webhook->removeItem(1);
    QList<Webhook> sorted = webhooks;
    std::sort(sorted.begin(), sorted.end(), [](const Webhook &a, const Webhook &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const Webhook &w : std::as_const(sorted))
        addWebhookItem(w.id, w.name, w.status);
    if (!keep.isEmpty()) {
        int at = m_webhook->findData(keep);
        if (at < 0) {
            // Deleted meanwhile: its deliveries are still there, so keep the choice.
            m_webhook->addItem(tr("Deleted webhook %1").arg(keep.left(8)), keep);
            at = m_webhook->count() - 1;
        }
        m_webhook->setCurrentIndex(at);
    }
}

void HistoryFilterBar::setEventTypes(const QStringList &types)
{
    const QString keep = m_eventType->currentText();
    const QSignalBlocker blocker(m_eventType);
    m_eventType->clear();
    m_eventType->addItem(QString());
    QStringList sorted = types;
    sorted.sort();
    sorted.removeDuplicates();
    m_eventType->addItems(sorted);
    m_eventType->setEditText(keep);
}

DeliveryFilter HistoryFilterBar::filter(qint64 nowMs) const
{
    DeliveryFilter f;
    f.search = m_search->text().trimmed();
    f.searchPrefix = true; // results as the user types: the last word may be unfinished
    f.webhookId = webhookId();
    f.eventType = m_eventType->currentText().trimmed();
    if (const int outcome = m_outcome->currentData().toInt(); outcome >= 0)
        f.status = DeliveryStatus(outcome);
    if (const int statusClass = m_statusClass->currentData().toInt(); statusClass >= 0)
        f.statusClass = StatusClass(statusClass);
    switch (TimeRange(m_time->currentData().toInt())) {
    case TimeRange::Any:
        break;
    case TimeRange::LastHour:
        f.sinceMs = nowMs - kHourMs;
        break;
    case TimeRange::Last24Hours:
        f.sinceMs = nowMs - kDayMs;
        break;
    case TimeRange::Last7Days:
        f.sinceMs = nowMs - 7 * kDayMs;
        break;
    case TimeRange::Last30Days:
        f.sinceMs = nowMs - 30 * kDayMs;
        break;
    case TimeRange::Custom: {
        const qint64 from = m_since->dateTime().toMSecsSinceEpoch();
        const qint64 to = m_until->dateTime().toMSecsSinceEpoch();
        // A range typed backwards means the same thing forwards.
        f.sinceMs = std::min(from, to);
        f.untilMs = std::max(from, to);
        break;
    }
    }
    return f;
}

bool HistoryFilterBar::isFiltering() const
{
    return !m_search->text().trimmed().isEmpty() || !webhookId().isEmpty() ||
           !m_eventType->currentText().trimmed().isEmpty() ||
           m_outcome->currentData().toInt() >= 0 || m_statusClass->currentData().toInt() >= 0 ||
           TimeRange(m_time->currentData().toInt()) != TimeRange::Any;
}

QString HistoryFilterBar::webhookId() const
{
    return m_webhook->currentData().toString();
}

void HistoryFilterBar::setWebhookId(const QString &webhookId)
{
    if (webhookId.isEmpty()) {
        m_webhook->setCurrentIndex(0);
        return;
    }
    int at = m_webhook->findData(webhookId);
    if (at < 0) {
        // Not listed (yet): the filter still works by id.
        m_webhook->addItem(tr("Webhook %1").arg(webhookId.left(8)), webhookId);
        at = m_webhook->count() - 1;
    }
    m_webhook->setCurrentIndex(at);
}

void HistoryFilterBar::setSearchText(const QString &text)
{
    m_search->setText(text);
}

void HistoryFilterBar::setTimeRange(TimeRange range)
{
    m_time->setCurrentIndex(m_time->findData(int(range)));
}

void HistoryFilterBar::setCustomRange(const QDateTime &from, const QDateTime &to)
{
    {
        const QSignalBlocker a(m_since);
        const QSignalBlocker b(m_until);
        m_since->setDateTime(from);
        m_until->setDateTime(to);
    }
    if (TimeRange(m_time->currentData().toInt()) == TimeRange::Custom)
        changedNow();
    else
        setTimeRange(TimeRange::Custom);
}

void HistoryFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void HistoryFilterBar::clear()
{
    if (!isFiltering())
        return;
    m_silent = true;
    m_search->clear();
    m_webhook->setCurrentIndex(0);
    m_eventType->setCurrentIndex(0);
    m_eventType->setEditText(QString());
    m_outcome->setCurrentIndex(0);
    m_statusClass->setCurrentIndex(0);
    m_time->setCurrentIndex(0);
    m_silent = false;
    changedNow();
}

} // namespace hookline
