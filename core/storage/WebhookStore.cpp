#include "WebhookStore.h"

#include "Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

namespace hookline {

namespace {

const QString kSelectColumns = QStringLiteral(
    "SELECT id, system_id, name, url, description, headers_json, auth_type, auth_sealed, "
    "timeout_s, "
    "retry_attempts, scheme, status, status_reason, local_testing, created_at, updated_at, "
    "last_delivery_at, last_delivery_status, secret_prefix, pinned_cert_sha256 FROM webhooks");

QString headersToJson(const HeaderList &headers)
{
    QJsonArray arr;
    for (const auto &[name, value] : headers)
        arr.append(QJsonArray{name, value});
    return QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Compact));
}

HeaderList headersFromJson(const QString &json)
{
    HeaderList headers;
    const QJsonArray arr = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : arr) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2)
            headers.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return headers;
}

// QtSql binds a null QString as SQL NULL; text columns here are NOT NULL.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant nullableInt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

StoredWebhook rowToWebhook(const QSqlQuery &q)
{
    StoredWebhook row;
    Webhook &w = row.webhook;
    w.id = q.value(0).toString();
    w.systemId = q.value(1).toString();
    w.name = q.value(2).toString();
    w.url = q.value(3).toString();
    w.description = q.value(4).toString();
    w.headers = headersFromJson(q.value(5).toString());
    w.auth.type = authTypeFromName(q.value(6).toString()).value_or(AuthType::None);
    row.authSealed = q.value(7).toByteArray();
    w.timeoutSeconds = q.value(8).toInt();
    w.retryAttempts = q.value(9).toInt();
    w.scheme = schemeFromName(q.value(10).toString()).value_or(SignatureScheme::XWebhookSignature);
    w.status = statusFromName(q.value(11).toString()).value_or(WebhookStatus::Disabled);
    w.statusReason = q.value(12).toString();
    w.localTesting = q.value(13).toInt() != 0;
    w.createdAtMs = q.value(14).toLongLong();
    w.updatedAtMs = q.value(15).toLongLong();
    if (!q.isNull(16))
        w.lastDeliveryAtMs = q.value(16).toLongLong();
    if (!q.isNull(17))
        w.lastDeliveryStatus = q.value(17).toInt();
    w.signingSecretPrefix = q.value(18).toString();
    w.pinnedCertSha256 = q.value(19).toString();
    return row;
}

} // namespace

