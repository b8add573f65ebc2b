#include "HistoryView.h"

#include "BackgroundDispatcher.h"
#include "MessageBoxes.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "history/DeliveryDetailView.h"
#include "history/DeliveryTableModel.h"
#include "history/ExportFileDialog.h"
#include "history/HistoryFilterBar.h"
#include "history/WebhookPickerDialog.h"
#include "history/WebhookStatsChart.h"
#include "registry/WebhookRegistry.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace hookline {

namespace {

// Attempts can be recorded hundreds of times a second; the list looks for arrivals a few times.
constexpr int kLiveCheckMs = 300;
// Another process (the CLI) may add deliveries: look now and then while the tab is on show.
constexpr int kPollMs = 5000;
constexpr int kStatsRefreshMs = 10'000;
constexpr int kRetentionIntervalMs = 60 * 60 * 1000;
// Not in the way of the first page at start-up.
constexpr int kFirstRetentionDelayMs = 3000;

QString quoted(const QString &name)
{
    return QStringLiteral("\u201c") + name + QStringLiteral("\u201d");
}

QString countText(qint64 n)
{
    return QLocale().toString(n);
}

QFrame *makeBar(QWidget *parent, const QString &objectName, const QColor &tint)
{
    auto *bar = new QFrame(parent);
    bar->setObjectName(objectName);
    bar->setFrameShape(QFrame::StyledPanel);
    bar->setAutoFillBackground(true);
    QPalette pal = bar->palette();
    QColor background = pal.color(QPalette::Window);
    // A light wash of the tint over the window colour: readable on light and dark themes.
    background = QColor::fromRgbF(background.redF() * 0.85f + tint.redF() * 0.15f,
                                  background.greenF() * 0.85f + tint.greenF() * 0.15f,
                                  background.blueF() * 0.85f + tint.blueF() * 0.15f);
    pal.setColor(QPalette::Window, background);
    bar->setPalette(pal);
    bar->setVisible(false);
    return bar;
}

} // namespace

