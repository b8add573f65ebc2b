#include "DeliveryTableModel.h"

#include "WebhookListModel.h"
#include "http/HttpResponse.h"

#include <QApplication>
#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>

namespace hookline {

namespace {

constexpr qint64 kRecountIntervalMs = 5000;

// Whether a row still matches the outcome and response filters after an attempt changed it (the
// other filters are fixed at enqueue time).
bool matchesStatusFilters(const DeliveryRow &r, const DeliveryFilter &filter)
{
    if (filter.status && r.status != *filter.status)
        return false;
    if (!filter.statusClass)
        return true;
    std::optional<StatusClass> now;
    if (r.lastResponseStatus) {
        const int hundreds = *r.lastResponseStatus / 100;
        if (hundreds >= 1 && hundreds <= 5)
            now = StatusClass(hundreds - 1);
    } else if (!r.lastError.isEmpty()) {
        now = StatusClass::NetworkError;
    }
    return now == filter.statusClass;
}

} // namespace

QString DeliveryTableModel::reasonPhrase(int status)
{
    return QString::fromLatin1(HttpResponse::standardReasonPhrase(status));
}

DeliveryTableModel::DeliveryTableModel(HistoryClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{}

void DeliveryTableModel::setClock(const Clock *clock)
{
    m_clock = clock;
}

void DeliveryTableModel::setPageSize(int rows)
{
    m_pageSize = std::clamp(rows, 1, DeliveryHistory::MaxPageSize);
}

void DeliveryTableModel::setFilter(const DeliveryFilter &filter)
{
    m_filter = filter;
    reload();
}

void DeliveryTableModel::reload()
{
    restart(true);
}

void DeliveryTableModel::restart(bool recount)
{
    // Everything asked for before is now stale.
    m_generation.advance();
    beginResetModel();
    clearRows();
    endResetModel();
    m_nextCursor.clear();
    m_loaded = false;
    m_fetching = false;
    m_fetchingNewer = false;
    m_pendingNewer = 0;
    m_error.clear();
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged(true);
    }
    if (recount && m_total != -1) {
        m_total = -1;
        emit totalCountChanged(m_total);
    }
    emit newerAvailable(0, false);
    if (!m_client->isReady())
        return;
    requestPage();
    if (recount)
        requestCount();
}

void DeliveryTableModel::clearRows()
{
    m_rows.clear();
    m_rows.squeeze();
    m_seqById.clear();
    m_seqById.squeeze();
    m_strings.clear();
    m_firstSeq = 0;
}

void DeliveryTableModel::requestPage()
{
    const bool first = !m_loaded;
    m_fetching = true;
    m_client->page(m_filter, m_nextCursor, m_pageSize, m_generation.ticket(), this,
                   [this, first](Result<DeliveryPage> page) {
                       m_fetching = false;
                       if (!page) {
                           m_error = page.error().message;
                           if (first) {
                               m_loaded = true;
                               m_loading = false;
                               emit loadingChanged(false);
                           }
                           emit loadFailed(m_error);
                           return;
                       }
                       m_error.clear();
                       onPage(page.value(), first);
                   });
}

void DeliveryTableModel::requestCount()
{
    m_countAge.start();
    m_client->count(m_filter, m_generation.ticket(), this, [this](Result<qint64> n) {
        if (!n)
            return; // the rows still show; the count stays unknown
        // With every match held, the rows are the count (an arrival the count saw but the list
        // has not prepended yet would otherwise be counted twice). Otherwise, arrivals prepended
        // while counting may or may not be in the figure: an estimate.
        m_total = isAtEnd() ? m_rows.size() : std::max<qint64>(n.value(), m_rows.size());
        emit totalCountChanged(m_total);
    });
}

void DeliveryTableModel::onPage(const DeliveryPage &page, bool first)
{
    QList<DeliveryRow> fresh;
    fresh.reserve(page.rows.size());
    for (const DeliveryRow &row : page.rows)
        if (!m_seqById.contains(row.id)) // cannot happen with keyset paging; cheap to be sure
            fresh << interned(row);
    if (!fresh.isEmpty()) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at + int(fresh.size()) - 1);
        for (const DeliveryRow &row : std::as_const(fresh)) {
            m_seqById.insert(row.id, m_firstSeq + m_rows.size());
            m_rows << row;
        }
        endInsertRows();
    }
    m_nextCursor = page.nextCursor;
    if (isAtEnd() && m_total != m_rows.size()) {
        // Everything is held: the count is exact now.
        m_total = m_rows.size();
        emit totalCountChanged(m_total);
    }
    if (first) {
        m_loaded = true;
        m_loading = false;
        emit loadingChanged(false);
        emit firstPageLoaded();
    }
}

