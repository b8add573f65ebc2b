#include "WebhookRegistry.h"

#include "secrets/SecretVault.h"
#include "storage/Database.h"
#include "storage/WebhookStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace hookline {

namespace {

QByteArray secretContext(const QString &webhookId)
{
    return QByteArrayLiteral("webhook-secret:").append(webhookId.toUtf8());
}

QByteArray authContext(const QString &webhookId)
{
    return QByteArrayLiteral("webhook-auth:").append(webhookId.toUtf8());
}

QByteArray authToJson(const OutboundAuth &auth)
{
    QJsonObject o;
    switch (auth.type) {
    case AuthType::None:
        break;
    case AuthType::Bearer:
        o.insert(QStringLiteral("token"), auth.token);
        break;
    case AuthType::Basic:
        o.insert(QStringLiteral("username"), auth.username);
        o.insert(QStringLiteral("password"), auth.password);
        break;
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        o.insert(QStringLiteral("header"), auth.headerName);
        o.insert(QStringLiteral("value"), auth.headerValue);
        break;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Error notFound(const QString &id)
{
    return Error{
        ErrorCode::NotFound, QStringLiteral("id"),
        QStringLiteral("No webhook with id \"%1\"; list them with: hookline-cli webhooks list")
            .arg(id)};
}

Error keyError()
{
    return Error{
        ErrorCode::KeyUnavailable, QStringLiteral("secret"),
        QStringLiteral(
            "A stored secret cannot be opened with the current data key; the key or the database "
            "was replaced. "
            "Restore the original key (keychain entry, key file or HOOKLINE_MASTER_KEY).")};
}

} // namespace

WebhookRegistry::WebhookRegistry(std::shared_ptr<Database> db, std::shared_ptr<SecretVault> vault,
                                 Options options)
    : m_db(std::move(db))
    , m_vault(std::move(vault))
    , m_store(std::make_unique<WebhookStore>(m_db))
    , m_clock(options.clock ? options.clock : SystemClock::instance())
    , m_overlapMs(options.rotationOverlapMs)
{}

WebhookRegistry::~WebhookRegistry() = default;

Result<std::shared_ptr<WebhookRegistry>> WebhookRegistry::open(std::shared_ptr<Database> db,
                                                               std::shared_ptr<SecretVault> vault,
                                                               Options options)
{
    if (!db || !vault)
        return Error{ErrorCode::InvalidArgument, QString(),
                     QStringLiteral("The registry needs a database and a vault.")};

    const QString check = QString::fromLatin1(vault->keyCheck());
    const QString stored = db->meta(QStringLiteral("key_check"));
    if (stored.isEmpty()) {
        if (Status s = db->setMeta(QStringLiteral("key_check"), check); !s)
            return s.error();
    } else if (stored != check) {
        return Error{
            ErrorCode::KeyUnavailable, QStringLiteral("key"),
            QStringLiteral(
                "Database %1 was sealed with a different data key than the one in use (%2). "
                "Use the original key (HOOKLINE_MASTER_KEY, key file or keychain entry) or another "
                "--db.")
                .arg(db->path(), vault->protectionDescription())};
    }

    auto builtin = EventCatalog::loadBuiltin();
    if (!builtin)
        return builtin.error();
    std::shared_ptr<WebhookRegistry> registry(new WebhookRegistry(db, vault, options));
    registry->m_catalog = builtin.value();
    auto custom = registry->m_store->customEventTypes();
    if (!custom)
        return custom.error();
    for (const EventType &t : custom.value())
        registry->m_catalog.add(t);
    return registry;
}

Database &WebhookRegistry::database() const
{
    return *m_db;
}

QString WebhookRegistry::protectionDescription() const
{
    return m_vault->protectionDescription();
}

EventCatalog WebhookRegistry::catalog() const
{
    QMutexLocker lock(&m_catalogMutex);
    return m_catalog;
}

Result<EventType> WebhookRegistry::addEventType(const EventType &input)
{
    EventType type = input;
    type.name = type.name.trimmed();
    type.provider = QStringLiteral("custom");
    type.providerTitle = QStringLiteral("Custom");
    if (type.category.trimmed().isEmpty())
        type.category = QStringLiteral("Custom events");
    QMutexLocker lock(&m_catalogMutex);
    if (Status s = m_catalog.checkCustom(type); !s)
        return s.error();
    if (Status s = m_store->insertEventType(type, m_clock->nowMs()); !s)
        return s.error();
    m_catalog.add(type);
    return type;
}

Status WebhookRegistry::removeEventType(const QString &name)
{
    QMutexLocker lock(&m_catalogMutex);
    const auto type = m_catalog.find(name);
    if (!type || !type->isCustom())
        return Error{ErrorCode::NotFound, QStringLiteral("name"),
                     QStringLiteral(
                         "\"%1\" is not a custom event type; only types you added can be removed.")
                         .arg(name)};
    auto subscribed = m_store->list();
    if (!subscribed)
        return subscribed.error();
    QStringList users;
    for (const StoredWebhook &row : subscribed.value())
        if (row.webhook.events.contains(name))
            users << row.webhook.name;
    if (!users.isEmpty())
        return Error{
            ErrorCode::Conflict, QStringLiteral("name"),
            QStringLiteral("Event type \"%1\" is used by %2; remove it from those webhooks first.")
                .arg(name, users.join(QStringLiteral(", ")))};
    if (Status s = m_store->removeEventType(name); !s)
        return s;
    EventCatalog rebuilt;
    for (const EventType &t : m_catalog.all())
        if (t.name != name)
            rebuilt.add(t);
    m_catalog = rebuilt;
    return {};
}

QList<Error> WebhookRegistry::check(const WebhookDraft &draft, WebhookRules::Mode mode) const
{
    return WebhookRules::check(WebhookRules::normalized(draft), catalog(), mode);
}

QByteArray WebhookRegistry::sealAuth(const Webhook &w) const
{
    if (w.auth.type == AuthType::None)
        return {};
    return m_vault->seal(authToJson(w.auth), authContext(w.id));
}

Result<Webhook> WebhookRegistry::unsealed(const StoredWebhook &row) const
{
    Webhook w = row.webhook;
    if (w.auth.type == AuthType::None || row.authSealed.isEmpty())
        return w;
    const auto plain = m_vault->open(row.authSealed, authContext(w.id));
    if (!plain)
        return keyError();
    const QJsonObject o = QJsonDocument::fromJson(*plain).object();
    w.auth.token = o.value(QStringLiteral("token")).toString();
    w.auth.username = o.value(QStringLiteral("username")).toString();
    w.auth.password = o.value(QStringLiteral("password")).toString();
    w.auth.headerName = o.value(QStringLiteral("header")).toString();
    w.auth.headerValue = o.value(QStringLiteral("value")).toString();
    return w;
}

Result<QList<Webhook>> WebhookRegistry::list(const QString &systemId) const
{
    auto rows = m_store->list(systemId);
    if (!rows)
        return rows.error();
    QList<Webhook> out;
    out.reserve(rows->size());
    for (const StoredWebhook &row : rows.value()) {
        auto w = unsealed(row);
        if (!w)
            return w.error();
        out << w.value();
    }
    return out;
}

Result<Webhook> WebhookRegistry::get(const QString &idOrPrefix) const
{
    const QString key = idOrPrefix.trimmed();
    if (key.isEmpty())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("id"),
                     QStringLiteral("A webhook id is required.")};
    auto row = m_store->find(key);
    if (!row)
        return row.error();
    if (row.value())
        return unsealed(*row.value());
    if (key.size() < 4)
        return notFound(key);
    auto ids = m_store->idsWithPrefix(key);
    if (!ids)
        return ids.error();
    if (ids->size() > 1)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("id"),
                     QStringLiteral("\"%1\" matches %2 webhooks; type more of the id.")
                         .arg(key)
                         .arg(ids->size())};
    if (ids->isEmpty())
        return notFound(key);
    auto full = m_store->find(ids->first());
    if (!full)
        return full.error();
    if (!full.value())
        return notFound(key);
    return unsealed(*full.value());
}

