#pragma once

#include "Result.h"
#include "Session.h"
#include "catalog/EventCatalog.h"
#include "delivery/EventPublisher.h"
#include "model/Webhook.h"

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace hookline {

// The GUI's only door to the database. Every registry call runs on one worker thread (so the GUI
// thread never waits on SQLite or the keychain) and its result is handed to a callback on the GUI
// thread. A callback is dropped when its receiver has been destroyed in the meantime.
class RegistryClient final : public QObject {
    Q_OBJECT

public:
    template <typename T> using Callback = std::function<void(Result<T>)>;
    using StatusCallback = std::function<void(Status)>;

    explicit RegistryClient(QObject *parent = nullptr);
    ~RegistryClient() override;

    // Opens the database, the vault and the registry on the worker thread; emits sessionOpened or
    // sessionFailed.
    void openSession(const Session::Options &options);
    // Uses a session that is already open (tests, tools); emits sessionOpened.
    void setSession(std::shared_ptr<Session> session);

    bool isReady() const { return m_session != nullptr; }
    QString databasePath() const;
    QString protectionDescription() const;
    // The registry's clock, or the system clock before a session is open.
    const Clock &clock() const;
    // A copy of the catalog held in memory; no database access.
    EventCatalog catalog() const;
    // The open session (the dispatcher shares its database and registry); null before.
    std::shared_ptr<Session> session() const { return m_session; }

    void list(QObject *receiver, Callback<QList<Webhook>> done);
    void create(const WebhookDraft &draft, QObject *receiver, Callback<WebhookWithSecret> done);
    void update(const QString &id, const WebhookDraft &draft, QObject *receiver,
                Callback<Webhook> done);
    void setEnabled(const QString &id, bool enabled, QObject *receiver, Callback<Webhook> done);
    void remove(const QString &id, QObject *receiver, StatusCallback done);
    void rotateSecret(const QString &id, QObject *receiver, Callback<WebhookWithSecret> done);
    void addEventType(const EventType &type, QObject *receiver, Callback<EventType> done);
    // Stores the event and its deliveries (EventPublisher); emits eventQueued on success.
    void publish(const PublishRequest &request, QObject *receiver, Callback<EnqueuedEvent> done);
    void sendTestEvent(const QString &webhookId, QObject *receiver, Callback<EnqueuedEvent> done);
    // For changes made through the core directly (the receiver's round trip registers its test
    // webhook on the receiver's thread): emits webhooksChanged so the lists refresh.
    void notifyWebhooksChanged(const QString &id);

signals:
    void sessionOpened();
    void sessionFailed(const QString &databasePath, const QString &message);
    // A change went through; `id` is the webhook it touched (empty for catalog changes).
    void webhooksChanged(const QString &id);
    void catalogChanged();
    // An event and its deliveries were committed; a dispatcher can send them now.
    void eventQueued(const hookline::EnqueuedEvent &queued);

private:
    template <typename R, typename Work>
    void submit(Work work, QObject *receiver, std::function<void(R)> done,
                std::function<void(const R &)> onSuccess = {});

    QThreadPool m_pool;
    std::shared_ptr<Session> m_session;
    std::shared_ptr<EventPublisher> m_publisher;
    QString m_pendingPath;
    bool m_opening = false;
};

} // namespace hookline
