#include "DeliveryStore.h"

#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace hookline {

namespace {

struct StatusEntry {
    DeliveryStatus status;
    const char *name;
};
constexpr StatusEntry kStatuses[] = {
    {DeliveryStatus::Pending, "pending"},
    {DeliveryStatus::InFlight, "in_flight"},
    {DeliveryStatus::RetryScheduled, "retry_scheduled"},
    {DeliveryStatus::Delivered, "delivered"},
    {DeliveryStatus::Failed, "failed"},
    {DeliveryStatus::Cancelled, "cancelled"},
};

QVariant nullInt()
{
    return QVariant(QMetaType(QMetaType::LongLong));
}

QVariant nullText()
{
    return QVariant(QMetaType(QMetaType::QString));
}

QString headersJson(const HeaderPairs &headers)
{
    QJsonArray arr;
    for (const auto &[name, value] : headers)
        arr.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
    return QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Compact));
}

Error busy()
{
    return Error{ErrorCode::StorageError, QStringLiteral("db"),
                 QStringLiteral("The database is busy (another process holds its write lock); "
                                "try again.")};
}

} // namespace

QString deliveryStatusName(DeliveryStatus status)
{
    for (const auto &e : kStatuses)
        if (e.status == status)
            return QString::fromLatin1(e.name);
    return {};
}

std::optional<DeliveryStatus> deliveryStatusFromName(const QString &name)
{
    for (const auto &e : kStatuses)
        if (name == QLatin1String(e.name))
            return e.status;
    return std::nullopt;
}

QString attemptOutcomeName(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Delivered:
        return QStringLiteral("delivered");
    case AttemptOutcome::Failed:
        return QStringLiteral("failed");
    case AttemptOutcome::RetryScheduled:
        return QStringLiteral("retry_scheduled");
    case AttemptOutcome::GaveUp:
        return QStringLiteral("gave_up");
    case AttemptOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

DeliveryStore::DeliveryStore(std::shared_ptr<Database> db)
    : DeliveryStore(std::move(db), Options{})
{}

DeliveryStore::DeliveryStore(std::shared_ptr<Database> db, Options options)
    : m_db(std::move(db))
    , m_options(options)
{}

Result<EnqueuedEvent> DeliveryStore::enqueue(const OutgoingEvent &event,
                                             const QList<Webhook> &targets, qint64 nowMs,
                                             const EnqueueOptions &options)
{
    QSqlDatabase c = m_db->connection();
    WriteTransaction tx(c);
    if (!tx.begun())
        return busy();

    QSqlQuery e(c);
    e.prepare(QStringLiteral("INSERT INTO events(id, system_id, type, created_at, "
                             "resource_ids_json, uri, body) VALUES(?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT(id) DO NOTHING"));
    e.addBindValue(event.id);
    e.addBindValue(event.systemId);
    e.addBindValue(event.type);
    e.addBindValue(event.createdAtMs);
    e.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(event.resourceIds))
                                         .toJson(QJsonDocument::Compact)));
    e.addBindValue(event.uri.isNull() ? QStringLiteral("") : event.uri);
    e.addBindValue(event.body());
    if (!e.exec())
        return Database::queryError(e, QStringLiteral("event insert"));

    EnqueuedEvent out;
    out.event = event;
    QSqlQuery d(c);
    d.prepare(QStringLiteral(
        "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, webhook_name, "
        "is_test, status, attempts, next_attempt_at, replay_of, created_at, updated_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)"));
    for (const Webhook &w : targets) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        d.bindValue(0, id);
        d.bindValue(1, event.id);
        d.bindValue(2, event.type);
        d.bindValue(3, event.systemId);
        d.bindValue(4, w.id);
        d.bindValue(5, w.name);
        d.bindValue(6, options.isTest ? 1 : 0);
        d.bindValue(7, nowMs);
        d.bindValue(8, options.replayOf.isEmpty() ? nullText() : QVariant(options.replayOf));
        d.bindValue(9, nowMs);
        d.bindValue(10, nowMs);
        if (!d.exec())
            return Database::queryError(d, QStringLiteral("delivery insert"));
        out.deliveryIds << id;
        out.webhookIds << w.id;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return out;
}

