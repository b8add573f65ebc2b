#include "ExampleData.h"

#include "RegistryClient.h"
#include "delivery/EventPublisher.h"

namespace hookline {

ExampleData::ExampleData(RegistryClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

QList<ExampleData::Example> ExampleData::examples()
{
    return {
        {tr("Example CRM sync"),
         QStringLiteral("/examples/crm"),
         {QStringLiteral("peopleCreated"), QStringLiteral("dealCreated")},
         SignatureScheme::XWebhookSignature,
         tr("Example: contacts and deals, signed with X-Webhook-Signature.")},
        {tr("Example email replies"),
         QStringLiteral("/examples/email"),
         {QStringLiteral("email.replied"), QStringLiteral("email.bounced")},
         SignatureScheme::StandardWebhooks,
         tr("Example: email activity, signed the Standard Webhooks way.")},
        {tr("Example call tracking"),
         QStringLiteral("/examples/calls"),
         {QStringLiteral("call.received"), QStringLiteral("call.classified")},
         SignatureScheme::GitHub,
         tr("Example: phone calls, signed like GitHub (X-Hub-Signature-256).")},
    };
}

QList<WebhookDraft> ExampleData::drafts(const QUrl &receiverUrl)
{
    QList<WebhookDraft> out;
    for (const Example &e : examples()) {
        WebhookDraft d;
        d.name = e.name;
        QUrl url = receiverUrl;
        url.setPath(e.path);
        d.url = url.toString();
        d.events = e.events;
        d.scheme = e.scheme;
        d.description = e.description;
        d.localTesting = true;
        out << d;
    }
    return out;
}

void ExampleData::load(const QUrl &receiverUrl)
{
    m_pending = drafts(receiverUrl);
    m_created.clear();
    m_problems.clear();
    m_eventsQueued = 0;
    createNext();
}

void ExampleData::createNext()
{
    if (m_pending.isEmpty()) {
        sendEvents();
        return;
    }
    const WebhookDraft draft = m_pending.takeFirst();
    m_client->create(draft, this, [this, name = draft.name](Result<WebhookWithSecret> result) {
        if (result) {
            m_created.append({result->webhook.id, result->webhook.events});
            emit webhookCreated(result->webhook.id);
        } else {
            m_problems << tr("%1: %2").arg(name, result.error().message);
        }
        createNext();
    });
}

void ExampleData::sendEvents()
{
    const EventCatalog catalog = m_client->catalog();
    QList<PublishRequest> requests;
    // Each webhook gets one event of each type it subscribes to, with the catalog's sample data.
    for (const auto &[id, events] : std::as_const(m_created)) {
        for (const QString &type : events) {
            const auto known = catalog.find(type);
            if (!known)
                continue;
            PublishRequest r;
            r.type = type;
            r.data = known->sample;
            r.webhookId = id;
            requests << r;
        }
    }
    m_eventsOutstanding = int(requests.size());
    if (requests.isEmpty()) {
        finishIfDone();
        return;
    }
    for (const PublishRequest &r : std::as_const(requests)) {
        m_client->publish(r, this, [this, type = r.type](Result<EnqueuedEvent> result) {
            if (result)
                ++m_eventsQueued;
            else
                m_problems << tr("%1: %2").arg(type, result.error().message);
            --m_eventsOutstanding;
            finishIfDone();
        });
    }
}

void ExampleData::finishIfDone()
{
    if (m_eventsOutstanding > 0)
        return;
    emit finished(int(m_created.size()), m_eventsQueued, m_problems);
}

} // namespace hookline