HistoryView::HistoryView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                         Preferences *preferences, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_dispatcher(dispatcher)
    , m_preferences(preferences)
    , m_history(new HistoryClient(this))
    , m_model(new DeliveryTableModel(m_history, this))
{
    setObjectName(QStringLiteral("historyView"));

    m_filters = new HistoryFilterBar(this);
    createActions();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 2);
    layout->setSpacing(4);
    layout->addWidget(m_filters);

    // Error or notice about the last action, naming what to fix; closed by the user.
    m_banner = makeBar(this, QStringLiteral("historyBanner"), QColor(0xd3, 0x3a, 0x2f));
    {
        auto *row = new QHBoxLayout(m_banner);
        row->setContentsMargins(8, 4, 4, 4);
        auto *icon = new QLabel(m_banner);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
        row->addWidget(icon);
        m_bannerText = new QLabel(m_banner);
        m_bannerText->setObjectName(QStringLiteral("historyBannerText"));
        m_bannerText->setWordWrap(true);
        m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
        row->addWidget(m_bannerText, 1);
        auto *close = new QToolButton(m_banner);
        close->setObjectName(QStringLiteral("historyBannerClose"));
        close->setAutoRaise(true);
        close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
        close->setToolTip(tr("Dismiss"));
        close->setAccessibleName(tr("Dismiss message"));
        connect(close, &QToolButton::clicked, this, &HistoryView::hideBanner);
        row->addWidget(close);
    }
    layout->addWidget(m_banner);

    // Toolbar: the actions on the list, and how many deliveries match.
    auto *tools = new QToolBar(this);
    tools->setObjectName(QStringLiteral("historyToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setIconSize(QSize(16, 16));
    tools->addAction(m_replayAction);
    tools->addAction(m_replayToAction);
    tools->addSeparator();
    tools->addAction(m_replayMatchingAction);
    {
        auto *exportButton = new QToolButton(tools);
        exportButton->setObjectName(QStringLiteral("historyExportButton"));
        exportButton->setText(tr("Export"));
        exportButton->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as"),
                                               style()->standardIcon(QStyle::SP_DialogSaveButton)));
        exportButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        exportButton->setPopupMode(QToolButton::InstantPopup);
        auto *menu = new QMenu(exportButton);
        menu->addAction(m_exportMatchingAction);
        menu->addAction(m_exportSelectedAction);
        exportButton->setMenu(menu);
        tools->addWidget(exportButton);
    }
    tools->addAction(m_refreshAction);
    auto *spacer = new QWidget(tools);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(spacer);
    m_countLabel = new QLabel(tools);
    m_countLabel->setObjectName(QStringLiteral("historyCount"));
    m_countLabel->setContentsMargins(0, 0, 6, 0);
    tools->addWidget(m_countLabel);
    layout->addWidget(tools);

    // Bulk replay or export under way.
    m_progress = new QWidget(this);
    m_progress->setObjectName(QStringLiteral("historyProgress"));
    {
        auto *row = new QHBoxLayout(m_progress);
        row->setContentsMargins(4, 0, 4, 0);
        m_progressText = new QLabel(m_progress);
        m_progressText->setObjectName(QStringLiteral("historyProgressText"));
        row->addWidget(m_progressText);
        m_progressBar = new QProgressBar(m_progress);
        m_progressBar->setObjectName(QStringLiteral("historyProgressBar"));
        m_progressBar->setAccessibleName(tr("Progress"));
        m_progressBar->setTextVisible(true);
        row->addWidget(m_progressBar, 1);
        m_progressCancel = new QPushButton(tr("Cancel"), m_progress);
        m_progressCancel->setObjectName(QStringLiteral("historyProgressCancel"));
        connect(m_progressCancel, &QPushButton::clicked, this, &HistoryView::cancelJob);
        row->addWidget(m_progressCancel);
    }
    m_progress->setVisible(false);
    layout->addWidget(m_progress);

    m_stats = new WebhookStatsPanel(this);
    m_stats->setVisible(false);
    layout->addWidget(m_stats);

    m_newBar = makeBar(this, QStringLiteral("newDeliveriesBar"), QColor(0x3b, 0x82, 0xd6));
    {
        auto *row = new QHBoxLayout(m_newBar);
        row->setContentsMargins(8, 2, 4, 2);
        m_newText = new QLabel(m_newBar);
        m_newText->setObjectName(QStringLiteral("newDeliveriesText"));
        row->addWidget(m_newText, 1);
        auto *show = new QPushButton(tr("Show"), m_newBar);
        show->setObjectName(QStringLiteral("newDeliveriesShow"));
        connect(show, &QPushButton::clicked, this, &HistoryView::showNewer);
        row->addWidget(show);
    }
    layout->addWidget(m_newBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("historySplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(buildListSide());
    m_detail = new DeliveryDetailView(m_splitter);
    m_detail->setMinimumWidth(340);
    m_detail->setActions({m_replayAction, m_replayToAction, m_copyCurlAction, m_copyPayloadAction});
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({760, 520});
    layout->addWidget(m_splitter, 1);

    m_statusLine = new QLabel(this);
    m_statusLine->setObjectName(QStringLiteral("historyStatusLine"));
    m_statusLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLine->setEnabled(false);
    layout->addWidget(m_statusLine);

    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(kLiveCheckMs);
    connect(m_liveTimer, &QTimer::timeout, this, &HistoryView::checkForNewer);
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(kPollMs);
    connect(m_pollTimer, &QTimer::timeout, this, &HistoryView::checkForNewer);
    m_statsTimer = new QTimer(this);
    m_statsTimer->setSingleShot(true);
    m_statsTimer->setInterval(kStatsRefreshMs);
    connect(m_statsTimer, &QTimer::timeout, this, &HistoryView::requestStats);
    m_retentionTimer = new QTimer(this);
    m_retentionTimer->setInterval(kRetentionIntervalMs);
    connect(m_retentionTimer, &QTimer::timeout, this, [this] { startRetention(false); });

    connect(m_filters, &HistoryFilterBar::filterChanged, this, &HistoryView::applyFilter);
    // Whenever the list is read again (filter, refresh, a flood of arrivals), the delivery the
    // user was looking at stays selected if it is still listed.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_reselect.isEmpty())
            m_reselect = currentDeliveryId();
    });
    connect(m_model, &DeliveryTableModel::firstPageLoaded, this, [this] {
        const QString keep = std::exchange(m_reselect, QString());
        if ((keep.isEmpty() || !selectDelivery(keep)) && currentDeliveryId().isEmpty())
            m_detail->showPlaceholder();
        updateEmptyState();
        updateActions();
    });
    connect(m_model, &DeliveryTableModel::loadFailed, this, [this](const QString &message) {
        updateEmptyState();
        if (m_model->rowCount() > 0)
            showBanner(tr("More deliveries could not be read: %1").arg(message));
    });
    connect(m_model, &DeliveryTableModel::rowsInserted, this, &HistoryView::updateEmptyState);
    connect(m_model, &DeliveryTableModel::totalCountChanged, this, &HistoryView::updateCountLabel);
    connect(m_model, &DeliveryTableModel::loadingChanged, this, &HistoryView::updateCountLabel);
    connect(m_model, &DeliveryTableModel::newerAvailable, this, [this](int n, bool more) {
        m_newBar->setVisible(n > 0);
        if (n > 0)
            m_newText->setText(more     ? tr("More than %1 new deliveries").arg(countText(n))
                               : n == 1 ? tr("1 new delivery")
                                        : tr("%1 new deliveries").arg(countText(n)));
    });
    connect(m_model, &DeliveryTableModel::rowsUpdated, this, [this](const QStringList &ids) {
        if (ids.contains(m_detail->deliveryId()))
            loadDetail(m_detail->deliveryId());
        updateActions();
    });
    connect(m_detail, &DeliveryDetailView::deliveryLinkActivated, this, [this](const QString &id) {
        // Held already: just go there. Otherwise find it by id (the search matches ids).
        if (!selectDelivery(id)) {
            m_reselect = id;
            m_filters->clear();
            m_filters->setSearchText(id);
        }
    });
    connect(m_detail, &DeliveryDetailView::leaveRequested, this,
            [this] { m_table->setFocus(Qt::OtherFocusReason); });

    connect(m_client, &RegistryClient::sessionOpened, this, &HistoryView::onSessionOpened);
    connect(m_client, &RegistryClient::webhooksChanged, this, &HistoryView::listWebhooks);
    connect(m_client, &RegistryClient::catalogChanged, this, &HistoryView::listWebhooks);
    connect(m_client, &RegistryClient::eventQueued, this, &HistoryView::scheduleLiveCheck);
    connect(m_history, &HistoryClient::replaysQueued, this, [this] {
        m_dispatcher->wake();
        scheduleLiveCheck();
    });
    connect(m_dispatcher, &BackgroundDispatcher::attemptsRecorded, this,
            &HistoryView::onAttemptsRecorded);

    updateEmptyState();
    updateCountLabel();
    updateActions();
    if (m_client->isReady())
        onSessionOpened();
}

HistoryView::~HistoryView()
{
    // Before the model and the widgets go: running jobs stop and no answer arrives late.
    delete m_history;
    m_history = nullptr;
}