WebhookStore::WebhookStore(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{}

Result<QList<StoredWebhook>> WebhookStore::list(const QString &systemId) const
{
    QSqlDatabase c = m_db->connection();
    QSqlQuery q(c);
    q.setForwardOnly(true);
    if (systemId.isEmpty()) {
        q.prepare(kSelectColumns + QStringLiteral(" ORDER BY created_at, id"));
    } else {
        q.prepare(kSelectColumns + QStringLiteral(" WHERE system_id = ? ORDER BY created_at, id"));
        q.addBindValue(systemId);
    }
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook list"));
    QList<StoredWebhook> rows;
    QHash<QString, qsizetype> byId;
    while (q.next()) {
        byId.insert(q.value(0).toString(), rows.size());
        rows << rowToWebhook(q);
    }
    QSqlQuery e(c);
    e.setForwardOnly(true);
    if (!e.exec(QStringLiteral("SELECT webhook_id, event_type FROM webhook_events ORDER BY rowid")))
        return Database::queryError(e, QStringLiteral("webhook events"));
    while (e.next()) {
        const auto it = byId.constFind(e.value(0).toString());
        if (it != byId.cend())
            rows[*it].webhook.events << e.value(1).toString();
    }
    return rows;
}

Result<std::optional<StoredWebhook>> WebhookStore::find(const QString &id) const
{
    QSqlDatabase c = m_db->connection();
    QSqlQuery q(c);
    q.prepare(kSelectColumns + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook lookup"));
    if (!q.next())
        return std::optional<StoredWebhook>();
    StoredWebhook row = rowToWebhook(q);
    QSqlQuery e(c);
    e.prepare(QStringLiteral(
        "SELECT event_type FROM webhook_events WHERE webhook_id = ? ORDER BY rowid"));
    e.addBindValue(id);
    if (!e.exec())
        return Database::queryError(e, QStringLiteral("webhook events"));
    while (e.next())
        row.webhook.events << e.value(0).toString();
    return std::optional<StoredWebhook>(row);
}

Result<QStringList> WebhookStore::idsWithPrefix(const QString &prefix) const
{
    QSqlQuery q(m_db->connection());
    // Range scan instead of LIKE so '%' or '_' typed by a person match literally.
    q.prepare(
        QStringLiteral("SELECT id FROM webhooks WHERE id >= ? AND id < ? ORDER BY id LIMIT 10"));
    q.addBindValue(prefix);
    q.addBindValue(QString(prefix + QChar(0xFFFF)));
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook lookup"));
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

Result<QString> WebhookStore::eventAtLimit(const QString &systemId, const QStringList &events,
                                           int limit, const QString &exceptWebhookId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("SELECT COUNT(*) FROM webhook_events WHERE system_id = ? AND event_type = ? "
                       "AND webhook_id <> ?"));
    for (const QString &event : events) {
        q.bindValue(0, systemId);
        q.bindValue(1, event);
        q.bindValue(2, text(exceptWebhookId));
        if (!q.exec() || !q.next())
            return Database::queryError(q, QStringLiteral("limit check"));
        if (q.value(0).toInt() >= limit)
            return event;
    }
    return QString();
}

namespace {
Status insertEvents(QSqlDatabase &c, const Webhook &w)
{
    QSqlQuery q(c);
    q.prepare(QStringLiteral(
        "INSERT INTO webhook_events(webhook_id, system_id, event_type) VALUES(?, ?, ?)"));
    for (const QString &event : w.events) {
        q.addBindValue(w.id);
        q.addBindValue(text(w.systemId));
        q.addBindValue(event);
        if (!q.exec())
            return Database::queryError(q, QStringLiteral("subscription insert"));
    }
    return {};
}

Status insertSecret(QSqlDatabase &c, const QString &webhookId, const StoredSecret &s)
{
    QSqlQuery q(c);
    q.prepare(QStringLiteral(
        "INSERT INTO webhook_secrets(webhook_id, sealed, prefix, created_at, expires_at) "
        "VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(webhookId);
    q.addBindValue(s.sealed);
    q.addBindValue(text(s.prefix));
    q.addBindValue(s.createdAtMs);
    q.addBindValue(nullableInt(s.expiresAtMs));
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("secret insert"));
    return {};
}
} // namespace

Status WebhookStore::insert(const StoredWebhook &row, const StoredSecret &secret) const
{
    QSqlDatabase c = m_db->connection();
    const Webhook &w = row.webhook;
    QSqlQuery q(c);
    q.prepare(
        QStringLiteral("INSERT INTO webhooks(id, system_id, name, url, description, headers_json, "
                       "auth_type, auth_sealed, "
                       "timeout_s, retry_attempts, scheme, status, status_reason, local_testing, "
                       "created_at, updated_at, "
                       "last_delivery_at, last_delivery_status, secret_prefix, pinned_cert_sha256) "
                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)"));
    q.addBindValue(w.id);
    q.addBindValue(text(w.systemId));
    q.addBindValue(text(w.name));
    q.addBindValue(text(w.url));
    q.addBindValue(text(w.description));
    q.addBindValue(headersToJson(w.headers));
    q.addBindValue(authTypeName(w.auth.type));
    q.addBindValue(row.authSealed.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                            : QVariant(row.authSealed));
    q.addBindValue(w.timeoutSeconds);
    q.addBindValue(w.retryAttempts);
    q.addBindValue(schemeName(w.scheme));
    q.addBindValue(statusName(w.status));
    q.addBindValue(text(w.statusReason));
    q.addBindValue(w.localTesting ? 1 : 0);
    q.addBindValue(w.createdAtMs);
    q.addBindValue(w.updatedAtMs);
    q.addBindValue(text(w.signingSecretPrefix));
    q.addBindValue(text(w.pinnedCertSha256));
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook insert"));
    if (Status s = insertEvents(c, w); !s)
        return s;
    return insertSecret(c, w.id, secret);
}

Status WebhookStore::update(const StoredWebhook &row) const
{
    QSqlDatabase c = m_db->connection();
    const Webhook &w = row.webhook;
    QSqlQuery q(c);
    q.prepare(QStringLiteral(
        "UPDATE webhooks SET system_id = ?, name = ?, url = ?, description = ?, headers_json = ?, "
        "auth_type = ?, auth_sealed = ?, timeout_s = ?, retry_attempts = ?, scheme = ?, "
        "local_testing = ?, pinned_cert_sha256 = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(text(w.systemId));
    q.addBindValue(text(w.name));
    q.addBindValue(text(w.url));
    q.addBindValue(text(w.description));
    q.addBindValue(headersToJson(w.headers));
    q.addBindValue(authTypeName(w.auth.type));
    q.addBindValue(row.authSealed.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                            : QVariant(row.authSealed));
    q.addBindValue(w.timeoutSeconds);
    q.addBindValue(w.retryAttempts);
    q.addBindValue(schemeName(w.scheme));
    q.addBindValue(w.localTesting ? 1 : 0);
    q.addBindValue(text(w.pinnedCertSha256));
    q.addBindValue(w.updatedAtMs);
    q.addBindValue(w.id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook update"));
    QSqlQuery d(c);
    d.prepare(QStringLiteral("DELETE FROM webhook_events WHERE webhook_id = ?"));
    d.addBindValue(w.id);
    if (!d.exec())
        return Database::queryError(d, QStringLiteral("subscription update"));
    return insertEvents(c, w);
}

Status WebhookStore::setStatus(const QString &id, WebhookStatus status, const QString &reason,
                               qint64 nowMs) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "UPDATE webhooks SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(statusName(status));
    q.addBindValue(text(reason));
    q.addBindValue(nowMs);
    q.addBindValue(id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("status update"));
    return {};
}

Status WebhookStore::recordDelivery(const QString &id, qint64 atMs, int status) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "UPDATE webhooks SET last_delivery_at = ?, last_delivery_status = ? WHERE id = ?"));
    q.addBindValue(atMs);
    q.addBindValue(status);
    q.addBindValue(id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("delivery status update"));
    return {};
}

Status WebhookStore::cancelPendingDeliveries(const QString &webhookId, qint64 nowMs,
                                             const QString &reason) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, "
        "lease_owner = NULL, lease_until = NULL, updated_at = ?, last_error = ? "
        "WHERE webhook_id = ? AND status IN ('pending', 'in_flight', 'retry_scheduled')"));
    q.addBindValue(nowMs);
    q.addBindValue(text(reason));
    q.addBindValue(webhookId);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("delivery cancel"));
    return {};
}

