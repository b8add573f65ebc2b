#pragma once

#include <QWidget>

namespace hookline {

class BackgroundDispatcher;
class Preferences;
class RegistryClient;

// The History tab: every delivery, newest first, with filters, details and replay.
class HistoryView final : public QWidget {
    Q_OBJECT

public:
    HistoryView(RegistryClient *client, BackgroundDispatcher *dispatcher, Preferences *preferences,
                QWidget *parent = nullptr);
    ~HistoryView() override;

public slots:
    // Shows the deliveries of one webhook (the filter set to it); empty: all webhooks.
    void showWebhook(const QString &webhookId);
    // Reads the retention settings from Preferences again and prunes in the background.
    void applyRetention();

private:
    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
};

} // namespace hookline