Result<QList<ClaimedDelivery>> DeliveryStore::claimDue(const QString &owner, qint64 nowMs,
                                                       int limit, qint64 leaseMarginMs)
{
    QSqlDatabase c = m_db->connection();
    WriteTransaction tx(c);
    if (!tx.begun())
        return busy();

    // Queued deliveries of active webhooks whose time has come, and in-flight ones whose lease
    // ran out because the dispatcher holding them died. Paused webhooks keep theirs queued.
    QSqlQuery q(c);
    q.prepare(QStringLiteral(
        "SELECT d.id, d.event_id, d.event_type, d.webhook_id, d.attempts, d.is_test, e.body, "
        "w.timeout_s "
        "FROM deliveries d JOIN events e ON e.id = d.event_id "
        "JOIN webhooks w ON w.id = d.webhook_id "
        "WHERE ((d.status IN ('pending', 'retry_scheduled') AND d.next_attempt_at <= ?) "
        "    OR (d.status = 'in_flight' AND d.lease_until <= ?)) "
        "  AND (w.status = 'active' OR (d.is_test = 1 AND w.status = 'paused')) "
        "ORDER BY d.next_attempt_at, d.id LIMIT ?"));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(limit);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("due delivery lookup"));
    QList<ClaimedDelivery> claimed;
    while (q.next()) {
        ClaimedDelivery d;
        d.deliveryId = q.value(0).toString();
        d.eventId = q.value(1).toString();
        d.eventType = q.value(2).toString();
        d.webhookId = q.value(3).toString();
        d.attemptNo = q.value(4).toInt() + 1;
        d.isTest = q.value(5).toInt() != 0;
        d.body = q.value(6).toByteArray();
        d.leaseUntilMs = nowMs + q.value(7).toLongLong() * 1000 + leaseMarginMs;
        claimed << d;
    }
    q.finish();

    QSqlQuery u(c);
    u.prepare(QStringLiteral("UPDATE deliveries SET status = 'in_flight', lease_owner = ?, "
                             "lease_until = ?, attempts = ?, updated_at = ? WHERE id = ?"));
    for (const ClaimedDelivery &d : std::as_const(claimed)) {
        u.bindValue(0, owner);
        u.bindValue(1, d.leaseUntilMs);
        u.bindValue(2, d.attemptNo);
        u.bindValue(3, nowMs);
        u.bindValue(4, d.deliveryId);
        if (!u.exec())
            return Database::queryError(u, QStringLiteral("delivery claim"));
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return claimed;
}