QWidget *HistoryView::buildListSide()
{
    m_listPages = new QStackedWidget(m_splitter);
    m_table = new QTableView(m_listPages);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Deliveries"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setSortingEnabled(false); // newest first is the order the keys page in
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights: the view never measures rows, whatever it holds.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setMinimumSectionSize(50);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(DeliveryTableModel::EventType, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    header->resizeSection(DeliveryTableModel::Time,
                          fm.horizontalAdvance(QStringLiteral("2026-04-27 17:42:18")) + 20);
    header->resizeSection(DeliveryTableModel::Webhook, 150);
    header->resizeSection(DeliveryTableModel::Attempts, fm.horizontalAdvance(tr("Attempts")) + 20);
    header->resizeSection(DeliveryTableModel::Outcome,
                          fm.horizontalAdvance(QStringLiteral("delivered")) + 44);
    header->resizeSection(DeliveryTableModel::Response,
                          fm.horizontalAdvance(QStringLiteral("no response")) + 20);
    header->resizeSection(DeliveryTableModel::Latency,
                          fm.horizontalAdvance(QStringLiteral("10.0 s")) + 28);
    m_listPages->insertWidget(TablePage, m_table);

    auto *empty = new QWidget(m_listPages);
    empty->setObjectName(QStringLiteral("historyEmptyPage"));
    auto *column = new QVBoxLayout(empty);
    column->addStretch(1);
    m_emptyTitle = new QLabel(empty);
    m_emptyTitle->setObjectName(QStringLiteral("historyEmptyTitle"));
    QFont font = m_emptyTitle->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_emptyTitle->setFont(font);
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    m_emptyTitle->setWordWrap(true);
    column->addWidget(m_emptyTitle);
    m_emptyBody = new QLabel(empty);
    m_emptyBody->setObjectName(QStringLiteral("historyEmptyBody"));
    m_emptyBody->setAlignment(Qt::AlignCenter);
    m_emptyBody->setWordWrap(true);
    m_emptyBody->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_emptyBody);
    column->addSpacing(6);
    m_emptyButton = new QPushButton(empty);
    m_emptyButton->setObjectName(QStringLiteral("historyEmptyButton"));
    connect(m_emptyButton, &QPushButton::clicked, this, [this] {
        if (!m_model->errorText().isEmpty())
            refresh();
        else
            m_filters->clear();
    });
    column->addWidget(m_emptyButton, 0, Qt::AlignHCenter);
    column->addStretch(2);
    m_listPages->insertWidget(EmptyPage, empty);

    // The copy-id shortcut acts on the table only (Ctrl+C in the search field copies text).
    m_table->addAction(m_copyIdAction);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::onCurrentChanged);
    // A click moves the current row before it selects it: the details follow both.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryView::onCurrentChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, &HistoryView::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_detail->focusContent(); });
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, m_table);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] { m_detail->focusContent(); });
    }
    // Arrivals counted while the user was further down show once they are back at the top.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == 0 && m_model->pendingNewer() > 0)
            showNewer();
    });
    return m_listPages;
}