DeliveryRow DeliveryTableModel::interned(DeliveryRow row)
{
    const auto intern = [this](QString &s) {
        if (s.isEmpty())
            return;
        const auto it = m_strings.constFind(s);
        if (it != m_strings.constEnd())
            s = *it;
        else
            m_strings.insert(s);
    };
    intern(row.eventType);
    intern(row.webhookId);
    intern(row.webhookName);
    intern(row.lastError);
    return row;
}

void DeliveryTableModel::prependRows(const QList<DeliveryRow> &rows)
{
    QList<DeliveryRow> fresh;
    for (const DeliveryRow &row : rows)
        if (!m_seqById.contains(row.id))
            fresh << interned(row);
    if (fresh.isEmpty())
        return;
    const int n = int(fresh.size());
    beginInsertRows({}, 0, n - 1);
    m_firstSeq -= n;
    for (int i = 0; i < n; ++i)
        m_seqById.insert(fresh.at(i).id, m_firstSeq + i);
    m_rows.insert(0, n, DeliveryRow());
    std::move(fresh.begin(), fresh.end(), m_rows.begin());
    endInsertRows();
    if (m_total >= 0) {
        m_total = isAtEnd() ? m_rows.size() : m_total + n;
        emit totalCountChanged(m_total);
    }
}

const DeliveryRow *DeliveryTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

int DeliveryTableModel::rowOf(const QString &deliveryId) const
{
    const auto it = m_seqById.constFind(deliveryId);
    if (it == m_seqById.constEnd())
        return -1;
    return int(it.value() - m_firstSeq);
}

QStringList DeliveryTableModel::ids(const QModelIndexList &rows) const
{
    QStringList out;
    QSet<int> seen;
    for (const QModelIndex &index : rows) {
        if (seen.contains(index.row()))
            continue;
        seen.insert(index.row());
        if (const DeliveryRow *r = rowAt(index.row()))
            out << r->id;
    }
    return out;
}

void DeliveryTableModel::fetchNewer(bool prepend)
{
    if (!m_loaded || m_loading || m_fetchingNewer || !m_client->isReady())
        return;
    if (m_rows.isEmpty()) {
        // Nothing held to be newer than: the first page is the answer (appended to nothing).
        if (!m_fetching) {
            requestPage();
            requestCount();
        }
        return;
    }
    m_fetchingNewer = true;
    const int limit = m_pageSize;
    m_client->newer(m_filter, m_rows.constFirst().cursor(), limit, m_generation.ticket(), this,
                    [this, prepend, limit](Result<QList<DeliveryRow>> rows) {
                        m_fetchingNewer = false;
                        if (!rows)
                            return;
                        const int n = int(rows->size());
                        if (!prepend) {
                            if (n != m_pendingNewer) {
                                m_pendingNewer = n;
                                emit newerAvailable(n, n >= limit);
                            }
                            return;
                        }
                        if (n >= limit) {
                            // A gap would open between these and the rows held: start over from
                            // the newest. Under a flood of arrivals, count again only now and
                            // then (at a million rows a count is not free); meanwhile the figure
                            // grows by what is known to have arrived.
                            const bool recount =
                                !m_countAge.isValid() || m_countAge.elapsed() > kRecountIntervalMs;
                            if (!recount && m_total >= 0) {
                                m_total += n;
                                emit totalCountChanged(m_total);
                            }
                            restart(recount);
                            return;
                        }
                        prependRows(rows.value());
                        if (m_pendingNewer != 0) {
                            m_pendingNewer = 0;
                            emit newerAvailable(0, false);
                        }
                    });
}

