#pragma once

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

private:
    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
};

} // namespace hookline
