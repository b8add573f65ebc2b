#include "EventPublisher.h"

#include "registry/WebhookRegistry.h"

namespace hookline {

EventPublisher::EventPublisher(std::shared_ptr<WebhookRegistry> registry,
                               std::shared_ptr<Database> database)
    : m_registry(std::move(registry))
    , m_store(std::move(database))
{}

Result<EnqueuedEvent> EventPublisher::publish(const PublishRequest &request, qint64 nowMs)
{
    const QString type = request.type.trimmed();
    if (type.isEmpty())
        return Error{ErrorCode::InvalidEvents, QStringLiteral("event"),
                     QStringLiteral("An event type is required; list them with: hookline-cli "
                                    "events types")};
    if (!m_registry->catalog().contains(type))
        return Error{ErrorCode::InvalidEvents, QStringLiteral("event"),
                     QStringLiteral("Unknown event type \"%1\"; list the known ones with: "
                                    "hookline-cli events types")
                         .arg(type)};

    QList<Webhook> targets;
    QString systemId = request.systemId.trimmed();
    if (!request.webhookId.trimmed().isEmpty()) {
        auto w = m_registry->get(request.webhookId);
        if (!w)
            return w.error();
        if (w->status == WebhookStatus::Disabled)
            return Error{ErrorCode::InvalidArgument, QStringLiteral("webhook"),
                         QStringLiteral("Webhook \"%1\" is disabled%2; enable it first with: "
                                        "hookline-cli webhooks enable %3")
                             .arg(w->name,
                                  w->statusReason.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" (%1)").arg(w->statusReason),
                                  w->id)};
        if (w->status == WebhookStatus::Paused && !request.isTest)
            return Error{ErrorCode::InvalidArgument, QStringLiteral("webhook"),
                         QStringLiteral("Webhook \"%1\" is paused%2; resume it first with: "
                                        "hookline-cli webhooks enable %3")
                             .arg(w->name,
                                  w->statusReason.isEmpty()
                                      ? QString()
                                      : QStringLiteral(" (%1)").arg(w->statusReason),
                                  w->id)};
        if (!w->events.contains(type))
            return Error{ErrorCode::InvalidEvents, QStringLiteral("event"),
                         QStringLiteral("Webhook \"%1\" is not subscribed to \"%2\"; it receives "
                                        "%3.")
                             .arg(w->name, type, w->events.join(QStringLiteral(", ")))};
        if (!systemId.isEmpty() && systemId != w->systemId)
            return Error{ErrorCode::InvalidSystemId, QStringLiteral("system"),
                         QStringLiteral("Webhook \"%1\" belongs to system \"%2\", not \"%3\".")
                             .arg(w->name, w->systemId, systemId)};
        systemId = w->systemId;
        targets << w.value();
    } else {
        if (systemId.isEmpty())
            systemId = QString::fromLatin1(DefaultSystemId);
        auto all = m_registry->list(systemId);
        if (!all)
            return all.error();
        for (const Webhook &w : all.value())
            if (w.status == WebhookStatus::Active && w.events.contains(type))
                targets << w;
    }

    OutgoingEvent event =
        OutgoingEvent::create(type, request.data, nowMs, request.resourceIds, request.uri);
    event.systemId = systemId;
    EnqueueOptions options;
    options.isTest = request.isTest;
    return m_store.enqueue(event, targets, nowMs, options);
}

Result<EnqueuedEvent> EventPublisher::sendTestEvent(const QString &webhookId, qint64 nowMs)
{
    auto w = m_registry->get(webhookId);
    if (!w)
        return w.error();
    if (w->events.isEmpty())
        return Error{ErrorCode::InvalidEvents, QStringLiteral("events"),
                     QStringLiteral("Webhook \"%1\" is not subscribed to any event.").arg(w->name)};
    PublishRequest request;
    request.type = w->events.first();
    if (const auto type = m_registry->catalog().find(request.type))
        request.data = type->sample;
    request.webhookId = w->id;
    request.isTest = true;
    return publish(request, nowMs);
}

} // namespace hookline