void DeliveryTableModel::applyAttempts(const QList<AttemptSummary> &attempts)
{
    QStringList changed;
    int top = -1;
    int bottom = -1;
    for (const AttemptSummary &a : attempts) {
        const int row = rowOf(a.deliveryId);
        if (row < 0)
            continue;
        DeliveryRow &r = m_rows[row];
        if (a.attemptNo < r.attempts)
            continue; // an older report than what the row shows
        r.status = deliveryStatusAfter(a.outcome);
        r.attempts = a.attemptNo;
        r.lastResponseStatus = a.responseStatus;
        r.lastLatencyMs = a.durationMs;
        r.lastError = a.error;
        r.nextAttemptAtMs =
            a.outcome == AttemptOutcome::RetryScheduled ? a.nextAttemptAtMs : std::nullopt;
        if (a.outcome == AttemptOutcome::Delivered)
            r.deliveredAtMs = a.startedAtMs + a.durationMs;
        changed << a.deliveryId;
        top = top < 0 ? row : std::min(top, row);
        bottom = std::max(bottom, row);
    }
    if (changed.isEmpty())
        return;
    // A row that no longer matches stays where it is, greyed, so the user sees what became of
    // it (and the list does not jump); the count says how many match now.
    for (const QString &id : std::as_const(changed))
        if (!matchesStatusFilters(m_rows.at(rowOf(id)), m_filter)) {
            requestCount();
            break;
        }
    emit dataChanged(index(top, 0), index(bottom, NB_COLUMNS - 1));
    emit rowsUpdated(changed);
}

int DeliveryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NB_COLUMNS;
}

bool DeliveryTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded && !m_fetching && !m_nextCursor.isEmpty();
}

void DeliveryTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

QVariant DeliveryTableModel::data(const QModelIndex &index, int role) const
{
    const DeliveryRow *r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= NB_COLUMNS)
        return {};
    switch (role) {
    case IdRole:
        return r->id;
    case EventIdRole:
        return r->eventId;
    case WebhookIdRole:
        return r->webhookId;
    case WebhookNameRole:
        return r->webhookName;
    case StatusRole:
        return int(r->status);
    case CreatedAtRole:
        return r->createdAtMs;
    case ReplayOfRole:
        return r->replayOf;
    default:
        break;
    }

    if (!matchesStatusFilters(*r, m_filter)) {
        if (role == Qt::ForegroundRole)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        if (role == Qt::ToolTipRole && index.column() != Outcome)
            return tr("No longer matches the filters: it is now %1.")
                .arg(statusText(r->status).toLower());
    }

    switch (Column(index.column())) {
    case Time:
        if (role == Qt::DisplayRole)
            return timeText(r->createdAtMs);
        if (role == Qt::ToolTipRole) {
            const qint64 now = (m_clock ? m_clock : SystemClock::instance())->nowMs();
            return tr("%1 (%2)").arg(
                QLocale().toString(QDateTime::fromMSecsSinceEpoch(r->createdAtMs),
                                   QLocale::LongFormat),
                WebhookListModel::timeText(r->createdAtMs, now));
        }
        break;
    case EventType:
        if (role == Qt::DisplayRole) {
            QString text = r->eventType;
            if (!r->replayOf.isEmpty())
                text += tr(" · replay");
            if (r->isTest)
                text += tr(" · test");
            return text;
        }
        if (role == Qt::ToolTipRole)
            return r->replayOf.isEmpty()
                       ? tr("Event %1").arg(r->eventId)
                       : tr("Event %1\nReplay of delivery %2").arg(r->eventId, r->replayOf);
        break;
    case Webhook:
        if (role == Qt::DisplayRole)
            return r->webhookName;
        if (role == Qt::ToolTipRole)
            return tr("%1\nWebhook %2").arg(r->webhookName, r->webhookId);
        break;
    case Attempts:
        if (role == Qt::DisplayRole)
            return r->attempts;
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Outcome:
        if (role == Qt::DisplayRole)
            return statusText(r->status);
        if (role == Qt::DecorationRole)
            return statusIcon(r->status);
        if (role == Qt::ToolTipRole) {
            if (r->status == DeliveryStatus::RetryScheduled && r->nextAttemptAtMs)
                return tr("Failed; the next attempt is due at %1.")
                    .arg(timeText(*r->nextAttemptAtMs));
            if (r->status == DeliveryStatus::Pending && r->nextAttemptAtMs)
                return tr("Waiting to be sent (due at %1).").arg(timeText(*r->nextAttemptAtMs));
            if (r->status == DeliveryStatus::Delivered && r->deliveredAtMs)
                return tr("Delivered at %1.").arg(timeText(*r->deliveredAtMs));
        }
        break;
    case Response:
        if (role == Qt::DisplayRole)
            return responseText(r->lastResponseStatus, r->lastError);
        if (role == Qt::ToolTipRole) {
            QString text = r->lastResponseStatus ? QStringLiteral("HTTP %1 %2")
                                                       .arg(*r->lastResponseStatus)
                                                       .arg(reasonPhrase(*r->lastResponseStatus))
                                                       .trimmed()
                                                 : QString();
            if (!r->lastError.isEmpty())
                text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + r->lastError;
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        break;
    case Latency:
        if (role == Qt::DisplayRole)
            return r->lastLatencyMs ? latencyText(*r->lastLatencyMs) : QStringLiteral("—");
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case NB_COLUMNS:
        break;
    }
    return {};
}

