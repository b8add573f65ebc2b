#pragma once

#include "Result.h"
#include "history/HistoryClient.h"
#include "model/Webhook.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QFrame;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace hookline {

class BackgroundDispatcher;
class DeliveryDetailView;
class DeliveryTableModel;
class HistoryFilterBar;
class Preferences;
class RegistryClient;
class WebhookStatsPanel;
struct AttemptSummary;

// The History tab: every delivery, newest first, with filters, details and replay.
//
// All database work goes through a HistoryClient (worker threads of its own); the list is a
// DeliveryTableModel read a page at a time. New deliveries show up as they happen: attempts the
// dispatcher records update their rows in place, and arrivals are prepended while the list is
// at the top (otherwise a bar offers them). Retention runs in the background at start, hourly
// and on applyRetention().
class HistoryView final : public QWidget {
    Q_OBJECT

public:
    HistoryView(RegistryClient *client, BackgroundDispatcher *dispatcher, Preferences *preferences,
                QWidget *parent = nullptr);
    ~HistoryView() override;

    HistoryClient *historyClient() const { return m_history; }
    DeliveryTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    HistoryFilterBar *filterBar() const { return m_filters; }
    DeliveryDetailView *detailView() const { return m_detail; }
    // The actions a menu bar may show (they act on this view's list and selection).
    QList<QAction *> historyActions() const;
    // The status line's text (what was replayed, exported or pruned).
    QString statusText() const;
    // A bulk replay or export is running.
    bool isBusy() const { return m_job != nullptr; }
    // The id of the delivery on the current row, or empty.
    QString currentDeliveryId() const;
    // Selects a held row; false when the delivery is not in the rows read so far.
    bool selectDelivery(const QString &deliveryId);

public slots:
    // Shows the deliveries of one webhook (the filter set to it); empty: all webhooks.
    void showWebhook(const QString &webhookId);
    // Reads the retention settings from Preferences again and prunes in the background.
    void applyRetention();

    void replaySelected();
    void replaySelectedTo();
    void replayMatching();
    void replayMatchingTo();
    void copyCurl();
    void copyCurlWithCredentials();
    void copyPayload();
    void copyDeliveryIds();
    void showCurrentWebhookDeliveries();
    void exportSelected();
    void exportMatching();
    void refresh();
    void cancelJob();

signals:
    // A retention run finished: how many deliveries it removed (0 included).
    void pruned(qint64 deliveries);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    enum ListPage { TablePage, EmptyPage };

    void createActions();
    QWidget *buildListSide();
    void onSessionOpened();
    void listWebhooks();
    void applyFilter();
    void updateEmptyState();
    void updateCountLabel();
    void updateActions();
    void onCurrentChanged();
    void loadDetail(const QString &deliveryId);
    void onAttemptsRecorded(const QList<AttemptSummary> &attempts);
    void scheduleLiveCheck();
    void checkForNewer();
    void showNewer();
    void requestStats();
    void showContextMenu(const QPoint &pos);
    void startRetention(bool explicitRequest);
    void runBulkReplay(const QString &targetWebhookId);
    void runExport(const QStringList &deliveryIds);
    void startJob(HistoryJob *job, const QString &label);
    void finishJob();
    void replayIds(const QStringList &ids, const QString &targetWebhookId);
    void copyCurlCommand(bool includeSecrets);
    void setStatus(const QString &text);
    void showBanner(const QString &text);
    void hideBanner();
    // A core error rewritten for this window: what to do here rather than on the command line.
    QString explain(const Error &error, const QString &webhookId) const;
    QString webhookName(const QString &webhookId) const;
    QString currentWebhookIdOfRow() const;
    QStringList selectedIds() const;
    bool isAtTop() const;

    RegistryClient *m_client;
    BackgroundDispatcher *m_dispatcher;
    Preferences *m_preferences;
    HistoryClient *m_history;
    DeliveryTableModel *m_model;

    HistoryFilterBar *m_filters = nullptr;
    WebhookStatsPanel *m_stats = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QFrame *m_newBar = nullptr;
    QLabel *m_newText = nullptr;
    QWidget *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QPushButton *m_progressCancel = nullptr;
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_listPages = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_emptyTitle = nullptr;
    QLabel *m_emptyBody = nullptr;
    QPushButton *m_emptyButton = nullptr;
    DeliveryDetailView *m_detail = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_statusLine = nullptr;

    QTimer *m_liveTimer = nullptr;
    QTimer *m_pollTimer = nullptr;
    QTimer *m_statsTimer = nullptr;
    QTimer *m_retentionTimer = nullptr;

    QAction *m_focusSearchAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_replayToAction = nullptr;
    QAction *m_replayMatchingAction = nullptr;
    QAction *m_replayMatchingToAction = nullptr;
    QAction *m_copyCurlAction = nullptr;
    QAction *m_copyCurlSecretsAction = nullptr;
    QAction *m_copyPayloadAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_showWebhookAction = nullptr;
    QAction *m_exportSelectedAction = nullptr;
    QAction *m_exportMatchingAction = nullptr;
    QAction *m_refreshAction = nullptr;

    QList<Webhook> m_webhooks;
    RequestGeneration m_detailGeneration;
    RequestGeneration m_statsGeneration;
    QPointer<HistoryJob> m_job;
    QPointer<HistoryJob> m_pruneJob;
    // The webhook the statistics panel shows.
    QString m_statsWebhookId;
    // Reselect this delivery once the first page after a reload is in.
    QString m_reselect;
    bool m_sessionReady = false;
    bool m_needsLoad = false;
    bool m_retentionPending = false;
};

} // namespace hookline
