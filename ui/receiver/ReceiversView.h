#pragma once

#include "Result.h"
#include "receiver/ReceiverHost.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace hookline {

class BackgroundDispatcher;
class Preferences;
class ReceivedRequestsFilter;
class ReceivedRequestsModel;
class ReceiverHistoryClient;
class ReceiverListModel;
class RegistryClient;
class RequestDetailView;
class ResponseRulesEditor;
class SnippetPanel;
class VerificationPanel;

// The Receivers tab: local receivers, the requests they got and their signature verdicts.
//
// A sidebar lists the receivers of this session (each on a thread of its own, see ReceiverHost)
// and the ones the database has requests of. For the selected one: its address (and certificate
// fingerprint for HTTPS), counts, the round-trip button, and four tabs: the live list of
// requests with a detail pane, the secrets it verifies with, how it answers, and code to verify
// the same signatures elsewhere.
class ReceiversView final : public QWidget {
    Q_OBJECT

public:
    ReceiversView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                  Preferences *preferences, QWidget *parent = nullptr);
    // Stops every receiver; what they answered is written first.
    ~ReceiversView() override;

    // The URL of the receiver selected in the list (or the first running one); empty when none
    // runs.
    QUrl currentReceiverUrl() const;
    // The selected receiver (null when none, or an earlier one that is not running).
    ReceiverHost *currentHost() const;
    // Receivers started in this session, running or not.
    QList<ReceiverHost *> hosts() const;
    // Selects a receiver by id; false when it is not listed.
    bool selectReceiver(const QString &id);

public slots:
    // Starts a receiver with the defaults from Preferences (or the next free port) and selects
    // it; receiverStarted follows, or an error is shown in the view.
    void startReceiverWithDefaults();
    // The round trip for the selected receiver: a local-testing webhook pointing at it, its
    // secret attached, a test event sent.
    void createTestWebhookForCurrent();
    // Verifies the selected receiver's requests with this webhook's secrets too.
    void attachWebhook(const QString &webhookId);
    // The start dialog (port, address, HTTPS, recording).
    void openStartDialog();
    // Stops every receiver and waits until their requests are written (window close, exit).
    void stopAll();

signals:
    void receiverStarted(const QUrl &url);
    // startReceiverWithDefaults() could not start one (the view shows why too).
    void receiverStartFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildSidebar();
    QWidget *buildEmptyPage();
    QWidget *buildReceiverPage();
    QWidget *buildRequestsTab();
    void onSessionOpened();
    void refreshRecorded();
    void refreshWebhooks();
    ReceiverHost *makeHost();
    void startHost(ReceiverHost *host, const ReceiverLaunch &launch,
                   std::function<void(Result<ReceiverStarted>)> then);
    void onHostStarted(ReceiverHost *host, bool fresh);
    void loadEarlierInto(ReceiverHost *host, qint64 beforeMs);
    void onSelectionChanged();
    void showCurrent();
    void updateHeader();
    void updateRequestsInfo();
    void onRequestSelected();
    void toggleCurrent();
    void removeCurrent();
    void runRoundTrip(ReceiverHost *host);
    void showError(const QString &text);
    void showMessage(const QString &text);
    ReceiverLaunch defaultLaunch() const;
    ReceivedRequestsModel *currentModel() const;
    // Applies the rules kept for the host's address, if it has none yet.
    void restoreRules(ReceiverHost *host);
    int currentRow() const;

    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
    ReceiverHistoryClient *m_history;
    ReceiverListModel *m_receivers;
    // Requests of an earlier receiver that is not running, read from the database.
    ReceivedRequestsModel *m_earlier;
    QString m_earlierId;
    QPointer<ReceiverHost> m_shownHost;
    QPointer<QWidget> m_watchedWindow;
    bool m_roundTripAfterStart = false;
    bool m_startingDefaults = false;

    QListView *m_list = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_emptyError = nullptr;
    QLabel *m_url = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_copyUrl = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_roundTrip = nullptr;
    QWidget *m_fingerprintRow = nullptr;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_copyFingerprint = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_info = nullptr;
    QLabel *m_counts = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_requestsInfo = nullptr;
    QLineEdit *m_filterText = nullptr;
    QComboBox *m_filterKind = nullptr;
    ReceivedRequestsFilter *m_filter = nullptr;
    QPushButton *m_clearList = nullptr;
    QSplitter *m_requestsSplitter = nullptr;
    QTableView *m_table = nullptr;
    RequestDetailView *m_detail = nullptr;
    VerificationPanel *m_verification = nullptr;
    ResponseRulesEditor *m_rules = nullptr;
    SnippetPanel *m_snippets = nullptr;
};

} // namespace hookline
