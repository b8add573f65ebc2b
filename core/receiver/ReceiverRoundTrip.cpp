#include "ReceiverRoundTrip.h"

#include "delivery/Dispatcher.h"
#include "delivery/EventPublisher.h"
#include "receiver/Receiver.h"
#include "registry/WebhookRegistry.h"

#include <QHash>

namespace hookline {

namespace {

Error invalid(const QString &message)
{
    return Error{ErrorCode::InvalidArgument, QStringLiteral("receiver"), message};
}

} // namespace

Result<TestWebhook> createTestWebhookFor(Receiver &receiver, const TestWebhookOptions &options)
{
    if (!receiver.isListening())
        return invalid(QStringLiteral("Start the receiver before creating its test webhook."));
    const auto registry = receiver.registry();
    if (!registry || !receiver.database())
        return invalid(QStringLiteral("The receiver has no webhook registry and database to "
                                      "register a test webhook in."));
    if (options.scheme == SignatureScheme::None)
        return invalid(QStringLiteral("A test webhook must sign its requests; choose a scheme "
                                      "other than none."));

    const QHostAddress host = receiver.config().host;
    QString urlHost;
    if (host == QHostAddress(QHostAddress::LocalHostIPv6) ||
        host == QHostAddress(QHostAddress::AnyIPv6))
        urlHost = QStringLiteral("[::1]");
    else if (host.isLoopback() || host == QHostAddress(QHostAddress::Any) ||
             host == QHostAddress(QHostAddress::AnyIPv4))
        urlHost = QStringLiteral("127.0.0.1");
    else
        return invalid(QStringLiteral("The receiver listens on %1 only; a test webhook can reach "
                                      "it on loopback, so bind 127.0.0.1 (or every address).")
                           .arg(host.toString()));
    const bool tls = receiver.certificate().has_value();
    const QString url = QStringLiteral("%1://%2:%3%4")
                            .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), urlHost)
                            .arg(receiver.port())
                            .arg(options.path);
    const QString pin = tls ? receiver.certificate()->pin() : QString();

    auto existing = registry->list(options.systemId);
    if (!existing)
        return existing.error();

    TestWebhook result;
    std::optional<Webhook> reuse;
    for (const Webhook &w : existing.value())
        if (w.url == url && w.localTesting)
            reuse = w;

    if (reuse) {
        if (reuse->pinnedCertSha256 != pin || reuse->scheme != options.scheme) {
            WebhookDraft draft = reuse->toDraft();
            draft.pinnedCertSha256 = pin;
            draft.scheme = options.scheme;
            auto updated = registry->update(reuse->id, draft);
            if (!updated)
                return updated.error();
            reuse = updated.value();
        }
        if (reuse->status != WebhookStatus::Active) {
            auto enabled = registry->enable(reuse->id);
            if (!enabled)
                return enabled.error();
            reuse = enabled.value();
        }
        result.webhook = *reuse;
    } else {
        // An event type this system still has room for (two webhooks per event at most).
        QHash<QString, int> subscribed;
        for (const Webhook &w : existing.value())
            for (const QString &event : w.events)
                ++subscribed[event];
        QString eventType;
        const EventCatalog catalog = registry->catalog();
        for (const EventType &type : catalog.all()) {
            if (subscribed.value(type.name) < MaxWebhooksPerEvent) {
                eventType = type.name;
                break;
            }
        }
        if (eventType.isEmpty())
            return Error{ErrorCode::LimitExceeded, QStringLiteral("events"),
                         QStringLiteral("Every event type already has %1 test webhooks in system "
                                        "\"%2\"; delete some of them first.")
                             .arg(MaxWebhooksPerEvent)
                             .arg(options.systemId)};
        WebhookDraft draft;
        draft.name = QStringLiteral("Receiver test %1").arg(receiver.id());
        draft.url = url;
        draft.events = {eventType};
        draft.description = QStringLiteral("Created by Hookline to send test events to its local "
                                           "receiver.");
        draft.scheme = options.scheme;
        draft.systemId = options.systemId;
        draft.localTesting = true;
        draft.pinnedCertSha256 = pin;
        draft.retryAttempts = 0;
        auto created = registry->create(draft);
        if (!created)
            return created.error();
        result.webhook = created->webhook;
        result.created = true;
    }

    if (auto attached = receiver.attachWebhook(result.webhook.id); !attached)
        return attached.error();

    EventPublisher publisher(registry, receiver.database());
    auto event = publisher.sendTestEvent(result.webhook.id, registry->clock().nowMs());
    if (!event)
        return event.error();
    result.event = event.value();
    if (options.dispatcher)
        options.dispatcher->wake();
    return result;
}

} // namespace hookline
