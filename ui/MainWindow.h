#pragma once

#include "Session.h"
#include "delivery/Dispatcher.h"
#include "model/Webhook.h"

#include <QHash>
#include <QMainWindow>
#include <QUrl>

#include <memory>
#include <optional>

class QAction;
class QCloseEvent;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace hookline {

class BackgroundDispatcher;
class DispatchStatusWidget;
class ExampleData;
class GettingStartedPanel;
class HistoryView;
class Preferences;
class ReceiversView;
class RegistryClient;
class TrayNotifier;
class WebhookDetailsView;
class WebhookListModel;

// The webhooks list with a details pane, and the actions on them. All database work goes through
// RegistryClient; this window only shows what comes back.
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens the database in the background; the window says so until it is ready.
    void openSession(const Session::Options &options);
    // Uses a session that is already open (tests, tools).
    void setSession(std::shared_ptr<Session> session);

    // The tabs of the workspace, in order.
    enum class Tab { Webhooks, History, Receivers };

    RegistryClient *registryClient() const { return m_client; }
    Preferences *preferences() const { return m_preferences.get(); }
    HistoryView *historyView() const { return m_history; }
    ReceiversView *receiversView() const { return m_receivers; }
    Tab currentTab() const;
    void showTab(Tab tab);
    // Runs while a session is open; stopped when the window closes.
    BackgroundDispatcher *dispatcher() const { return m_dispatcher; }
    // The system tray icon and its messages; does nothing where there is no tray.
    TrayNotifier *trayNotifier() const { return m_tray; }
    // The selected webhook's id, or empty.
    QString currentWebhookId() const;
    // Selects a webhook by id; false when it is not listed.
    bool selectWebhook(const QString &id);

public slots:
    void refresh();
    void newWebhook();
    void editWebhook();
    void toggleEnabled();
    void rotateSecret();
    void deleteWebhook();
    void sendEvent();
    void sendTestEvent();
    void setDispatchingPaused(bool paused);
    // Edit > Settings: the Settings dialog (window-modal).
    void showSettings();
    // The getting-started guide's steps.
    void startReceiverFromGuide();
    void registerWebhookFromGuide();
    void sendTestFromGuide();
    // Example webhooks pointed at a local receiver (started first when none runs), and events.
    void loadExampleData();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    // The central area: opening the database, why it failed, or the tabs.
    enum Page { OpeningPage, FailedPage, WorkspacePage };
    // Inside the Webhooks tab.
    enum WebhookPage { EmptyPage, ListPage };

    void createActions();
    void createMenus();
    QWidget *buildOpeningPage();
    QWidget *buildFailedPage();
    QWidget *buildEmptyPage();
    QWidget *buildListPage();
    QWidget *buildWorkspace();
    void onSessionOpened();
    void onSessionFailed(const QString &path, const QString &message);
    // `select`: the webhook to select afterwards; empty keeps the current selection.
    void onListed(const QList<Webhook> &webhooks, const QString &select);
    void startDispatching();
    void onAttemptsRecorded(const QList<AttemptSummary> &attempts);
    void onWebhookStatusChanged(const QString &id, WebhookStatus status, const QString &reason);
    QString webhookName(const QString &id) const;
    void onSelectionChanged();
    void updateActions();
    void showSecret(const WebhookWithSecret &result, bool rotated);
    void showError(const QString &what, const Error &error);
    std::optional<Webhook> currentWebhook() const;
    void showAbout();
    GettingStartedPanel *makeGuide(int size);
    // Brings both guides up to date with what the user has done.
    void updateGuides();
    void dismissGuide();
    // Geometry, toolbar state and splitters, kept in Preferences between runs.
    void restoreWindowState();
    void saveWindowState();

    std::unique_ptr<Preferences> m_preferences;
    RegistryClient *m_client = nullptr;
    BackgroundDispatcher *m_dispatcher = nullptr;
    WebhookListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    Session::Options m_openOptions;

    QStackedWidget *m_pages = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_webhookPages = nullptr;
    HistoryView *m_history = nullptr;
    ReceiversView *m_receivers = nullptr;
    QLabel *m_openingPath = nullptr;
    QLabel *m_failedTitle = nullptr;
    QLabel *m_failedPath = nullptr;
    QLabel *m_failedMessage = nullptr;
    QSplitter *m_splitter = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
    WebhookDetailsView *m_details = nullptr;
    QLabel *m_storageLabel = nullptr;
    QTimer *m_clockTimer = nullptr;
    DispatchStatusWidget *m_dispatchStatus = nullptr;
    // Deliveries can be recorded hundreds of times a second; the list follows a few times.
    QTimer *m_deliveryRefresh = nullptr;

    QString m_selectAfterRefresh;
    QHash<QString, QString> m_lastAttemptNames; // webhook id -> name, from the latest attempts
    bool m_listedOnce = false;

    QAction *m_newAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_toggleAction = nullptr;
    QAction *m_rotateAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_sendEventAction = nullptr;
    QAction *m_sendTestAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_showDeliveriesAction = nullptr;
    TrayNotifier *m_tray = nullptr;
    GettingStartedPanel *m_guidePage = nullptr;
    GettingStartedPanel *m_guideStrip = nullptr;
    ExampleData *m_examples = nullptr;
    bool m_testSent = false;
    int m_dispatchingPauseAfter = 0; // the running dispatcher's threshold
    bool m_examplesPending = false;  // load once the receiver has started
    QList<QAction *> m_tabActions;
};

} // namespace hookline
