#pragma once

#include "Result.h"
#include "catalog/EventCatalog.h"
#include "model/Webhook.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <optional>

namespace hookline {

class Database;

// A webhook row as stored: credentials still sealed.
struct StoredWebhook {
    Webhook webhook; // auth.type set, auth data empty
    QByteArray authSealed;
};

struct StoredSecret {
    qint64 id = 0;
    QByteArray sealed;
    QString prefix;
    qint64 createdAtMs = 0;
    std::optional<qint64> expiresAtMs; // empty: the current secret
};

// The SQL behind the registry. Knows tables, not rules: the registry decides, the store writes.
// Every call uses the calling thread's connection.
class WebhookStore {
public:
    explicit WebhookStore(std::shared_ptr<Database> db);

    Database &database() const { return *m_db; }

    Result<QList<StoredWebhook>> list(const QString &systemId = {}) const;
    Result<std::optional<StoredWebhook>> find(const QString &id) const;
    // Ids of webhooks whose id starts with `prefix` (for short ids typed by people).
    Result<QStringList> idsWithPrefix(const QString &prefix) const;

    // The first event in `events` that already has `limit` webhooks in `systemId` (ignoring
    // `exceptWebhookId`), or empty. Call inside the write transaction that inserts.
    Result<QString> eventAtLimit(const QString &systemId, const QStringList &events, int limit,
                                 const QString &exceptWebhookId) const;

    Status insert(const StoredWebhook &row, const StoredSecret &secret) const;
    Status update(const StoredWebhook &row) const;
    Status setStatus(const QString &id, WebhookStatus status, const QString &reason,
                     qint64 nowMs) const;
    Status recordDelivery(const QString &id, qint64 atMs, int status) const;
    // Removes the webhook, its secrets and subscriptions, and cancels its undelivered deliveries.
    Status remove(const QString &id, qint64 nowMs) const;
    // Cancels deliveries not yet delivered (used when a webhook is disabled or deleted).
    Status cancelPendingDeliveries(const QString &webhookId, qint64 nowMs,
                                   const QString &reason) const;

    Result<QList<StoredSecret>> secrets(const QString &webhookId) const;
    // Gives the current secret an expiry, drops secrets already expired, adds `secret` as the new
    // current one, and updates the webhook's prefix.
    Status rotate(const QString &webhookId, const StoredSecret &secret, qint64 previousExpiresAtMs,
                  qint64 nowMs) const;

    Result<QList<EventType>> customEventTypes() const;
    Status insertEventType(const EventType &type, qint64 nowMs) const;
    Status removeEventType(const QString &name) const;

private:
    std::shared_ptr<Database> m_db;
};

} // namespace hookline
