#include "RegistryClient.h"

#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace hookline {

namespace {

Error notReady()
{
    return Error{ErrorCode::StorageError, QString(),
                 RegistryClient::tr("The database is not open yet; wait until it has opened.")};
}

} // namespace

RegistryClient::RegistryClient(QObject *parent)
    : QObject(parent)
{
    // One worker: registry calls run in the order they were asked for. The thread never expires,
    // because the core keys its per-thread SQLite connections by thread id, and a new thread may
    // get the id of a finished one whose connection is still registered.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("hookline-registry"));
}

RegistryClient::~RegistryClient()
{
    // Let running calls finish; their results are dropped with this object.
    m_pool.waitForDone();
}

void RegistryClient::openSession(const Session::Options &options)
{
    if (m_opening)
        return;
    m_opening = true;
    m_pendingPath = options.databasePath.isEmpty() ? Database::defaultPath() : options.databasePath;
    Session::Options resolved = options;
    resolved.databasePath = m_pendingPath;
    QtConcurrent::run(&m_pool, [resolved] {
        return Session::open(resolved);
    }).then(this, [this](Result<std::shared_ptr<Session>> result) {
        m_opening = false;
        if (!result) {
            emit sessionFailed(m_pendingPath, result.error().message);
            return;
        }
        m_session = result.value();
        m_publisher = std::make_shared<EventPublisher>(m_session->registry, m_session->database);
        emit sessionOpened();
    });
}

void RegistryClient::setSession(std::shared_ptr<Session> session)
{
    m_session = std::move(session);
    m_pendingPath = m_session ? m_session->database->path() : QString();
    m_publisher = m_session
                      ? std::make_shared<EventPublisher>(m_session->registry, m_session->database)
                      : nullptr;
    if (m_session)
        emit sessionOpened();
}

QString RegistryClient::databasePath() const
{
    return m_session ? m_session->database->path() : m_pendingPath;
}

QString RegistryClient::protectionDescription() const
{
    return m_session ? m_session->registry->protectionDescription() : QString();
}

const Clock &RegistryClient::clock() const
{
    if (m_session)
        return m_session->registry->clock();
    return *SystemClock::instance();
}

EventCatalog RegistryClient::catalog() const
{
    return m_session ? m_session->registry->catalog() : EventCatalog();
}

template <typename R, typename Work>
void RegistryClient::submit(Work work, QObject *receiver, std::function<void(R)> done,
                            std::function<void(const R &)> onSuccess)
{
    if (!m_session) {
        done(R(notReady()));
        return;
    }
    std::shared_ptr<WebhookRegistry> registry = m_session->registry;
    // The worker posts each result to this object itself: events posted from one thread to one
    // receiver arrive in order, so callbacks run in the order the calls were made (a list asked
    // for after a change always lands after the list asked for before it). QFuture::then() with
    // a context gives no such guarantee. `this` outlives every task (the destructor waits).
    m_pool.start([this, registry, work = std::move(work), guard = QPointer<QObject>(receiver),
                  done = std::move(done), onSuccess = std::move(onSuccess)]() mutable {
        R result = work(*registry);
        QMetaObject::invokeMethod(
            this,
            [guard, done = std::move(done), onSuccess = std::move(onSuccess),
             result = std::move(result)]() mutable {
                if (result && onSuccess)
                    onSuccess(result);
                if (guard)
                    done(std::move(result));
            },
            Qt::QueuedConnection);
    });
}

void RegistryClient::list(QObject *receiver, Callback<QList<Webhook>> done)
{
    submit<Result<QList<Webhook>>>([](WebhookRegistry &r) { return r.list(); }, receiver,
                                   std::move(done));
}

void RegistryClient::create(const WebhookDraft &draft, QObject *receiver,
                            Callback<WebhookWithSecret> done)
{
    submit<Result<WebhookWithSecret>>(
        [draft](WebhookRegistry &r) { return r.create(draft); }, receiver, std::move(done),
        [this](const Result<WebhookWithSecret> &r) { emit webhooksChanged(r->webhook.id); });
}

void RegistryClient::update(const QString &id, const WebhookDraft &draft, QObject *receiver,
                            Callback<Webhook> done)
{
    submit<Result<Webhook>>([id, draft](WebhookRegistry &r) { return r.update(id, draft); },
                            receiver, std::move(done),
                            [this](const Result<Webhook> &r) { emit webhooksChanged(r->id); });
}

void RegistryClient::setEnabled(const QString &id, bool enabled, QObject *receiver,
                                Callback<Webhook> done)
{
    submit<Result<Webhook>>(
        [id, enabled](WebhookRegistry &r) { return enabled ? r.enable(id) : r.disable(id); },
        receiver, std::move(done),
        [this](const Result<Webhook> &r) { emit webhooksChanged(r->id); });
}

void RegistryClient::remove(const QString &id, QObject *receiver, StatusCallback done)
{
    submit<Status>([id](WebhookRegistry &r) { return r.remove(id); }, receiver, std::move(done),
                   [this, id](const Status &) { emit webhooksChanged(id); });
}

void RegistryClient::rotateSecret(const QString &id, QObject *receiver,
                                  Callback<WebhookWithSecret> done)
{
    submit<Result<WebhookWithSecret>>(
        [id](WebhookRegistry &r) { return r.rotateSecret(id); }, receiver, std::move(done),
        [this](const Result<WebhookWithSecret> &r) { emit webhooksChanged(r->webhook.id); });
}

void RegistryClient::addEventType(const EventType &type, QObject *receiver,
                                  Callback<EventType> done)
{
    submit<Result<EventType>>([type](WebhookRegistry &r) { return r.addEventType(type); }, receiver,
                              std::move(done),
                              [this](const Result<EventType> &) { emit catalogChanged(); });
}

void RegistryClient::publish(const PublishRequest &request, QObject *receiver,
                             Callback<EnqueuedEvent> done)
{
    submit<Result<EnqueuedEvent>>(
        [request, publisher = m_publisher](WebhookRegistry &r) {
            return publisher->publish(request, r.clock().nowMs());
        },
        receiver, std::move(done),
        [this](const Result<EnqueuedEvent> &r) { emit eventQueued(r.value()); });
}

void RegistryClient::sendTestEvent(const QString &webhookId, QObject *receiver,
                                   Callback<EnqueuedEvent> done)
{
    submit<Result<EnqueuedEvent>>(
        [webhookId, publisher = m_publisher](WebhookRegistry &r) {
            return publisher->sendTestEvent(webhookId, r.clock().nowMs());
        },
        receiver, std::move(done),
        [this](const Result<EnqueuedEvent> &r) { emit eventQueued(r.value()); });
}

void RegistryClient::notifyWebhooksChanged(const QString &id)
{
    emit webhooksChanged(id);
}

} // namespace hookline
