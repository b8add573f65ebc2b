#pragma once

#include <QUrl>
#include <QWidget>

namespace hookline {

class BackgroundDispatcher;
class Preferences;
class RegistryClient;

// The Receivers tab: local receivers, the requests they got and their signature verdicts.
class ReceiversView final : public QWidget {
    Q_OBJECT

public:
    ReceiversView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                  Preferences *preferences, QWidget *parent = nullptr);
    ~ReceiversView() override;

    // The URL of the receiver selected in the list (or the first running one); empty when none
    // runs.
    QUrl currentReceiverUrl() const;

public slots:
    // Starts a receiver with the defaults from Preferences (or the next free port) and selects
    // it; receiverStarted follows, or an error is shown in the view.
    void startReceiverWithDefaults();
    // The round trip for the selected receiver: a local-testing webhook pointing at it, its
    // secret attached, a test event sent.
    void createTestWebhookForCurrent();
    // Verifies the selected receiver's requests with this webhook's secrets too.
    void attachWebhook(const QString &webhookId);

signals:
    void receiverStarted(const QUrl &url);

private:
    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
};

} // namespace hookline