QVariant DeliveryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole && (section == Attempts || section == Latency))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case EventType:
        return tr("Event");
    case Webhook:
        return tr("Webhook");
    case Attempts:
        return tr("Attempts");
    case Outcome:
        return tr("Outcome");
    case Response:
        return tr("Response");
    case Latency:
        return tr("Latency");
    case NB_COLUMNS:
        break;
    }
    return {};
}

QString DeliveryTableModel::statusText(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Pending:
        return tr("pending");
    case DeliveryStatus::InFlight:
        return tr("sending");
    case DeliveryStatus::RetryScheduled:
        return tr("retrying");
    case DeliveryStatus::Delivered:
        return tr("delivered");
    case DeliveryStatus::Failed:
        return tr("failed");
    case DeliveryStatus::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QString DeliveryTableModel::responseText(const std::optional<int> &status, const QString &error)
{
    if (status)
        return QString::number(*status);
    if (!error.isEmpty())
        return tr("no response");
    return QStringLiteral("—");
}

QString DeliveryTableModel::latencyText(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return tr("%1 min").arg(QLocale().toString(double(ms) / 60'000.0, 'f', 1));
}

QString DeliveryTableModel::timeText(qint64 atMs)
{
    // Exact and unambiguous: support staff compare it with a customer's logs.
    return QDateTime::fromMSecsSinceEpoch(atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QColor DeliveryTableModel::statusColor(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::Delivered:
        return QColor(0x2e, 0x9d, 0x4a);
    case DeliveryStatus::Failed:
        return QColor(0xd3, 0x3a, 0x2f);
    case DeliveryStatus::RetryScheduled:
        return QColor(0xe0, 0x9b, 0x1a);
    case DeliveryStatus::Pending:
    case DeliveryStatus::InFlight:
        return QColor(0x3b, 0x82, 0xd6);
    case DeliveryStatus::Cancelled:
        return QColor(0x9a, 0x9a, 0x9a);
    }
    return Qt::gray;
}

QIcon DeliveryTableModel::statusIcon(DeliveryStatus status)
{
    static QHash<int, QIcon> cache;
    const int key = int(status);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return it.value();
    QIcon icon;
    for (const int size : {12, 16, 24, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(statusColor(status));
        const qreal margin = size * 0.22;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    cache.insert(key, icon);
    return icon;
}

} // namespace hookline
