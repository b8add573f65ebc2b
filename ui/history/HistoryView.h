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

private:
    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
};

} // namespace hookline