Status WebhookStore::remove(const QString &id, qint64 nowMs) const
{
    if (Status s = cancelPendingDeliveries(id, nowMs, QStringLiteral("webhook deleted")); !s)
        return s;
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("DELETE FROM webhooks WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("webhook delete"));
    return {};
}

Result<QList<StoredSecret>> WebhookStore::secrets(const QString &webhookId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("SELECT id, sealed, prefix, created_at, expires_at FROM webhook_secrets "
                       "WHERE webhook_id = ? ORDER BY created_at DESC, id DESC"));
    q.addBindValue(webhookId);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("secret lookup"));
    QList<StoredSecret> out;
    while (q.next()) {
        StoredSecret s;
        s.id = q.value(0).toLongLong();
        s.sealed = q.value(1).toByteArray();
        s.prefix = q.value(2).toString();
        s.createdAtMs = q.value(3).toLongLong();
        if (!q.isNull(4))
            s.expiresAtMs = q.value(4).toLongLong();
        out << s;
    }
    return out;
}

Status WebhookStore::rotate(const QString &webhookId, const StoredSecret &secret,
                            qint64 previousExpiresAtMs, qint64 nowMs) const
{
    QSqlDatabase c = m_db->connection();
    QSqlQuery drop(c);
    drop.prepare(QStringLiteral(
        "DELETE FROM webhook_secrets WHERE webhook_id = ? AND expires_at IS NOT NULL "
        "AND expires_at <= ?"));
    drop.addBindValue(webhookId);
    drop.addBindValue(nowMs);
    if (!drop.exec())
        return Database::queryError(drop, QStringLiteral("expired secret cleanup"));
    QSqlQuery expire(c);
    expire.prepare(QStringLiteral(
        "UPDATE webhook_secrets SET expires_at = ? WHERE webhook_id = ? AND expires_at IS NULL"));
    expire.addBindValue(previousExpiresAtMs);
    expire.addBindValue(webhookId);
    if (!expire.exec())
        return Database::queryError(expire, QStringLiteral("secret expiry"));
    if (Status s = insertSecret(c, webhookId, secret); !s)
        return s;
    QSqlQuery prefix(c);
    prefix.prepare(
        QStringLiteral("UPDATE webhooks SET secret_prefix = ?, updated_at = ? WHERE id = ?"));
    prefix.addBindValue(text(secret.prefix));
    prefix.addBindValue(nowMs);
    prefix.addBindValue(webhookId);
    if (!prefix.exec())
        return Database::queryError(prefix, QStringLiteral("secret prefix update"));
    return {};
}

Result<QList<EventType>> WebhookStore::customEventTypes() const
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral(
            "SELECT name, category, description, sample_json FROM event_types ORDER BY name")))
        return Database::queryError(q, QStringLiteral("event type list"));
    QList<EventType> out;
    while (q.next()) {
        EventType t;
        t.name = q.value(0).toString();
        t.provider = QStringLiteral("custom");
        t.providerTitle = QStringLiteral("Custom");
        t.category = q.value(1).toString();
        t.description = q.value(2).toString();
        t.sample = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
        out << t;
    }
    return out;
}

Status WebhookStore::insertEventType(const EventType &type, qint64 nowMs) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral(
        "INSERT INTO event_types(name, category, description, sample_json, created_at) "
        "VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(type.name);
    q.addBindValue(text(type.category));
    q.addBindValue(text(type.description));
    q.addBindValue(QString::fromUtf8(QJsonDocument(type.sample).toJson(QJsonDocument::Compact)));
    q.addBindValue(nowMs);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("event type insert"));
    return {};
}

Status WebhookStore::removeEventType(const QString &name) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("DELETE FROM event_types WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return Database::queryError(q, QStringLiteral("event type delete"));
    return {};
}

} // namespace hookline