void HistoryView::createActions()
{
    auto make = [this](const QString &text, const QString &objectName, const QKeySequence &key,
                       const QString &tip, const QString &themeIcon = {},
                       QStyle::StandardPixmap fallback = QStyle::SP_CustomBase) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setShortcut(key);
        // Only while the focus is in this tab: the window's own shortcuts act elsewhere.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!themeIcon.isEmpty())
            action->setIcon(QIcon::fromTheme(themeIcon, fallback != QStyle::SP_CustomBase
                                                            ? style()->standardIcon(fallback)
                                                            : QIcon()));
        action->setIconText(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        action->setToolTip(key.isEmpty() ? tip
                                         : QStringLiteral("%1 (%2)").arg(
                                               tip, key.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };
    m_focusSearchAction = make(tr("Search Deliveries"), QStringLiteral("actionHistorySearch"),
                               QKeySequence(Qt::CTRL | Qt::Key_L),
                               tr("Search the event id, resource ids and payload"));
    connect(m_focusSearchAction, &QAction::triggered, m_filters, &HistoryFilterBar::focusSearch);
    m_replayAction =
        make(tr("&Replay"), QStringLiteral("actionReplay"), QKeySequence(Qt::CTRL | Qt::Key_R),
             tr("Send the same event again to the same webhook, as a new delivery"),
             QStringLiteral("view-refresh"), QStyle::SP_BrowserReload);
    m_replayToAction = make(tr("Replay &To…"), QStringLiteral("actionReplayTo"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                            tr("Send the same event to another webhook"),
                            QStringLiteral("mail-forward"), QStyle::SP_ArrowForward);
    m_replayMatchingAction =
        make(tr("Replay All &Matching…"), QStringLiteral("actionReplayMatching"), QKeySequence(),
             tr("Replay every delivery the filters show, paced per webhook"),
             QStringLiteral("media-seek-forward"), QStyle::SP_MediaSeekForward);
    m_replayMatchingToAction =
        make(tr("Replay All Matching To…"), QStringLiteral("actionReplayMatchingTo"),
             QKeySequence(), tr("Replay every delivery the filters show to another webhook"));
    m_copyCurlAction =
        make(tr("Copy as c&URL"), QStringLiteral("actionCopyCurl"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
             tr("Copy a command that sends this request again, signatures included and "
                "credentials redacted"),
             QStringLiteral("edit-copy"), QStyle::SP_FileDialogDetailedView);
    m_copyCurlAction->setIconText(tr("Copy cURL"));
    m_copyCurlSecretsAction = make(tr("Copy as cURL with &Credentials…"),
                                   QStringLiteral("actionCopyCurlWithSecrets"), QKeySequence(),
                                   tr("Copy the command with the webhook's real credentials (asks "
                                      "first)"));
    m_copyPayloadAction = make(tr("Copy &Payload"), QStringLiteral("actionCopyPayload"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                               tr("Copy the event payload exactly as it was sent"),
                               QStringLiteral("edit-copy"), QStyle::SP_FileIcon);
    m_copyPayloadAction->setIconText(tr("Copy Payload"));
    m_copyIdAction = new QAction(tr("Copy &Delivery ID"), this);
    m_copyIdAction->setObjectName(QStringLiteral("actionCopyDeliveryId"));
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_copyIdAction->setShortcutContext(Qt::WidgetShortcut); // on the table only
    m_showWebhookAction =
        make(tr("Show &Webhook's Deliveries"), QStringLiteral("actionShowWebhookDeliveries"),
             QKeySequence(), tr("Filter the list to this delivery's webhook"));
    m_exportSelectedAction =
        make(tr("Export &Selected…"), QStringLiteral("actionExportSelected"), QKeySequence(),
             tr("Save the selected deliveries as JSON "
                "Lines or HAR"));
    m_exportMatchingAction =
        make(tr("&Export All Matching…"), QStringLiteral("actionExportMatching"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
             tr("Save every delivery the filters show as JSON Lines or HAR"),
             QStringLiteral("document-save-as"), QStyle::SP_DialogSaveButton);
    m_refreshAction =
        make(tr("Re&fresh"), QStringLiteral("actionRefreshHistory"), QKeySequence(Qt::Key_F5),
             tr("Read the list again"), QStringLiteral("view-refresh"), QStyle::SP_BrowserReload);

    connect(m_replayAction, &QAction::triggered, this, &HistoryView::replaySelected);
    connect(m_replayToAction, &QAction::triggered, this, &HistoryView::replaySelectedTo);
    connect(m_replayMatchingAction, &QAction::triggered, this, &HistoryView::replayMatching);
    connect(m_replayMatchingToAction, &QAction::triggered, this, &HistoryView::replayMatchingTo);
    connect(m_copyCurlAction, &QAction::triggered, this, &HistoryView::copyCurl);
    connect(m_copyCurlSecretsAction, &QAction::triggered, this,
            &HistoryView::copyCurlWithCredentials);
    connect(m_copyPayloadAction, &QAction::triggered, this, &HistoryView::copyPayload);
    connect(m_copyIdAction, &QAction::triggered, this, &HistoryView::copyDeliveryIds);
    connect(m_showWebhookAction, &QAction::triggered, this,
            &HistoryView::showCurrentWebhookDeliveries);
    connect(m_exportSelectedAction, &QAction::triggered, this, &HistoryView::exportSelected);
    connect(m_exportMatchingAction, &QAction::triggered, this, &HistoryView::exportMatching);
    connect(m_refreshAction, &QAction::triggered, this, &HistoryView::refresh);
}

QList<QAction *> HistoryView::historyActions() const
{
    return {m_focusSearchAction,     m_replayAction,           m_replayToAction,
            m_replayMatchingAction,  m_replayMatchingToAction, m_copyCurlAction,
            m_copyCurlSecretsAction, m_copyPayloadAction,      m_copyIdAction,
            m_showWebhookAction,     m_exportSelectedAction,   m_exportMatchingAction,
            m_refreshAction};
}

void HistoryView::onSessionOpened()
{
    if (m_sessionReady)
        return;
    m_sessionReady = true;
    m_history->setSession(m_client->session());
    m_model->setClock(&m_history->clock());
    m_detail->setClock(&m_history->clock());
    listWebhooks();
    if (isVisible())
        applyFilter();
    else
        m_needsLoad = true;
    m_retentionTimer->start();
    QTimer::singleShot(kFirstRetentionDelayMs, this, [this] {
        if (!m_pruneJob)
            startRetention(m_retentionPending);
    });
    updateActions();
}

void HistoryView::listWebhooks()
{
    if (!m_client->isReady())
        return;
    m_client->list(this, [this](Result<QList<Webhook>> result) {
        if (!result)
            return; // the filter keeps the names it had; the Webhooks tab reports the error
        m_webhooks = result.value();
        m_filters->setWebhooks(m_webhooks);
        QStringList types;
        const EventCatalog catalog = m_client->catalog();
        for (const EventType &t : catalog.all())
            types << t.name;
        for (const Webhook &w : std::as_const(m_webhooks))
            types += w.events;
        m_filters->setEventTypes(types);
        if (m_stats->isVisible())
            m_stats->setWebhookName(webhookName(m_filters->webhookId()));
    });
}

void HistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_needsLoad) {
        m_needsLoad = false;
        applyFilter();
    } else if (m_sessionReady) {
        // Back on the tab: whatever arrived meanwhile.
        scheduleLiveCheck();
    }
    if (m_sessionReady)
        m_pollTimer->start();
}

void HistoryView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_pollTimer->stop();
}

void HistoryView::applyFilter()
{
    if (!m_sessionReady) {
        return;
    }
    if (!isVisible() && !m_model->hasLoaded() && !m_model->isLoading()) {
        m_needsLoad = true;
        return;
    }
    const DeliveryFilter filter = m_filters->filter(m_history->clock().nowMs());
    m_model->setFilter(filter);
    m_newBar->setVisible(false);
    m_stats->setVisible(!filter.webhookId.isEmpty());
    if (!filter.webhookId.isEmpty()) {
        m_stats->setWebhookName(webhookName(filter.webhookId));
        m_stats->setLoading(std::exchange(m_statsWebhookId, filter.webhookId) != filter.webhookId);
        requestStats();
    } else {
        m_statsWebhookId.clear();
    }
    updateEmptyState();
    updateActions();
}

void HistoryView::refresh()
{
    if (!m_sessionReady)
        return;
    applyFilter();
    listWebhooks();
}

void HistoryView::showWebhook(const QString &webhookId)
{
    if (webhookId.isEmpty())
        m_filters->setWebhookId(QString());
    else
        m_filters->setWebhookId(webhookId);
    if (!m_sessionReady)
        m_needsLoad = true;
}

void HistoryView::showCurrentWebhookDeliveries()
{
    const QString id = currentWebhookIdOfRow();
    if (!id.isEmpty())
        showWebhook(id);
}

void HistoryView::updateEmptyState()
{
    const bool empty = m_model->hasLoaded() && m_model->rowCount() == 0;
    if (!empty) {
        m_listPages->setCurrentIndex(TablePage);
        return;
    }
    if (!m_model->errorText().isEmpty()) {
        m_emptyTitle->setText(tr("The delivery history could not be read"));
        m_emptyBody->setText(m_model->errorText());
        m_emptyButton->setText(tr("Try Again"));
        m_emptyButton->setVisible(true);
    } else if (m_filters->isFiltering()) {
        m_emptyTitle->setText(tr("No delivery matches these filters"));
        m_emptyBody->setText(tr("Change or clear the filters. Deliveries that match appear here "
                                "as they happen."));
        m_emptyButton->setText(tr("Clear Filters"));
        m_emptyButton->setVisible(true);
    } else {
        m_emptyTitle->setText(tr("No deliveries yet"));
        m_emptyBody->setText(tr("Send an event from the Webhooks tab (Send Event or Send Test "
                                "Event). Every delivery, with the requests sent and the answers "
                                "received, appears here."));
        m_emptyButton->setVisible(false);
    }
    m_listPages->setCurrentIndex(EmptyPage);
}

void HistoryView::updateCountLabel()
{
    if (!m_sessionReady) {
        m_countLabel->setText(tr("Opening database…"));
        return;
    }
    const qint64 n = m_model->totalCount();
    if (n < 0) {
        m_countLabel->setText(m_model->isLoading() ? tr("Reading…") : tr("Counting…"));
        return;
    }
    const bool filtered = m_filters->isFiltering();
    if (n == 0)
        m_countLabel->setText(filtered ? tr("No matching deliveries") : tr("No deliveries"));
    else if (n == 1)
        m_countLabel->setText(filtered ? tr("1 matching delivery") : tr("1 delivery"));
    else
        m_countLabel->setText(filtered ? tr("%1 matching deliveries").arg(countText(n))
                                       : tr("%1 deliveries").arg(countText(n)));
}

void HistoryView::updateActions()
{
    const bool ready = m_sessionReady;
    const QString current = currentDeliveryId();
    const bool has = ready && !current.isEmpty();
    const int selected = int(selectedIds().size());
    const DeliveryRow *row = m_model->rowAt(m_table->currentIndex().row());
    const bool attempted = row && row->attempts > 0;
    const bool busy = m_job != nullptr;
    m_replayAction->setEnabled(has);
    m_replayAction->setText(selected > 1 ? tr("&Replay %1 Deliveries").arg(selected)
                                         : tr("&Replay"));
    m_replayToAction->setEnabled(has);
    m_copyCurlAction->setEnabled(has && attempted);
    m_copyCurlSecretsAction->setEnabled(has && attempted);
    m_copyPayloadAction->setEnabled(has);
    m_copyIdAction->setEnabled(has);
    m_showWebhookAction->setEnabled(has);
    const bool any = ready && m_model->rowCount() > 0;
    m_replayMatchingAction->setEnabled(any && !busy);
    m_replayMatchingToAction->setEnabled(any && !busy);
    m_exportMatchingAction->setEnabled(any && !busy);
    m_exportSelectedAction->setEnabled(ready && selected > 0 && !busy);
    m_refreshAction->setEnabled(ready);
    m_focusSearchAction->setEnabled(ready);
}

QString HistoryView::currentDeliveryId() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return {};
    return current.data(DeliveryTableModel::IdRole).toString();
}

QString HistoryView::currentWebhookIdOfRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.data(DeliveryTableModel::WebhookIdRole).toString()
                             : QString();
}

QStringList HistoryView::selectedIds() const
{
    return m_model->ids(m_table->selectionModel()->selectedRows());
}

bool HistoryView::selectDelivery(const QString &deliveryId)
{
    const int row = m_model->rowOf(deliveryId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, DeliveryTableModel::Time);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

bool HistoryView::isAtTop() const
{
    return m_table->verticalScrollBar()->value() == 0;
}

void HistoryView::onCurrentChanged()
{
    updateActions();
    const QString id = currentDeliveryId();
    if (id.isEmpty()) {
        m_detail->showPlaceholder();
        return;
    }
    if (id != m_detail->deliveryId() || !m_detail->detail())
        loadDetail(id);
}

void HistoryView::loadDetail(const QString &deliveryId)
{
    m_detailGeneration.advance();
    m_detail->showLoading(deliveryId);
    m_history->detail(deliveryId, m_detailGeneration.ticket(), this,
                      [this, deliveryId](Result<DeliveryDetail> detail) {
                          if (!detail) {
                              m_detail->showError(deliveryId, detail.error().message);
                              return;
                          }
                          m_detail->showDetail(detail.value());
                      });
}

void HistoryView::onAttemptsRecorded(const QList<AttemptSummary> &attempts)
{
    m_model->applyAttempts(attempts);
    scheduleLiveCheck();
    const QString statsWebhook = m_stats->isVisible() ? m_filters->webhookId() : QString();
    if (!statsWebhook.isEmpty() && !m_statsTimer->isActive())
        for (const AttemptSummary &a : attempts)
            if (a.webhookId == statsWebhook) {
                m_statsTimer->start();
                break;
            }
}

void HistoryView::scheduleLiveCheck()
{
    if (m_sessionReady && !m_liveTimer->isActive())
        m_liveTimer->start();
}

void HistoryView::checkForNewer()
{
    if (!m_sessionReady || !isVisible())
        return;
    m_model->fetchNewer(isAtTop());
}

void HistoryView::showNewer()
{
    m_newBar->setVisible(false);
    m_table->scrollToTop();
    m_model->fetchNewer(true);
}

void HistoryView::requestStats()
{
    const QString webhookId = m_filters->webhookId();
    if (webhookId.isEmpty() || !m_sessionReady)
        return;
    m_statsGeneration.advance();
    m_history->webhookStats(webhookId, m_statsGeneration.ticket(), this,
                            [this](Result<WebhookStats> stats) {
                                if (!stats) {
                                    m_stats->setStats(std::nullopt);
                                    return;
                                }
                                m_stats->setStats(stats.value());
                                // Buckets move on with the clock.
                                m_statsTimer->start(60'000);
                            });
}

void HistoryView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    if (!m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    const QString name = index.data(DeliveryTableModel::WebhookNameRole).toString();
    m_showWebhookAction->setText(tr("Show Deliveries of %1").arg(quoted(name)));
    QMenu menu(this);
    menu.addAction(m_replayAction);
    menu.addAction(m_replayToAction);
    menu.addSeparator();
    menu.addAction(m_copyCurlAction);
    menu.addAction(m_copyCurlSecretsAction);
    menu.addAction(m_copyPayloadAction);
    menu.addAction(m_copyIdAction);
    menu.addSeparator();
    menu.addAction(m_showWebhookAction);
    menu.addAction(m_exportSelectedAction);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
    m_showWebhookAction->setText(tr("Show &Webhook's Deliveries"));
}

// ---------------------------------------------------------------------------------------------
// Replay

QString HistoryView::webhookName(const QString &webhookId) const
{
    for (const Webhook &w : m_webhooks)
        if (w.id == webhookId)
            return w.name;
    return webhookId.left(8);
}

QString HistoryView::explain(const Error &error, const QString &webhookId) const
{
    const bool aboutWebhook =
        error.field == QLatin1String("webhook") || error.field == QLatin1String("to");
    if (error.code == ErrorCode::Conflict && aboutWebhook)
        return tr("The webhook %1 is disabled, so it receives nothing. Enable it in the "
                  "Webhooks tab, or use Replay To… to send the event to another webhook.")
            .arg(quoted(webhookName(webhookId)));
    if (error.code == ErrorCode::NotFound && error.field == QLatin1String("webhook"))
        return tr("The webhook of this delivery was deleted. Use Replay To… to send the event "
                  "to another webhook.");
    if (error.code == ErrorCode::NotFound && error.field == QLatin1String("to"))
        return tr("That webhook was deleted meanwhile; choose another one.");
    if (error.code == ErrorCode::NotFound && error.field == QLatin1String("id"))
        return tr("The delivery is no longer in the history (retention may have removed it).");
    return error.message;
}

void HistoryView::replaySelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    if (ids.size() > 1) {
        const auto answer = MessageBoxes::question(
            this, tr("Replay Deliveries"), tr("Replay %1 deliveries?").arg(ids.size()),
            tr("Each event is sent again to its webhook as a new delivery, signed with the "
               "webhook's current secret. The originals stay as they are."),
            tr("Replay %1").arg(ids.size()));
        if (answer != QMessageBox::Yes)
            return;
    }
    replayIds(ids, {});
}

void HistoryView::replaySelectedTo()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    const DeliveryRow *row = m_model->rowAt(m_table->currentIndex().row());
    const QString what = ids.size() == 1 && row
                             ? tr("the event %1 (%2)").arg(row->eventType, row->eventId.left(8))
                             : tr("%1 events").arg(ids.size());
    auto *dialog =
        new WebhookPickerDialog(m_webhooks, what, row ? row->webhookId : QString(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookPickerDialog::webhookChosen, this,
            [this, ids](const QString &target) { replayIds(ids, target); });
    dialog->open();
}

void HistoryView::replayIds(const QStringList &ids, const QString &targetWebhookId)
{
    hideBanner();
    auto remaining = std::make_shared<int>(int(ids.size()));
    auto replayed = std::make_shared<QStringList>();
    auto failures = std::make_shared<QStringList>();
    for (const QString &id : ids) {
        const DeliveryRow *row = m_model->rowAt(m_model->rowOf(id));
        const QString webhookId =
            !targetWebhookId.isEmpty() ? targetWebhookId : (row ? row->webhookId : QString());
        m_history->replayOne(
            id, targetWebhookId, this,
            [this, remaining, replayed, failures, webhookId](Result<ReplayedDelivery> result) {
                if (result) {
                    *replayed << result->deliveryId;
                    // The original's details list its replays.
                    if (m_detail->deliveryId() == result->replayOf)
                        loadDetail(result->replayOf);
                } else if (!failures->contains(explain(result.error(), webhookId)))
                    *failures << explain(result.error(), webhookId);
                if (--*remaining > 0)
                    return;
                if (!failures->isEmpty())
                    showBanner(replayed->isEmpty()
                                   ? tr("Not replayed. %1").arg(failures->join(QLatin1Char(' ')))
                                   : tr("%1 replayed, the others not. %2")
                                         .arg(replayed->size())
                                         .arg(failures->join(QLatin1Char(' '))));
                if (replayed->size() == 1)
                    setStatus(
                        tr("Replayed as delivery %1 to %2; it is sent shortly.")
                            .arg(replayed->constFirst().left(8), quoted(webhookName(webhookId))));
                else if (replayed->size() > 1)
                    setStatus(
                        tr("Replayed %1 deliveries; they are sent shortly.").arg(replayed->size()));
            });
    }
}

void HistoryView::replayMatching()
{
    runBulkReplay({});
}

void HistoryView::replayMatchingTo()
{
    auto *dialog = new WebhookPickerDialog(m_webhooks, tr("every delivery the filters show"),
                                           m_filters->webhookId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookPickerDialog::webhookChosen, this,
            [this](const QString &target) { runBulkReplay(target); });
    dialog->open();
}

void HistoryView::runBulkReplay(const QString &targetWebhookId)
{
    if (!m_sessionReady || m_job)
        return;
    hideBanner();
    const DeliveryFilter filter = m_model->filter();
    const bool everything = !m_filters->isFiltering();
    setStatus(tr("Counting the deliveries to replay…"));
    m_history->planBulkReplay(
        filter, targetWebhookId, this,
        [this, targetWebhookId, everything](Result<BulkReplayPlan> plan) {
            setStatus({});
            if (!plan) {
                showBanner(
                    tr("Nothing was replayed. %1").arg(explain(plan.error(), targetWebhookId)));
                return;
            }
            if (plan->count == 0) {
                setStatus(tr("Nothing to replay: no delivery matches the filters."));
                return;
            }
            const double rate = m_preferences->replayRatePerSecond();
            const QString n = countText(plan->count);
            QString where = targetWebhookId.isEmpty()
                                ? tr("Each event is sent again to its own webhook as a new "
                                     "delivery; the originals stay as they are. Deliveries of "
                                     "disabled or deleted webhooks are skipped.")
                                : tr("Each event is sent to %1 as a new delivery; the originals "
                                     "stay as they are.")
                                      .arg(quoted(webhookName(targetWebhookId)));
            where += QLatin1Char(' ') +
                     tr("At most %1 per second go to each webhook, so a recovering receiver is "
                        "not flooded.")
                         .arg(QLocale().toString(rate, 'g', 3));
            if (everything)
                where += QLatin1Char(' ') + tr("No filter is set: this is the whole history.");
            const auto answer = MessageBoxes::question(
                this, tr("Replay Deliveries"),
                plan->count == 1 ? tr("Replay 1 delivery?") : tr("Replay %1 deliveries?").arg(n),
                where, tr("Replay %1").arg(n));
            if (answer != QMessageBox::Yes)
                return;
            // Another job may have started while this one was counted or asked about: one at a
            // time, so the progress bar and Cancel belong to it.
            if (m_job) {
                showBanner(tr("Nothing was replayed: an export or replay is running. Wait for it "
                              "or cancel it, then try again."));
                return;
            }
            HistoryJob *job = m_history->executeBulkReplay(
                plan.value(), rate, this, [this, targetWebhookId](Result<BulkReplayResult> result) {
                    finishJob();
                    if (!result) {
                        showBanner(tr("The bulk replay stopped: %1")
                                       .arg(explain(result.error(), targetWebhookId)));
                        return;
                    }
                    QString text =
                        result->cancelled
                            ? tr("Bulk replay cancelled: %1 deliveries were queued before it "
                                 "stopped; they are still sent.")
                                  .arg(countText(result->enqueued))
                            : tr("Queued %1 replays.").arg(countText(result->enqueued));
                    if (result->skipped > 0)
                        text += QLatin1Char(' ') +
                                tr("%1 skipped: their webhook is disabled or deleted.")
                                    .arg(countText(result->skipped));
                    if (result->lastDueAtMs && result->enqueued > 0)
                        text += QLatin1Char(' ') +
                                tr("The last is due at %1.")
                                    .arg(QDateTime::fromMSecsSinceEpoch(*result->lastDueAtMs)
                                             .toString(QStringLiteral("HH:mm:ss")));
                    setStatus(text);
                    m_dispatcher->wake();
                    scheduleLiveCheck();
                });
            startJob(job, tr("Replaying %1 deliveries…").arg(n));
            m_progressBar->setRange(
                0, int(std::min<qint64>(plan->count, std::numeric_limits<int>::max())));
        });
}

void HistoryView::startJob(HistoryJob *job, const QString &label)
{
    m_job = job;
    m_progressText->setText(label);
    m_progressBar->setRange(0, 0);
    m_progressBar->setValue(0);
    m_progressCancel->setEnabled(true);
    m_progress->setVisible(true);
    connect(job, &HistoryJob::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0) {
            // Progress bars count in int: scale very large totals.
            const double scale = total > std::numeric_limits<int>::max()
                                     ? double(std::numeric_limits<int>::max()) / double(total)
                                     : 1.0;
            m_progressBar->setRange(0, int(double(total) * scale));
            m_progressBar->setValue(int(double(std::min(done, total)) * scale));
            m_progressBar->setFormat(tr("%1 of %2").arg(countText(done), countText(total)));
        } else {
            m_progressBar->setFormat(countText(done));
        }
    });
    updateActions();
}

