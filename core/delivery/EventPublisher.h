#pragma once

#include "Result.h"
#include "delivery/DeliveryStore.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace hookline {

class Database;
class WebhookRegistry;

// What to send: an event of a catalog type, to its subscribers or to one webhook.
struct PublishRequest {
    QString type;
    QJsonObject data;
    QStringList resourceIds;
    QString uri;
    // Empty: every active webhook of `systemId` subscribed to `type`. Set (an id or a unique
    // prefix): exactly that webhook, which must be subscribed to `type`.
    QString webhookId;
    // Empty: "default", or the webhook's own system when `webhookId` is set.
    QString systemId;
    // A webhook's test event: may go to a paused webhook; a failure pauses it.
    bool isTest = false;
};

// Turns "send this event" into a stored event and one pending delivery per target, committed
// in one transaction before any request is made (the dispatcher sends them). Synchronous and
// safe on any thread.
class EventPublisher {
public:
    EventPublisher(std::shared_ptr<WebhookRegistry> registry, std::shared_ptr<Database> database);

    // INVALID_EVENTS when the type is not in the catalog; NOT_FOUND for an unknown webhook;
    // INVALID_ARGUMENT for a disabled (or, unless a test, paused) webhook, one not subscribed to
    // the type, or a system that contradicts the webhook's. With no subscriber the event is
    // still stored and the result lists no deliveries.
    Result<EnqueuedEvent> publish(const PublishRequest &request, qint64 nowMs);

    // A test event for one webhook: its first subscribed type, with the catalog's sample data.
    Result<EnqueuedEvent> sendTestEvent(const QString &webhookId, qint64 nowMs);

private:
    std::shared_ptr<WebhookRegistry> m_registry;
    DeliveryStore m_store;
};

} // namespace hookline