Result<QList<WebhookStatusChange>>
DeliveryStore::recordAttempts(const QString &owner, const QList<AttemptRecord> &records,
                              qint64 nowMs)
{
    QList<WebhookStatusChange> changes;
    if (records.isEmpty())
        return changes;
    QSqlDatabase c = m_db->connection();
    WriteTransaction tx(c);
    if (!tx.begun())
        return busy();

    QSqlQuery own(c);
    own.prepare(QStringLiteral("SELECT status FROM deliveries WHERE id = ? AND lease_owner = ? "
                               "AND status = 'in_flight' AND attempts = ?"));
    QSqlQuery attempt(c);
    attempt.prepare(QStringLiteral(
        "INSERT INTO delivery_attempts(delivery_id, attempt_no, started_at, duration_ms, "
        "request_headers_json, response_status, response_headers_json, response_body, "
        "response_truncated, error, outcome) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery delivery(c);
    delivery.prepare(QStringLiteral(
        "UPDATE deliveries SET status = ?, next_attempt_at = ?, lease_owner = NULL, "
        "lease_until = NULL, updated_at = ?, last_response_status = ?, last_latency_ms = ?, "
        "last_error = ? WHERE id = ?"));
    QSqlQuery webhook(c);
    webhook.prepare(QStringLiteral(
        "UPDATE webhooks SET last_delivery_at = ?, last_delivery_status = ?, "
        "consecutive_failures = CASE WHEN ? THEN 0 ELSE consecutive_failures + 1 END "
        "WHERE id = ?"));
    QSqlQuery failures(c);
    failures.prepare(
        QStringLiteral("SELECT consecutive_failures, status FROM webhooks WHERE id = ?"));
    QSqlQuery setStatus(c);
    setStatus.prepare(QStringLiteral(
        "UPDATE webhooks SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?"));
    QSqlQuery cancel(c);
    cancel.prepare(QStringLiteral(
        "UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = ?, "
        "last_error = ? WHERE webhook_id = ? AND status IN ('pending', 'retry_scheduled')"));

    for (const AttemptRecord &r : records) {
        own.bindValue(0, r.deliveryId);
        own.bindValue(1, owner);
        own.bindValue(2, r.attemptNo);
        if (!own.exec())
            return Database::queryError(own, QStringLiteral("lease check"));
        const bool stillOurs = own.next();
        own.finish();
        if (!stillOurs)
            continue; // the lease expired and another dispatcher owns this delivery now

        attempt.bindValue(0, r.deliveryId);
        attempt.bindValue(1, r.attemptNo);
        attempt.bindValue(2, r.startedAtMs);
        attempt.bindValue(3, r.durationMs);
        attempt.bindValue(4, headersJson(r.requestHeaders));
        attempt.bindValue(5, r.responseStatus ? QVariant(*r.responseStatus) : nullInt());
        attempt.bindValue(6,
                          r.responseStatus ? QVariant(headersJson(r.responseHeaders)) : nullText());
        attempt.bindValue(7, r.responseStatus ? QVariant(r.responseBody)
                                              : QVariant(QMetaType(QMetaType::QByteArray)));
        attempt.bindValue(8, r.responseTruncated ? 1 : 0);
        attempt.bindValue(9, r.error.isEmpty() ? nullText() : QVariant(r.error));
        attempt.bindValue(10, attemptOutcomeName(r.outcome));
        if (!attempt.exec())
            return Database::queryError(attempt, QStringLiteral("attempt insert"));

        DeliveryStatus next = DeliveryStatus::Failed;
        switch (r.outcome) {
        case AttemptOutcome::Delivered:
            next = DeliveryStatus::Delivered;
            break;
        case AttemptOutcome::RetryScheduled:
            next = DeliveryStatus::RetryScheduled;
            break;
        case AttemptOutcome::Cancelled:
            next = DeliveryStatus::Cancelled;
            break;
        case AttemptOutcome::Failed:
        case AttemptOutcome::GaveUp:
            next = DeliveryStatus::Failed;
            break;
        }
        const bool delivered = r.outcome == AttemptOutcome::Delivered;
        delivery.bindValue(0, deliveryStatusName(next));
        delivery.bindValue(1, next == DeliveryStatus::RetryScheduled && r.nextAttemptAtMs
                                  ? QVariant(*r.nextAttemptAtMs)
                                  : nullInt());
        delivery.bindValue(2, nowMs);
        delivery.bindValue(3, r.responseStatus ? QVariant(*r.responseStatus) : nullInt());
        delivery.bindValue(4, r.durationMs);
        delivery.bindValue(5, r.error.isEmpty() ? nullText() : QVariant(r.error));
        delivery.bindValue(6, r.deliveryId);
        if (!delivery.exec())
            return Database::queryError(delivery, QStringLiteral("delivery update"));

        // The webhook's last delivery: the HTTP status, or 0 when no response came back.
        webhook.bindValue(0, r.startedAtMs + r.durationMs);
        webhook.bindValue(1, r.responseStatus.value_or(0));
        webhook.bindValue(2, delivered ? 1 : 0);
        webhook.bindValue(3, r.webhookId);
        if (!webhook.exec())
            return Database::queryError(webhook, QStringLiteral("webhook delivery update"));
        if (delivered)
            continue;

        failures.bindValue(0, r.webhookId);
        if (!failures.exec())
            return Database::queryError(failures, QStringLiteral("failure count"));
        if (!failures.next())
            continue; // the webhook was deleted meanwhile
        const int consecutive = failures.value(0).toInt();
        const QString current = failures.value(1).toString();
        failures.finish();
        const QString what =
            r.responseStatus ? QStringLiteral("HTTP %1").arg(*r.responseStatus) : r.error;

        WebhookStatusChange change;
        change.webhookId = r.webhookId;
        if (r.responseStatus && *r.responseStatus == 410) {
            change.status = WebhookStatus::Disabled;
            change.reason = QStringLiteral("Disabled: the endpoint answered 410 Gone");
        } else if (r.isTest && current == QLatin1String("active")) {
            change.status = WebhookStatus::Paused;
            change.reason = QStringLiteral("Paused: the test delivery failed (%1)").arg(what);
        } else if (m_options.autoPauseAfterFailures > 0 &&
                   consecutive >= m_options.autoPauseAfterFailures &&
                   current == QLatin1String("active")) {
            change.status = WebhookStatus::Paused;
            change.reason = QStringLiteral("Paused after %1 failed attempts in a row (last: %2)")
                                .arg(consecutive)
                                .arg(what);
        } else {
            continue;
        }
        if (current == statusName(change.status))
            continue;
        setStatus.bindValue(0, statusName(change.status));
        setStatus.bindValue(1, change.reason);
        setStatus.bindValue(2, nowMs);
        setStatus.bindValue(3, r.webhookId);
        if (!setStatus.exec())
            return Database::queryError(setStatus, QStringLiteral("webhook pause"));
        if (change.status == WebhookStatus::Disabled) {
            cancel.bindValue(0, nowMs);
            cancel.bindValue(1, QStringLiteral("webhook disabled (410 Gone)"));
            cancel.bindValue(2, r.webhookId);
            if (!cancel.exec())
                return Database::queryError(cancel, QStringLiteral("delivery cancel"));
        }
        changes << change;
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

Status DeliveryStore::releaseLeases(const QString &owner, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    // The attempt was counted at claim time but never made: give the count back.
    q.prepare(QStringLiteral("UPDATE deliveries SET status = CASE WHEN attempts > 1 THEN "
                             "'retry_scheduled' ELSE 'pending' END, attempts = attempts - 1, "
                             "lease_owner = NULL, lease_until = NULL, next_attempt_at = ?, "
                             "updated_at = ? WHERE lease_owner = ? AND status = 'in_flight'"));
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(owner);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("lease release"));
    return {};
}

Result<std::optional<qint64>> DeliveryStore::nextDueAtMs(qint64 nowMs)
{
    Q_UNUSED(nowMs);
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral(
            "SELECT MIN(t) FROM ("
            " SELECT MIN(d.next_attempt_at) AS t FROM deliveries d JOIN webhooks w ON w.id = "
            " d.webhook_id WHERE d.status IN ('pending', 'retry_scheduled') AND (w.status = "
            " 'active' OR (d.is_test = 1 AND w.status = 'paused'))"
            " UNION ALL"
            " SELECT MIN(lease_until) AS t FROM deliveries WHERE status = 'in_flight')")))
        return Database::queryError(q, QStringLiteral("next due lookup"));
    if (!q.next() || q.isNull(0))
        return std::optional<qint64>();
    return std::optional<qint64>(q.value(0).toLongLong());
}

Result<QueueStats> DeliveryStore::stats(qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "SELECT "
        " (SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'retry_scheduled')),"
        " (SELECT COUNT(*) FROM deliveries WHERE status = 'in_flight'),"
        " (SELECT COUNT(*) FROM delivery_attempts WHERE started_at >= ? AND outcome = 'delivered'),"
        " (SELECT COUNT(*) FROM delivery_attempts WHERE started_at >= ? AND outcome <> "
        "'delivered')"));
    q.addBindValue(nowMs - 60'000);
    q.addBindValue(nowMs - 60'000);
    if (!q.exec() || !q.next())
        return Database::queryError(q, QStringLiteral("queue statistics"));
    QueueStats s;
    s.queued = q.value(0).toInt();
    s.inFlight = q.value(1).toInt();
    s.deliveredLastMinute = q.value(2).toInt();
    s.failedLastMinute = q.value(3).toInt();
    return s;
}

} // namespace hookline