void HistoryView::finishJob()
{
    m_job = nullptr;
    m_progress->setVisible(false);
    m_progressBar->setFormat(QStringLiteral("%p%"));
    updateActions();
}

void HistoryView::cancelJob()
{
    if (!m_job)
        return;
    m_job->cancel();
    m_progressCancel->setEnabled(false);
    m_progressText->setText(tr("Cancelling…"));
}

// ---------------------------------------------------------------------------------------------
// Copy

void HistoryView::copyCurl()
{
    copyCurlCommand(false);
}

void HistoryView::copyCurlWithCredentials()
{
    const QString id = currentDeliveryId();
    if (id.isEmpty())
        return;
    const DeliveryRow *row = m_model->rowAt(m_table->currentIndex().row());
    const auto answer = MessageBoxes::question(
        this, tr("Copy with Credentials"),
        tr("Copy the request with the real credentials of %1?")
            .arg(quoted(webhookName(row ? row->webhookId : QString()))),
        tr("The command will hold the webhook's authorization header (token, password or API "
           "key) in plain text. Anyone who sees it can call the receiver as Hookline. Paste it "
           "only where that is safe, and clear the clipboard afterwards."),
        tr("Copy with Credentials"));
    if (answer != QMessageBox::Yes) {
        setStatus(tr("Nothing was copied."));
        return;
    }
    copyCurlCommand(true);
}

