#pragma once

#include "model/Webhook.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

namespace hookline {

class RegistryClient;

// "Load example data": three example webhooks pointed at a local receiver, one per signature
// scheme people meet most (Hookline's own, Standard Webhooks, GitHub's), each subscribed to a
// few events of one seed provider, and a couple of events sent to each. Everything goes through
// RegistryClient, so nothing runs on the GUI thread. The examples' secrets are not shown: the
// caller attaches each webhook to the receiver (webhookCreated), which verifies with them.
class ExampleData final : public QObject {
    Q_OBJECT

public:
    struct Example {
        QString name;
        QString path; // appended to the receiver's URL
        QStringList events;
        SignatureScheme scheme = SignatureScheme::XWebhookSignature;
        QString description;
    };

    explicit ExampleData(RegistryClient *client, QObject *parent = nullptr);

    static QList<Example> examples();
    // The drafts for a receiver at `receiverUrl` (http on loopback: local testing).
    static QList<WebhookDraft> drafts(const QUrl &receiverUrl);

    // Creates the webhooks, then sends the events; emits finished (or failed) once.
    void load(const QUrl &receiverUrl);

signals:
    void webhookCreated(const QString &webhookId);
    // `problems`: examples that could not be created, with the reason (e.g. the per-event limit).
    void finished(int webhooks, int events, const QStringList &problems);

private:
    void createNext();
    void sendEvents();
    void finishIfDone();

    RegistryClient *m_client;
    QList<WebhookDraft> m_pending;
    // Created webhooks and the events each subscribes to.
    QList<std::pair<QString, QStringList>> m_created;
    QStringList m_problems;
    int m_eventsQueued = 0;
    int m_eventsOutstanding = 0;
};

} // namespace hookline