Result<WebhookWithSecret> WebhookRegistry::create(const WebhookDraft &input)
{
    const WebhookDraft draft = WebhookRules::normalized(input);
    const QList<Error> errors = WebhookRules::check(draft, catalog(), WebhookRules::Mode::Create);
    if (!errors.isEmpty())
        return errors.first();

    const qint64 now = m_clock->nowMs();
    const QString secret =
        draft.customSecret.isEmpty() ? SecretVault::generateSigningSecret() : draft.customSecret;

    StoredWebhook row;
    Webhook &w = row.webhook;
    w.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    w.name = draft.name;
    w.url = draft.url;
    w.events = draft.events;
    w.description = draft.description;
    w.headers = draft.headers;
    w.auth = draft.auth;
    w.timeoutSeconds = draft.timeoutSeconds;
    w.retryAttempts = draft.retryAttempts;
    w.scheme = draft.scheme;
    w.systemId = draft.systemId;
    w.localTesting = draft.localTesting;
    w.pinnedCertSha256 = WebhookRules::normalizedFingerprint(draft.pinnedCertSha256);
    w.status = WebhookStatus::Active;
    w.createdAtMs = now;
    w.updatedAtMs = now;
    w.signingSecretPrefix = SecretVault::secretPrefix(secret);
    row.authSealed = sealAuth(w);

    StoredSecret stored;
    stored.sealed = m_vault->seal(secret.toUtf8(), secretContext(w.id));
    stored.prefix = w.signingSecretPrefix;
    stored.createdAtMs = now;

    WriteTransaction tx(m_db->connection());
    if (!tx.begun())
        return Error{
            ErrorCode::StorageError, QStringLiteral("db"),
            QStringLiteral(
                "The database is busy (another process holds its write lock); try again.")};
    auto full = m_store->eventAtLimit(w.systemId, w.events, MaxWebhooksPerEvent, QString());
    if (!full)
        return full.error();
    if (!full->isEmpty())
        return Error{ErrorCode::LimitExceeded, QStringLiteral("events"),
                     QStringLiteral("Event \"%1\" already has %2 webhooks in system \"%3\"; remove "
                                    "it from one of them or use another system identifier.")
                         .arg(full.value())
                         .arg(MaxWebhooksPerEvent)
                         .arg(w.systemId)};
    if (Status s = m_store->insert(row, stored); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return WebhookWithSecret{w, secret, 0};
}

Result<Webhook> WebhookRegistry::update(const QString &id, const WebhookDraft &input)
{
    auto existing = get(id);
    if (!existing)
        return existing.error();
    const WebhookDraft draft = WebhookRules::normalized(input);
    const QList<Error> errors = WebhookRules::check(draft, catalog(), WebhookRules::Mode::Update);
    if (!errors.isEmpty())
        return errors.first();

    StoredWebhook row;
    Webhook &w = row.webhook;
    w = existing.value();
    w.name = draft.name;
    w.url = draft.url;
    w.events = draft.events;
    w.description = draft.description;
    w.headers = draft.headers;
    w.auth = draft.auth;
    w.timeoutSeconds = draft.timeoutSeconds;
    w.retryAttempts = draft.retryAttempts;
    w.scheme = draft.scheme;
    w.systemId = draft.systemId;
    w.localTesting = draft.localTesting;
    w.pinnedCertSha256 = WebhookRules::normalizedFingerprint(draft.pinnedCertSha256);
    w.updatedAtMs = m_clock->nowMs();
    row.authSealed = sealAuth(w);

    WriteTransaction tx(m_db->connection());
    if (!tx.begun())
        return Error{
            ErrorCode::StorageError, QStringLiteral("db"),
            QStringLiteral(
                "The database is busy (another process holds its write lock); try again.")};
    auto full = m_store->eventAtLimit(w.systemId, w.events, MaxWebhooksPerEvent, w.id);
    if (!full)
        return full.error();
    if (!full->isEmpty())
        return Error{ErrorCode::LimitExceeded, QStringLiteral("events"),
                     QStringLiteral("Event \"%1\" already has %2 webhooks in system \"%3\"; remove "
                                    "it from one of them or use another system identifier.")
                         .arg(full.value())
                         .arg(MaxWebhooksPerEvent)
                         .arg(w.systemId)};
    if (Status s = m_store->update(row); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return w;
}

Result<Webhook> WebhookRegistry::setStatus(const QString &id, WebhookStatus status,
                                           const QString &reason)
{
    auto w = get(id);
    if (!w)
        return w.error();
    const qint64 now = m_clock->nowMs();
    WriteTransaction tx(m_db->connection());
    if (!tx.begun())
        return Error{ErrorCode::StorageError, QStringLiteral("db"),
                     QStringLiteral("The database is busy; try again.")};
    if (Status s = m_store->setStatus(w->id, status, reason, now); !s)
        return s.error();
    if (status == WebhookStatus::Disabled) {
        if (Status s =
                m_store->cancelPendingDeliveries(w->id, now, QStringLiteral("webhook disabled"));
            !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s)
        return s.error();
    Webhook out = w.value();
    out.status = status;
    out.statusReason = reason;
    out.updatedAtMs = now;
    return out;
}

Result<Webhook> WebhookRegistry::enable(const QString &id)
{
    return setStatus(id, WebhookStatus::Active, QString());
}

Result<Webhook> WebhookRegistry::disable(const QString &id, const QString &reason)
{
    return setStatus(id, WebhookStatus::Disabled,
                     reason.isEmpty() ? QStringLiteral("Disabled by user") : reason);
}

Result<Webhook> WebhookRegistry::pause(const QString &id, const QString &reason)
{
    return setStatus(id, WebhookStatus::Paused, reason);
}

Status WebhookRegistry::remove(const QString &id)
{
    auto w = get(id);
    if (!w)
        return w.error();
    WriteTransaction tx(m_db->connection());
    if (!tx.begun())
        return Error{ErrorCode::StorageError, QStringLiteral("db"),
                     QStringLiteral("The database is busy; try again.")};
    if (Status s = m_store->remove(w->id, m_clock->nowMs()); !s)
        return s;
    return tx.commit();
}

Status WebhookRegistry::recordDelivery(const QString &id, qint64 atMs, int status)
{
    return m_store->recordDelivery(id, atMs, status);
}

Result<WebhookWithSecret> WebhookRegistry::rotateSecret(const QString &id,
                                                        std::optional<qint64> overlapMs)
{
    auto w = get(id);
    if (!w)
        return w.error();
    const qint64 overlap = overlapMs.value_or(m_overlapMs);
    if (overlap < 0 || overlap > 30LL * 24 * 3600 * 1000)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("overlap"),
                     QStringLiteral("The overlap window must be between 0 and 30 days.")};
    const qint64 now = m_clock->nowMs();
    // Keep the webhook's secret format: standard-webhooks needs whsec_ + base64, others accept it
    // too.
    const QString secret = SecretVault::generateSigningSecret();
    StoredSecret stored;
    stored.sealed = m_vault->seal(secret.toUtf8(), secretContext(w->id));
    stored.prefix = SecretVault::secretPrefix(secret);
    stored.createdAtMs = now;

    WriteTransaction tx(m_db->connection());
    if (!tx.begun())
        return Error{ErrorCode::StorageError, QStringLiteral("db"),
                     QStringLiteral("The database is busy; try again.")};
    if (Status s = m_store->rotate(w->id, stored, now + overlap, now); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    Webhook out = w.value();
    out.signingSecretPrefix = stored.prefix;
    out.updatedAtMs = now;
    return WebhookWithSecret{out, secret, now + overlap};
}

Result<QList<SigningKey>> WebhookRegistry::signingKeys(const QString &id) const
{
    auto rows = m_store->secrets(id);
    if (!rows)
        return rows.error();
    const qint64 now = m_clock->nowMs();
    QList<SigningKey> keys;
    for (const StoredSecret &s : rows.value()) {
        if (s.expiresAtMs && *s.expiresAtMs <= now)
            continue;
        const auto plain = m_vault->open(s.sealed, secretContext(id));
        if (!plain)
            return keyError();
        keys << SigningKey{QString::fromUtf8(*plain), s.prefix, s.createdAtMs, s.expiresAtMs};
    }
    return keys;
}

} // namespace hookline