void HistoryView::copyCurlCommand(bool includeSecrets)
{
    const QString id = currentDeliveryId();
    if (id.isEmpty())
        return;
    const int attemptNo = m_detail->deliveryId() == id ? m_detail->currentAttemptNo() : 0;
    m_history->curlCommand(
        id, attemptNo, includeSecrets, this, [this, id, includeSecrets](Result<QString> command) {
            if (!command) {
                showBanner(tr("No cURL command: %1").arg(explain(command.error(), QString())));
                return;
            }
            QGuiApplication::clipboard()->setText(command.value());
            setStatus(includeSecrets
                          ? tr("Copied a cURL command for delivery %1 with its credentials.")
                                .arg(id.left(8))
                          : tr("Copied a cURL command for delivery %1 (credentials redacted, "
                               "signatures as sent).")
                                .arg(id.left(8)));
        });
}

void HistoryView::copyPayload()
{
    const QString id = currentDeliveryId();
    if (id.isEmpty())
        return;
    if (m_detail->detail() && m_detail->detail()->row.id == id) {
        QGuiApplication::clipboard()->setText(QString::fromUtf8(m_detail->detail()->body));
        setStatus(tr("Copied the payload of delivery %1.").arg(id.left(8)));
        return;
    }
    m_history->payload(id, this, [this, id](Result<QByteArray> body) {
        if (!body) {
            showBanner(
                tr("The payload could not be read: %1").arg(explain(body.error(), QString())));
            return;
        }
        QGuiApplication::clipboard()->setText(QString::fromUtf8(body.value()));
        setStatus(tr("Copied the payload of delivery %1.").arg(id.left(8)));
    });
}

