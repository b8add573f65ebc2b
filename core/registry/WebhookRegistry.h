#pragma once

#include "Clock.h"
#include "Result.h"
#include "catalog/EventCatalog.h"
#include "model/Webhook.h"
#include "rules/WebhookRules.h"

#include <QMutex>

#include <memory>

namespace hookline {

class Database;
class SecretVault;
class WebhookStore;

// A signing secret that verifies deliveries right now.
struct SigningKey {
    QString secret;
    QString prefix;
    qint64 createdAtMs = 0;
    std::optional<qint64> expiresAtMs; // empty: the current secret
};

// Registering, changing and removing webhooks, and their signing secrets. Every change is
// checked by WebhookRules first; nothing is stored when a rule fails. Safe to call from any
// thread: each thread uses its own database connection.
class WebhookRegistry {
public:
    struct Options {
        const Clock *clock = nullptr; // default: the system clock
        qint64 rotationOverlapMs = DefaultRotationOverlapMs;
    };

    static Result<std::shared_ptr<WebhookRegistry>>
    open(std::shared_ptr<Database> db, std::shared_ptr<SecretVault> vault, Options options);
    ~WebhookRegistry();

    Database &database() const;
    QString protectionDescription() const;
    const Clock &clock() const { return *m_clock; }
    // How long a previous secret stays valid after a rotation, unless a call says otherwise.
    qint64 rotationOverlapMs() const { return m_overlapMs; }

    EventCatalog catalog() const;
    Result<EventType> addEventType(const EventType &type);
    Status removeEventType(const QString &name);

    // All rule violations of a draft that can be known without the database.
    QList<Error> check(const WebhookDraft &draft, WebhookRules::Mode mode) const;

    Result<QList<Webhook>> list(const QString &systemId = {}) const;
    // By full id, or by a unique prefix of at least 4 characters.
    Result<Webhook> get(const QString &idOrPrefix) const;

    Result<WebhookWithSecret> create(const WebhookDraft &draft);
    Result<Webhook> update(const QString &id, const WebhookDraft &draft);
    Result<Webhook> enable(const QString &id);
    // Disabling cancels the webhook's undelivered deliveries at once.
    Result<Webhook> disable(const QString &id, const QString &reason = {});
    Result<Webhook> pause(const QString &id, const QString &reason);
    Status remove(const QString &id);
    Status recordDelivery(const QString &id, qint64 atMs, int status);

    // A new current secret, shown once; the previous one stays valid for the overlap window
    // (the registry's default when not given).
    Result<WebhookWithSecret> rotateSecret(const QString &id,
                                           std::optional<qint64> overlapMs = std::nullopt);
    // The current secret and any previous one still inside its overlap window, newest first.
    Result<QList<SigningKey>> signingKeys(const QString &id) const;

private:
    WebhookRegistry(std::shared_ptr<Database> db, std::shared_ptr<SecretVault> vault,
                    Options options);
    Result<Webhook> unsealed(const struct StoredWebhook &row) const;
    QByteArray sealAuth(const Webhook &w) const;
    Result<Webhook> setStatus(const QString &id, WebhookStatus status, const QString &reason);

    std::shared_ptr<Database> m_db;
    std::shared_ptr<SecretVault> m_vault;
    std::unique_ptr<WebhookStore> m_store;
    const Clock *m_clock;
    qint64 m_overlapMs;
    mutable QMutex m_catalogMutex;
    EventCatalog m_catalog;
};

} // namespace hookline
