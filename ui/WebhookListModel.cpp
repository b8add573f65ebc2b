#include "WebhookListModel.h"

#include "Theme.h"

#include <QColor>
#include <QDateTime>
#include <QGuiApplication>
#include <QHash>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace hookline {

namespace {

Tone statusTone(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Active:
        return Tone::Positive;
    case WebhookStatus::Paused:
        return Tone::Warning;
    case WebhookStatus::Disabled:
        break;
    }
    return Tone::Muted;
}

int statusOrder(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Active:
        return 0;
    case WebhookStatus::Paused:
        return 1;
    case WebhookStatus::Disabled:
        return 2;
    }
    return 3;
}

QString eventsSummary(const QStringList &events)
{
    if (events.size() <= 1)
        return events.join(QString());
    return WebhookListModel::tr("%1 (+%2)").arg(events.first()).arg(events.size() - 1);
}

} // namespace

WebhookListModel::WebhookListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void WebhookListModel::setClock(const Clock *clock)
{
    m_clock = clock;
    refreshTimes();
}

void WebhookListModel::setWebhooks(const QList<Webhook> &webhooks)
{
    bool sameRows = webhooks.size() == m_webhooks.size();
    for (qsizetype i = 0; sameRows && i < webhooks.size(); ++i)
        sameRows = webhooks.at(i).id == m_webhooks.at(i).id;
    if (sameRows) {
        // Same webhooks in the same order: update in place so views keep selection and scroll.
        m_webhooks = webhooks;
        if (!m_webhooks.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, NB_COLUMNS - 1));
        return;
    }
    beginResetModel();
    m_webhooks = webhooks;
    endResetModel();
}

const Webhook *WebhookListModel::webhookAt(int row) const
{
    if (row < 0 || row >= m_webhooks.size())
        return nullptr;
    return &m_webhooks.at(row);
}

int WebhookListModel::rowOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_webhooks.size(); ++i)
        if (m_webhooks.at(i).id == id)
            return int(i);
    return -1;
}

void WebhookListModel::refreshTimes()
{
    if (!m_webhooks.isEmpty())
        emit dataChanged(index(0, LastDelivery), index(rowCount() - 1, LastDelivery),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

int WebhookListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_webhooks.size());
}

int WebhookListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NB_COLUMNS;
}

QVariant WebhookListModel::data(const QModelIndex &index, int role) const
{
    const Webhook *w = webhookAt(index.row());
    if (!w || index.column() < 0 || index.column() >= NB_COLUMNS)
        return {};
    const qint64 now = (m_clock ? m_clock : SystemClock::instance())->nowMs();

    if (role == IdRole)
        return w->id;
    if (role == SearchRole) {
        return QStringList{statusText(w->status), w->name, w->url, w->events.join(QLatin1Char(' ')),
                           w->description,        w->id}
            .join(QLatin1Char(' '));
    }

    switch (Column(index.column())) {
    case Status:
        switch (role) {
        case Qt::DisplayRole:
            return statusText(w->status);
        case Qt::DecorationRole:
            return statusIcon(w->status);
        case Qt::ToolTipRole:
            return statusTooltip(*w);
        case SortRole:
            return statusOrder(w->status);
        }
        break;
    case Name:
        if (role == Qt::DisplayRole || role == SortRole)
            return w->name;
        if (role == Qt::ToolTipRole && !w->description.isEmpty())
            return w->description;
        break;
    case Url:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole)
            return w->url;
        break;
    case Events:
        if (role == Qt::DisplayRole)
            return eventsSummary(w->events);
        if (role == Qt::ToolTipRole)
            return w->events.join(QLatin1Char('\n'));
        if (role == SortRole)
            return w->events.join(QLatin1Char(','));
        break;
    case LastDelivery:
        if (role == Qt::DisplayRole)
            return lastDeliveryText(*w, now);
        if (role == Qt::ToolTipRole && w->lastDeliveryAtMs) {
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(*w->lastDeliveryAtMs),
                                      QLocale::LongFormat);
        }
        if (role == SortRole)
            return w->lastDeliveryAtMs.value_or(-1);
        break;
    case NB_COLUMNS:
        break;
    }
    return {};
}

QVariant WebhookListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Status:
        return tr("Status");
    case Name:
        return tr("Name");
    case Url:
        return tr("URL");
    case Events:
        return tr("Events");
    case LastDelivery:
        return tr("Last delivery");
    case NB_COLUMNS:
        break;
    }
    return {};
}

QString WebhookListModel::statusText(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Active:
        return tr("active");
    case WebhookStatus::Paused:
        return tr("paused");
    case WebhookStatus::Disabled:
        return tr("disabled");
    }
    return {};
}

QIcon WebhookListModel::statusIcon(WebhookStatus status)
{
    // Dots a little brighter on dark palettes, so they stand out from the rows as much.
    const QPalette palette = QGuiApplication::palette();
    const bool dark = isDarkPalette(palette);
    static QHash<int, QIcon> cache;
    const int key = int(status) * 2 + (dark ? 1 : 0);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return it.value();
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusDotColor(statusTone(status), palette));
        const qreal margin = size * 0.22;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
        // The same dot on a selected row: Qt would otherwise blend it into the highlight.
        icon.addPixmap(pixmap, QIcon::Selected);
    }
    cache.insert(key, icon);
    return icon;
}

QString WebhookListModel::statusTooltip(const Webhook &webhook)
{
    QString text;
    switch (webhook.status) {
    case WebhookStatus::Active:
        text = tr("Active: events are delivered.");
        break;
    case WebhookStatus::Paused:
        text = tr("Paused: deliveries wait until the webhook is enabled again.");
        break;
    case WebhookStatus::Disabled:
        text = tr("Disabled: nothing is delivered; pending deliveries were cancelled.");
        break;
    }
    if (!webhook.statusReason.isEmpty())
        text += QLatin1Char('\n') + tr("Reason: %1").arg(webhook.statusReason);
    return text;
}

QString WebhookListModel::timeText(qint64 atMs, qint64 nowMs)
{
    const qint64 ago = nowMs - atMs;
    constexpr qint64 minute = 60 * 1000;
    constexpr qint64 hour = 60 * minute;
    if (ago >= 0 && ago < minute)
        return tr("just now");
    if (ago >= 0 && ago < hour)
        return tr("%1 min ago").arg(ago / minute);
    if (ago >= 0 && ago < 24 * hour)
        return tr("%1 h ago").arg(ago / hour);
    if (ago >= 0 && ago < 7 * 24 * hour)
        return tr("%1 d ago").arg(ago / (24 * hour));
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(atMs).date(), QLocale::ShortFormat);
}

QString WebhookListModel::lastDeliveryText(const Webhook &webhook, qint64 nowMs)
{
    if (!webhook.lastDeliveryAtMs)
        return QStringLiteral("—");
    const QString when = timeText(*webhook.lastDeliveryAtMs, nowMs);
    if (!webhook.lastDeliveryStatus)
        return when;
    // 0: the attempt got no HTTP response (refused, timed out, TLS failure).
    if (*webhook.lastDeliveryStatus == 0)
        return tr("%1 · no response").arg(when);
    return tr("%1 · %2").arg(when).arg(*webhook.lastDeliveryStatus);
}

} // namespace hookline