void HistoryView::copyDeliveryIds()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
    setStatus(ids.size() == 1 ? tr("Copied the delivery id %1.").arg(ids.constFirst())
                              : tr("Copied %1 delivery ids.").arg(ids.size()));
}

// ---------------------------------------------------------------------------------------------
// Export

void HistoryView::exportSelected()
{
    const QStringList ids = selectedIds();
    if (!ids.isEmpty())
        runExport(ids);
}

void HistoryView::exportMatching()
{
    runExport({});
}

void HistoryView::runExport(const QStringList &deliveryIds)
{
    if (!m_sessionReady || m_job)
        return;
    const QString suggested =
        QStringLiteral("hookline-deliveries-%1")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    const ExportFileDialog::Choice choice =
        ExportFileDialog::ask(this,
                              deliveryIds.isEmpty() ? tr("Export Matching Deliveries")
                                                    : tr("Export Selected "
                                                         "Deliveries"),
                              suggested);
    if (choice.path.isEmpty())
        return;
    if (m_job) { // started while the file was being chosen
        showBanner(tr("Nothing was exported: a replay or export is running. Wait for it or "
                      "cancel it, then try again."));
        return;
    }
    hideBanner();
    ExportRequest request;
    request.path = choice.path;
    request.format = choice.format;
    request.filter = m_model->filter();
    request.deliveryIds = deliveryIds;
    const QString file = QFileInfo(choice.path).fileName();
    const QString format = choice.format == ExportFormat::Har ? tr("HAR") : tr("JSON Lines");
    HistoryJob *job = m_history->exportDeliveries(
        request, this, [this, file, format](Result<ExportResult> result) {
            finishJob();
            if (!result) {
                showBanner(tr("The export failed and nothing was written. %1")
                               .arg(result.error().message));
                return;
            }
            if (result->cancelled) {
                setStatus(tr("Export cancelled; %1 was not written.").arg(file));
                return;
            }
            setStatus(tr("Exported %1 deliveries to %2 (%3, credentials and signatures "
                         "redacted).")
                          .arg(countText(result->deliveries), file, format));
        });
    startJob(job, tr("Exporting to %1…").arg(file));
}

