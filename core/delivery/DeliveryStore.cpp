#include "DeliveryStore.h"

#include "storage/Database.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

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

// A JSON string literal of `text`, escaped as QJsonDocument would.
void appendJsonString(QString &out, const QString &text)
{
    out.append(QLatin1Char('"'));
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        switch (c) {
        case u'"':
            out.append(QLatin1String("\\\""));
            break;
        case u'\\':
            out.append(QLatin1String("\\\\"));
            break;
        case u'\n':
            out.append(QLatin1String("\\n"));
            break;
        case u'\r':
            out.append(QLatin1String("\\r"));
            break;
        case u'\t':
            out.append(QLatin1String("\\t"));
            break;
        default:
            if (c < 0x20)
                out.append(QStringLiteral("\\u%1").arg(int(c), 4, 16, QLatin1Char('0')));
            else
                out.append(ch);
        }
    }
    out.append(QLatin1Char('"'));
}

// [["Name","value"],...]: written by hand, once per attempt, because QJsonDocument costs more
// than the rest of recording an attempt.
QString headersJson(const HeaderPairs &headers)
{
    QString out;
    out.reserve(32 + 48 * headers.size());
    out.append(QLatin1Char('['));
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (i > 0)
            out.append(QLatin1Char(','));
        out.append(QLatin1Char('['));
        appendJsonString(out, QString::fromLatin1(headers.at(i).first));
        out.append(QLatin1Char(','));
        appendJsonString(out, QString::fromUtf8(headers.at(i).second));
        out.append(QLatin1Char(']'));
    }
    out.append(QLatin1Char(']'));
    return out;
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

