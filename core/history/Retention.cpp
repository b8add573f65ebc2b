#include "Retention.h"

#include "history/DeliveryQuery.h"
#include "storage/Database.h"

#include <QSet>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <limits>

namespace hookline {

namespace {

constexpr qint64 kDayMs = 86'400'000;

QString placeholders(qsizetype n)
{
    QStringList marks;
    marks.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(QStringLiteral(", "));
}

Error busy()
{
    return Error{ErrorCode::StorageError, QStringLiteral("db"),
                 QStringLiteral("The database is busy (another process holds its write lock); "
                                "try again.")};
}

bool cancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load();
}

} // namespace

Retention::Retention(std::shared_ptr<Database> db, const Clock *clock)
    : m_db(std::move(db))
    , m_clock(clock ? clock : SystemClock::instance())
{}

Result<PruneResult> Retention::prune(const RetentionPolicy &policy, const std::atomic<bool> *cancel,
                                     const std::function<void(const PruneResult &)> &progress)
{
    if (!policy.keepDays && !policy.keepCount)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("days"),
                     QStringLiteral("Say what to keep: a number of days (--days) or of deliveries "
                                    "(--keep).")};
    if (policy.keepDays && *policy.keepDays < 0)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("days"),
                     QStringLiteral("--days must be 0 or more.")};
    if (policy.keepCount && *policy.keepCount < 0)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("keep"),
                     QStringLiteral("--keep must be 0 or more.")};
    const int batch = std::max(1, policy.batchSize);
    const qint64 now = m_clock->nowMs();
    QSqlDatabase c = m_db->connection();
    PruneResult result;

    // Everything strictly older than this key goes (if finished).
    std::optional<DeliveryCursor> boundary;
    const auto later = [&boundary](const DeliveryCursor &key) {
        if (!boundary || boundary->olderThan(key))
            boundary = key;
    };
    if (policy.keepDays)
        later(DeliveryCursor{now - qint64(*policy.keepDays) * kDayMs, QString()});
    if (policy.keepCount) {
        if (*policy.keepCount == 0) {
            later(DeliveryCursor{std::numeric_limits<qint64>::max(), QString()});
        } else {
            // One index walk over the rows kept, once per prune (not a paging OFFSET).
            QSqlQuery q(c);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT created_at, id FROM deliveries "
                                     "ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?"));
            q.addBindValue(*policy.keepCount - 1);
            if (!q.exec())
                return Database::queryError(q, QStringLiteral("retention boundary"));
            if (q.next())
                later(DeliveryCursor{q.value(0).toLongLong(), q.value(1).toString()});
            q.finish();
        }
    }

    std::optional<DeliveryCursor> after;
    while (boundary) {
        if (cancelled(cancel)) {
            result.cancelled = true;
            return result;
        }
        // "+" keeps SQLite on the time index (oldest first) rather than the status index.
        QSqlQuery q(c);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT d.id, d.event_id, d.created_at FROM deliveries d "
                                 "WHERE (d.created_at, d.id) < (?, ?) ") +
                  (after ? QStringLiteral("AND (d.created_at, d.id) > (?, ?) ") : QString()) +
                  QStringLiteral("AND +d.status IN ('delivered', 'failed', 'cancelled') "
                                 "ORDER BY d.created_at, d.id LIMIT ?"));
        q.addBindValue(boundary->createdAtMs);
        // "" (not a null QString, which binds as NULL) sorts before every id.
        q.addBindValue(boundary->id.isEmpty() ? QStringLiteral("") : boundary->id);
        if (after) {
            q.addBindValue(after->createdAtMs);
            q.addBindValue(after->id);
        }
        q.addBindValue(batch);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("retention scan"));
        QStringList ids;
        QSet<QString> eventIds;
        while (q.next()) {
            ids << q.value(0).toString();
            eventIds.insert(q.value(1).toString());
            after = DeliveryCursor{q.value(2).toLongLong(), q.value(0).toString()};
        }
        q.finish();
        if (ids.isEmpty())
            break;

        WriteTransaction tx(c);
        if (!tx.begun())
            return busy();
        const QString in = placeholders(ids.size());
        QSqlQuery a(c);
        a.prepare(QStringLiteral("DELETE FROM delivery_attempts WHERE delivery_id IN (") + in +
                  QLatin1Char(')'));
        for (const QString &id : std::as_const(ids))
            a.addBindValue(id);
        if (!a.exec())
            return Database::queryError(a, QStringLiteral("attempt pruning"));
        // QSQLITE reports the connection's last statement: read each count at once.
        const qint64 attempts = a.numRowsAffected();
        QSqlQuery d(c);
        d.prepare(QStringLiteral("DELETE FROM deliveries WHERE id IN (") + in +
                  QStringLiteral(") AND status IN ('delivered', 'failed', 'cancelled')"));
        for (const QString &id : std::as_const(ids))
            d.addBindValue(id);
        if (!d.exec())
            return Database::queryError(d, QStringLiteral("delivery pruning"));
        const qint64 deliveries = d.numRowsAffected();
        QSqlQuery e(c);
        e.prepare(QStringLiteral("DELETE FROM events WHERE id IN (") +
                  placeholders(eventIds.size()) +
                  QStringLiteral(") AND NOT EXISTS (SELECT 1 FROM deliveries x "
                                 "WHERE x.event_id = events.id)"));
        for (const QString &id : std::as_const(eventIds))
            e.addBindValue(id);
        if (!e.exec())
            return Database::queryError(e, QStringLiteral("event pruning"));
        const qint64 events = e.numRowsAffected();
        if (Status s = tx.commit(); !s)
            return s.error();
        result.attempts += attempts;
        result.deliveries += deliveries;
        result.events += events;
        ++result.batches;
        if (progress)
            progress(result);
        if (ids.size() < batch)
            break;
    }

    // Events no delivery refers to (all of theirs pruned earlier, or sent to nobody) that are
    // older than the boundary: one pass in rowid order.
    if (boundary) {
        qint64 afterRowid = 0;
        for (;;) {
            if (cancelled(cancel)) {
                result.cancelled = true;
                return result;
            }
            QSqlQuery q(c);
            q.setForwardOnly(true);
            q.prepare(QStringLiteral("SELECT rowid, id FROM events WHERE rowid > ? AND "
                                     "created_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries x "
                                     "WHERE x.event_id = events.id) ORDER BY rowid LIMIT ?"));
            q.addBindValue(afterRowid);
            q.addBindValue(boundary->createdAtMs);
            q.addBindValue(batch);
            if (!q.exec())
                return Database::queryError(q, QStringLiteral("orphan event scan"));
            QStringList ids;
            while (q.next()) {
                afterRowid = q.value(0).toLongLong();
                ids << q.value(1).toString();
            }
            q.finish();
            if (ids.isEmpty())
                break;
            WriteTransaction tx(c);
            if (!tx.begun())
                return busy();
            QSqlQuery e(c);
            e.prepare(QStringLiteral("DELETE FROM events WHERE id IN (") +
                      placeholders(ids.size()) +
                      QStringLiteral(") AND NOT EXISTS (SELECT 1 FROM deliveries x "
                                     "WHERE x.event_id = events.id)"));
            for (const QString &id : std::as_const(ids))
                e.addBindValue(id);
            if (!e.exec())
                return Database::queryError(e, QStringLiteral("orphan event pruning"));
            const qint64 events = e.numRowsAffected();
            if (Status s = tx.commit(); !s)
                return s.error();
            result.events += events;
            ++result.batches;
            if (progress)
                progress(result);
            if (ids.size() < batch)
                break;
        }
    }

    if (policy.keepDays) {
        // Span by span (received_spans, see migration 5 in Database.cpp), oldest first: a span
        // wholly older than the cutoff goes with its rows; one that straddles it loses its older
        // rows (a scan of at most one recorder transaction's ids) and keeps the rest. Spans are
        // taken a few hundred at a time and committed about `batch` rows at a time.
        const qint64 cutoff = now - qint64(*policy.keepDays) * kDayMs;
        struct Span {
            QString receiver;
            qint64 lastId = 0;
            qint64 firstId = 0;
            bool whole = false;
        };
        for (;;) {
            QList<Span> spans;
            {
                QSqlQuery next(c);
                next.setForwardOnly(true);
                next.prepare(QStringLiteral(
                    "SELECT receiver_id, last_id, first_id, last_at FROM received_spans "
                    "WHERE first_at < ? ORDER BY first_at LIMIT 256"));
                next.addBindValue(cutoff);
                if (!next.exec())
                    return Database::queryError(next, QStringLiteral("received request pruning"));
                while (next.next())
                    spans.append({next.value(0).toString(), next.value(1).toLongLong(),
                                  next.value(2).toLongLong(), next.value(3).toLongLong() < cutoff});
            }
            if (spans.isEmpty())
                break;
            for (qsizetype at = 0; at < spans.size();) {
                if (cancelled(cancel)) {
                    result.cancelled = true;
                    return result;
                }
                WriteTransaction tx(c);
                if (!tx.begun())
                    return busy();
                qint64 pruned = 0;
                for (; at < spans.size() && pruned < batch; ++at) {
                    const Span &span = spans.at(at);
                    QSqlQuery r(c);
                    r.prepare(QStringLiteral("DELETE FROM received_requests WHERE id BETWEEN ? AND "
                                             "? AND receiver_id = ? AND received_at < ?"));
                    r.addBindValue(span.firstId);
                    r.addBindValue(span.lastId);
                    r.addBindValue(span.receiver);
                    r.addBindValue(cutoff);
                    if (!r.exec())
                        return Database::queryError(r, QStringLiteral("received request pruning"));
                    const qint64 n = r.numRowsAffected();
                    QSqlQuery update(c);
                    if (span.whole) {
                        update.prepare(QStringLiteral(
                            "DELETE FROM received_spans WHERE receiver_id = ? AND last_id = ?"));
                    } else {
                        // Every row left in it is at or after the cutoff.
                        update.prepare(QStringLiteral(
                            "UPDATE received_spans SET rows = MAX(rows - ?, 0), first_at = ? "
                            "WHERE receiver_id = ? AND last_id = ?"));
                        update.addBindValue(n);
                        update.addBindValue(cutoff);
                    }
                    update.addBindValue(span.receiver);
                    update.addBindValue(span.lastId);
                    if (!update.exec())
                        return Database::queryError(update,
                                                    QStringLiteral("received request pruning"));
                    pruned += n;
                }
                if (Status s = tx.commit(); !s)
                    return s.error();
                if (pruned > 0) {
                    result.receivedRequests += pruned;
                    ++result.batches;
                    if (progress)
                        progress(result);
                }
            }
        }
    }
    return result;
}

} // namespace hookline