// ---------------------------------------------------------------------------------------------
// Retention

void HistoryView::applyRetention()
{
    if (!m_sessionReady) {
        m_retentionPending = true;
        return;
    }
    startRetention(true);
}

void HistoryView::startRetention(bool explicitRequest)
{
    m_retentionPending = false;
    const int days = m_preferences->retentionDays();
    const qint64 keep = m_preferences->retentionCount();
    RetentionPolicy policy;
    policy.keepDays = days > 0 ? std::optional<int>(days) : std::nullopt;
    policy.keepCount = keep > 0 ? std::optional<qint64>(keep) : std::nullopt;
    if (!policy.keepDays && !policy.keepCount) {
        if (explicitRequest)
            setStatus(tr("History is kept without limit (no retention set)."));
        return;
    }
    QStringList limits;
    if (policy.keepDays)
        limits << (days == 1 ? tr("1 day") : tr("%1 days").arg(days));
    if (policy.keepCount)
        limits << tr("the newest %1").arg(countText(keep));
    const QString rule = limits.join(tr(" and "));
    if (m_pruneJob)
        m_pruneJob->cancel(); // the new settings take over
    m_pruneJob =
        m_history->prune(policy, this, [this, rule, explicitRequest](Result<PruneResult> result) {
            if (!result) {
                setStatus(tr("History was not pruned: %1").arg(result.error().message));
                return;
            }
            const qint64 n = result->deliveries;
            emit pruned(n);
            if (n > 0) {
                setStatus(result->cancelled
                              ? tr("Pruned %1 deliveries before stopping (retention: %2).")
                                    .arg(countText(n), rule)
                              : tr("Pruned %1 deliveries, %2 attempts and %3 events (retention: "
                                   "%4).")
                                    .arg(countText(n), countText(result->attempts),
                                         countText(result->events), rule));
                // Rows on show may be gone: read the list again where the user is not reading.
                if (isAtTop() && m_model->hasLoaded())
                    refresh();
            } else if (explicitRequest && !result->cancelled) {
                setStatus(tr("Retention applied (%1): nothing to prune.").arg(rule));
            }
        });
}

// ---------------------------------------------------------------------------------------------
// Messages

void HistoryView::setStatus(const QString &text)
{
    m_statusLine->setText(text);
    m_statusLine->setToolTip(text);
}

QString HistoryView::statusText() const
{
    return m_statusLine->text();
}

void HistoryView::showBanner(const QString &text)
{
    m_bannerText->setText(text);
    m_banner->setVisible(true);
}

void HistoryView::hideBanner()
{
    m_banner->setVisible(false);
}

} // namespace hookline