DeliveryStatus deliveryStatusAfter(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Delivered:
        return DeliveryStatus::Delivered;
    case AttemptOutcome::RetryScheduled:
        return DeliveryStatus::RetryScheduled;
    case AttemptOutcome::Cancelled:
        return DeliveryStatus::Cancelled;
    case AttemptOutcome::Failed:
    case AttemptOutcome::GaveUp:
        break;
    }
    return DeliveryStatus::Failed;
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
    // One index range scan per status, in due order, stopping at `limit`: a single query with
    // OR would collect (and sort) every due delivery, which makes each claim as slow as the
    // queue is long.
    struct Candidate {
        ClaimedDelivery delivery;
        qint64 dueAtMs = 0;
        bool expiredLease = false;
        qint64 claimedAtMs = 0;
        QString previousOwner;
    };
    QList<Candidate> candidates;
    const QString select = QStringLiteral(
        "SELECT d.id, d.event_id, d.event_type, d.webhook_id, d.attempts, d.is_test, e.body, "
        "w.timeout_s, d.updated_at, d.lease_owner, d.next_attempt_at "
        "FROM deliveries d INDEXED BY deliveries_due "
        "CROSS JOIN webhooks w ON w.id = d.webhook_id "
        "CROSS JOIN events e ON e.id = d.event_id "
        "WHERE d.status = ? AND %1 <= ? "
        "  AND (w.status = 'active' OR (d.is_test = 1 AND w.status = 'paused')) "
        "ORDER BY d.next_attempt_at LIMIT ?");
    const struct {
        const char *status;
        const char *dueColumn;
    } parts[] = {{"in_flight", "d.lease_until"},
                 {"retry_scheduled", "d.next_attempt_at"},
                 {"pending", "d.next_attempt_at"}};
    for (const auto &part : parts) {
        QSqlQuery q(c);
        q.prepare(select.arg(QLatin1String(part.dueColumn)));
        q.addBindValue(QString::fromLatin1(part.status));
        q.addBindValue(nowMs);
        q.addBindValue(limit);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("due delivery lookup"));
        const bool expired = qstrcmp(part.status, "in_flight") == 0;
        while (q.next()) {
            Candidate k;
            ClaimedDelivery &d = k.delivery;
            d.deliveryId = q.value(0).toString();
            d.eventId = q.value(1).toString();
            d.eventType = q.value(2).toString();
            d.webhookId = q.value(3).toString();
            d.attemptNo = q.value(4).toInt() + 1;
            d.isTest = q.value(5).toInt() != 0;
            d.body = q.value(6).toByteArray();
            d.leaseUntilMs = nowMs + q.value(7).toLongLong() * 1000 + leaseMarginMs;
            k.claimedAtMs = q.value(8).toLongLong();
            k.previousOwner = q.value(9).toString();
            k.dueAtMs = q.value(10).toLongLong();
            k.expiredLease = expired;
            candidates << k;
        }
    }
    // The earliest due first; on a tie, taken-over leases, then retries, then new deliveries.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.dueAtMs < b.dueAtMs; });
    if (candidates.size() > limit)
        candidates.resize(std::max(0, limit));

    QList<ClaimedDelivery> claimed;
    struct Interrupted {
        QString deliveryId;
        int attemptNo;
        qint64 claimedAtMs;
        QString owner;
    };
    QList<Interrupted> interrupted;
    for (const Candidate &k : std::as_const(candidates)) {
        if (m_options.logInterruptedAttempts && k.expiredLease)
            interrupted << Interrupted{k.delivery.deliveryId, k.delivery.attemptNo - 1,
                                       k.claimedAtMs, k.previousOwner};
        claimed << k.delivery;
    }

    if (!interrupted.isEmpty()) {
        QSqlQuery a(c);
        a.prepare(QStringLiteral(
            "INSERT INTO delivery_attempts(delivery_id, attempt_no, started_at, duration_ms, "
            "request_headers_json, error, outcome) VALUES(?, ?, ?, NULL, '[]', ?, 'failed')"));
        for (const Interrupted &i : std::as_const(interrupted)) {
            a.bindValue(0, i.deliveryId);
            a.bindValue(1, i.attemptNo);
            a.bindValue(2, i.claimedAtMs);
            a.bindValue(3, QStringLiteral("interrupted: the dispatcher %1 stopped before recording "
                                          "a result (its lease expired); the receiver may have "
                                          "got this attempt")
                               .arg(i.owner));
            if (!a.exec())
                return Database::queryError(a, QStringLiteral("interrupted attempt insert"));
        }
    }

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

    QSqlQuery attempt(c);
    attempt.prepare(QStringLiteral(
        "INSERT INTO delivery_attempts(delivery_id, attempt_no, started_at, duration_ms, "
        "request_headers_json, response_status, response_headers_json, response_body, "
        "response_truncated, error, outcome) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    // Applied only while this owner still holds the lease for this very attempt; otherwise the
    // lease expired, another dispatcher owns the delivery now, and the record is dropped.
    QSqlQuery delivery(c);
    delivery.prepare(QStringLiteral(
        "UPDATE deliveries SET status = ?, next_attempt_at = ?, lease_owner = NULL, "
        "lease_until = NULL, updated_at = ?, last_response_status = ?, last_latency_ms = ?, "
        "last_error = ? WHERE id = ? AND lease_owner = ? AND status = 'in_flight' "
        "AND attempts = ?"));
    QList<const AttemptRecord *> kept;
    for (const AttemptRecord &r : records) {
        const DeliveryStatus next = deliveryStatusAfter(r.outcome);
        delivery.bindValue(0, deliveryStatusName(next));
        delivery.bindValue(1, next == DeliveryStatus::RetryScheduled && r.nextAttemptAtMs
                                  ? QVariant(*r.nextAttemptAtMs)
                                  : nullInt());
        delivery.bindValue(2, nowMs);
        delivery.bindValue(3, r.responseStatus ? QVariant(*r.responseStatus) : nullInt());
        delivery.bindValue(4, r.durationMs);
        delivery.bindValue(5, r.error.isEmpty() ? nullText() : QVariant(r.error));
        delivery.bindValue(6, r.deliveryId);
        delivery.bindValue(7, owner);
        delivery.bindValue(8, r.attemptNo);
        if (!delivery.exec())
            return Database::queryError(delivery, QStringLiteral("delivery update"));
        if (delivery.numRowsAffected() != 1)
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
        kept << &r;
    }

    // Then what the attempts mean for their webhooks, in order.
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

    // A run of successes only needs the webhook row written once: the last one's time and
    // status, failures reset. It is written before the webhook's next failure (which counts
    // from zero again) or at the end.
    QHash<QString, const AttemptRecord *> lastSuccess;
    auto writeSuccess = [&](const QString &webhookId) -> Status {
        const AttemptRecord *r = lastSuccess.take(webhookId);
        if (!r)
            return {};
        // The webhook's last delivery: the HTTP status, or 0 when no response came back.
        webhook.bindValue(0, r->startedAtMs + r->durationMs);
        webhook.bindValue(1, r->responseStatus.value_or(0));
        webhook.bindValue(2, 1);
        webhook.bindValue(3, r->webhookId);
        if (!webhook.exec())
            return Database::queryError(webhook, QStringLiteral("webhook delivery update"));
        return {};
    };

    for (const AttemptRecord *record : std::as_const(kept)) {
        const AttemptRecord &r = *record;
        if (r.outcome == AttemptOutcome::Delivered) {
            lastSuccess.insert(r.webhookId, &r);
            continue;
        }
        if (r.outcome == AttemptOutcome::Cancelled)
            continue; // nothing was sent: the webhook's record and failure count stay as they are
        if (Status s = writeSuccess(r.webhookId); !s)
            return s.error();
        // The webhook's last delivery: the HTTP status, or 0 when no response came back.
        webhook.bindValue(0, r.startedAtMs + r.durationMs);
        webhook.bindValue(1, r.responseStatus.value_or(0));
        webhook.bindValue(2, 0);
        webhook.bindValue(3, r.webhookId);
        if (!webhook.exec())
            return Database::queryError(webhook, QStringLiteral("webhook delivery update"));

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
    for (const QString &webhookId : lastSuccess.keys()) {
        if (Status s = writeSuccess(webhookId); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    return changes;
}

namespace {

// The attempt was counted at claim time but never made: give the count back.
const QString kReleaseLease = QStringLiteral(
    "UPDATE deliveries SET status = CASE WHEN attempts > 1 THEN 'retry_scheduled' ELSE "
    "'pending' END, attempts = attempts - 1, lease_owner = NULL, lease_until = NULL, "
    "next_attempt_at = ?, updated_at = ? WHERE lease_owner = ? AND status = 'in_flight'");

} // namespace

Status DeliveryStore::releaseLeases(const QString &owner, qint64 nowMs)
{
    QSqlQuery q(m_db->connection());
    q.prepare(kReleaseLease);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(owner);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("lease release"));
    return {};
}

Status DeliveryStore::releaseLeases(const QString &owner, qint64 nowMs,
                                    const QStringList &deliveryIds)
{
    if (deliveryIds.isEmpty())
        return {};
    QSqlDatabase c = m_db->connection();
    WriteTransaction tx(c);
    if (!tx.begun())
        return busy();
    QSqlQuery q(c);
    q.prepare(kReleaseLease + QStringLiteral(" AND id = ?"));
    for (const QString &id : deliveryIds) {
        q.addBindValue(nowMs);
        q.addBindValue(nowMs);
        q.addBindValue(owner);
        q.addBindValue(id);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("lease release"));
    }
    return tx.commit();
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
