#include "MainWindow.h"

#include "AboutDialog.h"
#include "BackgroundDispatcher.h"
#include "DispatchStatusWidget.h"
#include "ExampleData.h"
#include "GettingStarted.h"
#include "MessageBoxes.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "SecretRevealDialog.h"
#include "SendEventDialog.h"
#include "SettingsDialog.h"
#include "TrayNotifier.h"
#include "WebhookDetailsView.h"
#include "WebhookDialog.h"
#include "WebhookListModel.h"
#include "history/HistoryView.h"
#include "receiver/ReceiversView.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int kStatusMessageMs = 6000;
// A webhook paused or disabled by deliveries: worth reading in full.
constexpr int kStatusChangeMessageMs = 15000;
constexpr int kDeliveryRefreshMs = 250;

// URLs differ at both ends (host and path): keep both visible when the column is narrow.
class ElideMiddleDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle;
    }
};

QLabel *makeTitle(const QString &text, QWidget *parent, qreal scale = 1.5)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

QLabel *makeBody(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}

// Paths can be longer than the page is wide: keep both ends, and the whole in the tooltip.
void setElidedPath(QLabel *label, const QString &text)
{
    label->setText(label->fontMetrics().elidedText(text, Qt::ElideMiddle, 520));
    label->setToolTip(text);
}

// A page that centres a column of explanations. The column has a fixed width so wrapped text is
// laid out at the width it is measured at (box layouts clip it when a wrapped label is aligned).
QVBoxLayout *makeCenteredColumn(QWidget *page)
{
    auto *outer = new QVBoxLayout(page);
    outer->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    auto *column = new QWidget(page);
    column->setFixedWidth(540);
    auto *layout = new QVBoxLayout(column);
    layout->setSpacing(10);
    row->addWidget(column);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    return layout;
}

QString quoted(const QString &name)
{
    return QStringLiteral("\u201c") + name + QStringLiteral("\u201d");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_preferences(std::make_unique<Preferences>())
    , m_client(new RegistryClient(this))
    , m_dispatcher(new BackgroundDispatcher(this))
    , m_model(new WebhookListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Hookline"));

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(WebhookListModel::SortRole);
    m_proxy->setFilterRole(WebhookListModel::SearchRole);
    m_proxy->setFilterKeyColumn(WebhookListModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_pages = new QStackedWidget(this);
    m_pages->insertWidget(OpeningPage, buildOpeningPage());
    m_pages->insertWidget(FailedPage, buildFailedPage());
    m_pages->insertWidget(WorkspacePage, buildWorkspace());
    m_pages->setCurrentIndex(OpeningPage);
    setCentralWidget(m_pages);

    createActions();
    createMenus();

    m_dispatchStatus = new DispatchStatusWidget(m_pauseAction, this);
    statusBar()->addPermanentWidget(m_dispatchStatus);
    m_storageLabel = new QLabel(this);
    m_storageLabel->setObjectName(QStringLiteral("storageLabel"));
    statusBar()->addPermanentWidget(m_storageLabel);

    m_clockTimer = new QTimer(this);
    m_clockTimer->setInterval(60 * 1000);
    connect(m_clockTimer, &QTimer::timeout, m_model, &WebhookListModel::refreshTimes);
    m_clockTimer->start();

    connect(m_client, &RegistryClient::sessionOpened, this, &MainWindow::onSessionOpened);
    connect(m_client, &RegistryClient::sessionFailed, this, &MainWindow::onSessionFailed);
    connect(m_client, &RegistryClient::webhooksChanged, this, [this](const QString &id) {
        if (!id.isEmpty())
            m_selectAfterRefresh = id;
        refresh();
    });
    // Whoever queued it, the dispatcher looks at once instead of at its next poll.
    connect(m_client, &RegistryClient::eventQueued, m_dispatcher, &BackgroundDispatcher::wake);

    m_deliveryRefresh = new QTimer(this);
    m_deliveryRefresh->setSingleShot(true);
    m_deliveryRefresh->setInterval(kDeliveryRefreshMs);
    connect(m_deliveryRefresh, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_dispatcher, &BackgroundDispatcher::attemptsRecorded, this,
            &MainWindow::onAttemptsRecorded);
    connect(m_dispatcher, &BackgroundDispatcher::webhookStatusChanged, this,
            &MainWindow::onWebhookStatusChanged);
    connect(m_dispatcher, &BackgroundDispatcher::statsChanged, m_dispatchStatus,
            &DispatchStatusWidget::setStats);
    connect(m_dispatcher, &BackgroundDispatcher::error, this, [this](const QString &message) {
        qWarning("hookline: dispatcher: %s", qUtf8Printable(message));
        statusBar()->showMessage(tr("Delivery problem: %1").arg(message), kStatusMessageMs);
    });

    m_tray = new TrayNotifier(this, m_pauseAction, m_quitAction, this);

    m_examples = new ExampleData(m_client, this);
    // Each example is verified by the receiver it points at.
    connect(m_examples, &ExampleData::webhookCreated, m_receivers, &ReceiversView::attachWebhook);
    connect(m_examples, &ExampleData::finished, this,
            [this](int webhooks, int events, const QStringList &problems) {
                m_guidePage->setLoadingExamples(false);
                m_guideStrip->setLoadingExamples(false);
                if (webhooks == 0) {
                    MessageBoxes::critical(this, tr("Hookline"),
                                           tr("No example webhook could be created."),
                                           problems.join(QLatin1Char('\n')));
                    return;
                }
                QString text = webhooks == 1 ? tr("Created 1 example webhook")
                                             : tr("Created %1 example webhooks").arg(webhooks);
                text +=
                    events == 1
                        ? tr(" and queued 1 event; watch it arrive in Receivers.")
                        : tr(" and queued %1 events; watch them arrive in Receivers.").arg(events);
                if (!problems.isEmpty())
                    text += QLatin1Char(' ') +
                            tr("Skipped: %1").arg(problems.join(QStringLiteral("; ")));
                statusBar()->showMessage(text, kStatusChangeMessageMs);
                showTab(Tab::Receivers);
            });

    resize(1240, 760);
    restoreWindowState();
    updateActions();
}

MainWindow::~MainWindow()
{
    // Before the registry client and the session go: the dispatcher gives its leases back.
    m_dispatcher->stop();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    m_dispatcher->stop();
    m_dispatchStatus->setState(DispatchStatusWidget::State::Stopped);
    updateActions();
    QMainWindow::closeEvent(event);
}

QWidget *MainWindow::buildOpeningPage()
{
    auto *page = new QWidget(this);
    QVBoxLayout *column = makeCenteredColumn(page);
    auto *title = makeTitle(tr("Opening database…"), page, 1.25);
    title->setObjectName(QStringLiteral("openingTitle"));
    column->addWidget(title);
    m_openingPath = makeBody(QString(), page);
    m_openingPath->setWordWrap(false);
    m_openingPath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_openingPath->setEnabled(false);
    column->addWidget(m_openingPath);
    return page;
}

QWidget *MainWindow::buildFailedPage()
{
    auto *page = new QWidget(this);
    QVBoxLayout *column = makeCenteredColumn(page);
    auto *icon = new QLabel(page);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(48, 48));
    icon->setAlignment(Qt::AlignCenter);
    column->addWidget(icon);
    m_failedTitle = makeTitle(tr("Could not open the database"), page, 1.25);
    column->addWidget(m_failedTitle);
    m_failedPath = makeBody(QString(), page);
    m_failedPath->setObjectName(QStringLiteral("failedPath"));
    m_failedPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_failedPath->setWordWrap(false);
    m_failedPath->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    column->addWidget(m_failedPath);
    m_failedMessage = makeBody(QString(), page);
    m_failedMessage->setObjectName(QStringLiteral("failedMessage"));
    m_failedMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_failedMessage);
    auto *hint = makeBody(tr("Check the database path (--db or HOOKLINE_DB) and the data key (OS "
                             "keychain, key file or HOOKLINE_MASTER_KEY), then try again."),
                          page);
    hint->setEnabled(false);
    column->addWidget(hint);
    auto *retry = new QPushButton(tr("Try Again"), page);
    retry->setObjectName(QStringLiteral("retryButton"));
    connect(retry, &QPushButton::clicked, this, [this] {
        if (m_client->isReady())
            refresh();
        else
            openSession(m_openOptions);
    });
    column->addWidget(retry, 0, Qt::AlignHCenter);
    return page;
}

QWidget *MainWindow::buildEmptyPage()
{
    auto *page = new QWidget(this);
    QVBoxLayout *column = makeCenteredColumn(page);
    column->parentWidget()->setFixedWidth(680);
    m_guidePage = makeGuide(int(GettingStartedPanel::Size::Page));
    column->addWidget(m_guidePage);
    return page;
}

GettingStartedPanel *MainWindow::makeGuide(int size)
{
    auto *guide = new GettingStartedPanel(GettingStartedPanel::Size(size), this);
    connect(guide, &GettingStartedPanel::startReceiverRequested, this,
            &MainWindow::startReceiverFromGuide);
    connect(guide, &GettingStartedPanel::registerWebhookRequested, this,
            &MainWindow::registerWebhookFromGuide);
    connect(guide, &GettingStartedPanel::sendTestRequested, this, &MainWindow::sendTestFromGuide);
    connect(guide, &GettingStartedPanel::loadExamplesRequested, this, &MainWindow::loadExampleData);
    connect(guide, &GettingStartedPanel::dismissRequested, this, &MainWindow::dismissGuide);
    return guide;
}

QWidget *MainWindow::buildWorkspace()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("workspaceTabs"));
    m_tabs->setDocumentMode(true);

    m_webhookPages = new QStackedWidget(m_tabs);
    m_webhookPages->setObjectName(QStringLiteral("webhookPages"));
    m_webhookPages->insertWidget(EmptyPage, buildEmptyPage());
    m_webhookPages->insertWidget(ListPage, buildListPage());
    // Tab mnemonics differ from the menus' (Alt+W is the Webhook menu, Alt+H Help).
    m_tabs->addTab(m_webhookPages, tr("We&bhooks"));

    m_history = new HistoryView(m_client, m_dispatcher, m_preferences.get(), m_tabs);
    m_tabs->addTab(m_history, tr("Hi&story"));
    m_receivers = new ReceiversView(m_client, m_dispatcher, m_preferences.get(), m_tabs);
    connect(m_receivers, &ReceiversView::receiverStartFailed, this, [this] {
        // The examples wait for a receiver that will not come; the view says why.
        if (std::exchange(m_examplesPending, false)) {
            m_guidePage->setLoadingExamples(false);
            m_guideStrip->setLoadingExamples(false);
        }
    });
    connect(m_receivers, &ReceiversView::receiverStarted, this, [this](const QUrl &url) {
        if (std::exchange(m_examplesPending, false)) {
            if (url.scheme() == QLatin1String("http")) {
                m_examples->load(url);
            } else {
                m_guidePage->setLoadingExamples(false);
                m_guideStrip->setLoadingExamples(false);
                MessageBoxes::critical(
                    this, tr("Hookline"), tr("The example data needs a plain HTTP receiver."),
                    tr("The receiver that started uses HTTPS (Settings → New receivers). "
                       "Start one without HTTPS in the Receivers tab, then load the examples "
                       "again."));
            }
        }
        updateGuides();
    });
    m_tabs->addTab(m_receivers, tr("&Receivers"));

    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    // A receiver may have stopped meanwhile: the guide says what is true when it is seen.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateGuides);
    return m_tabs;
}

MainWindow::Tab MainWindow::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QWidget *MainWindow::buildListPage()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);

    auto *listSide = new QWidget(m_splitter);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(6, 6, 0, 6);
    m_filter = new QLineEdit(listSide);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter by name, URL, event or status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter webhooks"));
    listLayout->addWidget(m_filter);

    m_table = new QTableView(listSide);
    m_table->setObjectName(QStringLiteral("webhookTable"));
    m_table->setModel(m_proxy);
    m_table->setAccessibleName(tr("Webhooks"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WebhookListModel::Name, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->setItemDelegateForColumn(WebhookListModel::Url, new ElideMiddleDelegate(m_table));
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setMinimumSectionSize(60);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WebhookListModel::Url, QHeaderView::Stretch);
    header->resizeSection(WebhookListModel::Status, 86);
    header->resizeSection(WebhookListModel::Name, 140);
    header->resizeSection(WebhookListModel::Events, 155);
    header->resizeSection(WebhookListModel::LastDelivery, 160);
    listLayout->addWidget(m_table, 1);

    auto *noMatch = new QLabel(listSide);
    noMatch->setObjectName(QStringLiteral("noMatchLabel"));
    noMatch->setAlignment(Qt::AlignCenter);
    noMatch->setEnabled(false);
    noMatch->setVisible(false);
    listLayout->addWidget(noMatch);

    m_details = new WebhookDetailsView(m_splitter);
    m_details->setObjectName(QStringLiteral("detailsView"));
    m_details->setMinimumWidth(300);

    m_splitter->addWidget(listSide);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({780, 460});
    m_preferences->rememberSplitter(m_splitter, QStringLiteral("mainWindow/webhookSplitter"));
    m_preferences->rememberHeader(header, QStringLiteral("mainWindow/webhookTable"));

    connect(m_filter, &QLineEdit::textChanged, this, [this, noMatch](const QString &text) {
        m_proxy->setFilterFixedString(text.trimmed());
        const bool none = m_proxy->rowCount() == 0 && m_model->rowCount() > 0;
        noMatch->setText(tr("No webhook matches %1.").arg(quoted(text.trimmed())));
        noMatch->setVisible(none);
        onSelectionChanged();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::editWebhook);
    for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, m_table);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, &MainWindow::editWebhook);
    }
    // The getting-started strip spans the whole tab, above the list and its details.
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(0);
    m_guideStrip = makeGuide(int(GettingStartedPanel::Size::Strip));
    pageLayout->addWidget(m_guideStrip);
    pageLayout->addWidget(m_splitter, 1);
    return page;
}

void MainWindow::createActions()
{
    auto make = [this](const QString &text, const QString &objectName, const QKeySequence &key,
                       const QString &themeIcon, QStyle::StandardPixmap fallback) {
        auto *action = new QAction(text, this);
        action->setObjectName(objectName);
        action->setShortcut(key);
        action->setIcon(QIcon::fromTheme(themeIcon, style()->standardIcon(fallback)));
        // Toolbar buttons act at once or open a dialog; the menu's "…" convention is noise there.
        action->setIconText(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        if (!key.isEmpty())
            action->setToolTip(QStringLiteral("%1 (%2)").arg(
                QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                key.toString(QKeySequence::NativeText)));
        addAction(action);
        return action;
    };

    m_newAction = make(tr("&New Webhook…"), QStringLiteral("actionNewWebhook"),
                       QKeySequence(Qt::CTRL | Qt::Key_N), QStringLiteral("list-add"),
                       QStyle::SP_FileDialogNewFolder);
    m_quitAction =
        make(tr("&Quit"), QStringLiteral("actionQuit"), QKeySequence(Qt::CTRL | Qt::Key_Q),
             QStringLiteral("application-exit"), QStyle::SP_DialogCloseButton);
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_editAction =
        make(tr("&Edit…"), QStringLiteral("actionEdit"), QKeySequence(Qt::CTRL | Qt::Key_E),
             QStringLiteral("document-edit"), QStyle::SP_FileDialogDetailedView);
    m_toggleAction = make(tr("&Disable"), QStringLiteral("actionToggleEnabled"),
                          QKeySequence(Qt::CTRL | Qt::Key_D),
                          QStringLiteral("media-playback-pause"), QStyle::SP_MediaPause);
    m_rotateAction = make(tr("&Rotate Secret…"), QStringLiteral("actionRotateSecret"),
                          QKeySequence(Qt::CTRL | Qt::Key_R), QStringLiteral("view-refresh"),
                          QStyle::SP_BrowserReload);
    m_deleteAction =
        make(tr("De&lete…"), QStringLiteral("actionDelete"), QKeySequence(QKeySequence::Delete),
             QStringLiteral("edit-delete"), QStyle::SP_TrashIcon);
    m_refreshAction =
        make(tr("Refres&h"), QStringLiteral("actionRefresh"), QKeySequence(Qt::Key_F5),
             QStringLiteral("view-refresh"), QStyle::SP_BrowserReload);
    m_findAction = make(tr("&Find…"), QStringLiteral("actionFind"), QKeySequence::Find,
                        QStringLiteral("edit-find"), QStyle::SP_FileDialogContentsView);
    m_aboutAction = make(tr("&About Hookline"), QStringLiteral("actionAbout"), QKeySequence(),
                         QStringLiteral("help-about"), QStyle::SP_MessageBoxInformation);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    m_settingsAction = make(
        tr("&Settings…"), QStringLiteral("actionSettings"), QKeySequence(Qt::CTRL | Qt::Key_Comma),
        QStringLiteral("preferences-system"), QStyle::SP_FileDialogDetailedView);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    m_sendEventAction = make(tr("&Send Event…"), QStringLiteral("actionSendEvent"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                             QStringLiteral("mail-send"), QStyle::SP_ArrowForward);
    m_sendTestAction = make(tr("Send &Test Event"), QStringLiteral("actionSendTestEvent"),
                            QKeySequence(Qt::CTRL | Qt::Key_T), QStringLiteral("network-transmit"),
                            QStyle::SP_DialogApplyButton);
    m_sendTestAction->setIconText(tr("Send Test"));
    m_showDeliveriesAction = make(tr("Show Deli&veries"), QStringLiteral("actionShowDeliveries"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                                  QStringLiteral("view-history"), QStyle::SP_FileDialogListView);
    m_pauseAction = make(tr("&Pause Dispatching"), QStringLiteral("actionPauseDispatching"),
                         QKeySequence(Qt::CTRL | Qt::Key_P), QStringLiteral("media-playback-pause"),
                         QStyle::SP_MediaPause);
    m_pauseAction->setCheckable(true);
    m_pauseAction->setIconText(tr("Pause"));

    const QList<std::pair<Tab, QString>> tabs = {{Tab::Webhooks, tr("&Webhooks")},
                                                 {Tab::History, tr("&History")},
                                                 {Tab::Receivers, tr("&Receivers")}};
    for (const auto &[tab, text] : tabs) {
        auto *action = new QAction(text, this);
        action->setObjectName(QStringLiteral("actionShowTab%1").arg(int(tab) + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + int(tab))));
        connect(action, &QAction::triggered, this, [this, tab = tab] { showTab(tab); });
        addAction(action);
        m_tabActions << action;
    }

    connect(m_newAction, &QAction::triggered, this, &MainWindow::newWebhook);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editWebhook);
    connect(m_toggleAction, &QAction::triggered, this, &MainWindow::toggleEnabled);
    connect(m_rotateAction, &QAction::triggered, this, &MainWindow::rotateSecret);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteWebhook);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showSettings);
    connect(m_sendEventAction, &QAction::triggered, this, &MainWindow::sendEvent);
    connect(m_sendTestAction, &QAction::triggered, this, &MainWindow::sendTestEvent);
    connect(m_pauseAction, &QAction::toggled, this, &MainWindow::setDispatchingPaused);

    // Row actions on the table's context menu too.
    connect(m_showDeliveriesAction, &QAction::triggered, this, [this] {
        const QString id = currentWebhookId();
        if (id.isEmpty())
            return;
        m_history->showWebhook(id);
        showTab(Tab::History);
    });
    m_table->addActions({m_editAction, m_toggleAction, m_rotateAction, m_sendTestAction,
                         m_showDeliveriesAction, m_deleteAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_settingsAction);

    QMenu *webhook = menuBar()->addMenu(tr("&Webhook"));
    webhook->addAction(m_editAction);
    webhook->addAction(m_toggleAction);
    webhook->addAction(m_rotateAction);
    webhook->addAction(m_sendTestAction);
    webhook->addAction(m_showDeliveriesAction);
    webhook->addSeparator();
    webhook->addAction(m_deleteAction);
    webhook->addSeparator();
    webhook->addAction(m_findAction);
    webhook->addAction(m_refreshAction);

    QMenu *events = menuBar()->addMenu(tr("Eve&nts"));
    events->addAction(m_sendEventAction);
    events->addAction(m_sendTestAction);
    events->addSeparator();
    events->addAction(m_pauseAction);

    // The History tab's own actions (replay, export, copy); they act on its list.
    QMenu *deliveries = menuBar()->addMenu(tr("&Deliveries"));
    deliveries->addActions(m_history->historyActions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions(m_tabActions);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_newAction);
    toolbar->addAction(m_sendEventAction);
    toolbar->addSeparator();
    toolbar->addAction(m_editAction);
    toolbar->addAction(m_toggleAction);
    toolbar->addAction(m_rotateAction);
    toolbar->addAction(m_sendTestAction);
    toolbar->addAction(m_deleteAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);
}

void MainWindow::openSession(const Session::Options &options)
{
    m_openOptions = options;
    setElidedPath(m_openingPath,
                  options.databasePath.isEmpty() ? Database::defaultPath() : options.databasePath);
    m_pages->setCurrentIndex(OpeningPage);
    statusBar()->showMessage(tr("Opening database…"));
    m_client->openSession(options);
    updateActions();
}

void MainWindow::setSession(std::shared_ptr<Session> session)
{
    m_client->setSession(std::move(session));
}

void MainWindow::onSessionOpened()
{
    statusBar()->clearMessage();
    m_model->setClock(&m_client->clock());
    m_details->setClock(&m_client->clock());
    const QString protection = m_client->protectionDescription();
    const QString path = m_client->databasePath();
    // The status bar also carries the delivery figures and the messages about sends: the file
    // name says which database this is; the tooltip has the path and how secrets are kept.
    m_storageLabel->setText(tr("Database: %1").arg(QFileInfo(path).fileName()));
    m_storageLabel->setToolTip(tr("Secrets: %1\nDatabase: %2").arg(protection, path));
    updateActions();
    refresh();
    startDispatching();
}

void MainWindow::startDispatching()
{
    const std::shared_ptr<Session> session = m_client->session();
    if (!session || m_dispatcher->isRunning())
        return;
    Dispatcher::Options options;
    options.database = session->database;
    options.registry = session->registry;
    // The registry's clock: the system clock, unless a test or tool injected another.
    options.clock = &session->registry->clock();
    options.autoPauseAfterFailures = m_preferences->autoPauseAfterFailures();
    m_dispatchingPauseAfter = options.autoPauseAfterFailures;
    m_dispatcher->start(std::move(options));
    m_dispatchStatus->setState(m_dispatcher->isPaused() ? DispatchStatusWidget::State::Paused
                                                        : DispatchStatusWidget::State::Running);
    updateActions();
}

void MainWindow::onSessionFailed(const QString &path, const QString &message)
{
    m_failedTitle->setText(tr("Could not open the database"));
    setElidedPath(m_failedPath, tr("Database: %1").arg(path));
    m_failedMessage->setText(message);
    m_pages->setCurrentIndex(FailedPage);
    statusBar()->showMessage(tr("Could not open the database."));
    updateActions();
}

void MainWindow::refresh()
{
    if (!m_client->isReady())
        return;
    m_deliveryRefresh->stop();
    // A change asks for its webhook to be selected once the list that includes it is back.
    const QString select = std::exchange(m_selectAfterRefresh, QString());
    m_client->list(this, [this, select](Result<QList<Webhook>> result) {
        if (!result) {
            if (!m_listedOnce) {
                // Nothing to show yet: say why in place of the list, not only in a box.
                onSessionFailed(m_client->databasePath(), result.error().message);
                m_failedTitle->setText(tr("Could not read the webhooks"));
                return;
            }
            showError(tr("The webhooks could not be listed."), result.error());
            return;
        }
        onListed(result.value(), select);
    });
}

void MainWindow::onListed(const QList<Webhook> &webhooks, const QString &select)
{
    // The selection as it is now, not as it was when the list was asked for: the user may have
    // moved on meanwhile.
    const QString keep = select.isEmpty() ? currentWebhookId() : select;
    m_model->setWebhooks(webhooks);
    m_pages->setCurrentIndex(WorkspacePage);
    m_webhookPages->setCurrentIndex(webhooks.isEmpty() ? EmptyPage : ListPage);
    updateGuides();
    if (!keep.isEmpty() && !selectWebhook(keep))
        m_table->clearSelection();
    if (!m_listedOnce) {
        m_listedOnce = true;
        m_table->setFocus();
    }
    onSelectionChanged();
}

QString MainWindow::currentWebhookId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(WebhookListModel::IdRole).toString();
}

bool MainWindow::selectWebhook(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, WebhookListModel::Name));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

std::optional<Webhook> MainWindow::currentWebhook() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const Webhook *w = m_model->webhookAt(m_proxy->mapToSource(rows.first()).row());
    if (!w)
        return std::nullopt;
    return *w;
}

void MainWindow::onSelectionChanged()
{
    m_details->setWebhook(currentWebhook());
    updateActions();
}

void MainWindow::updateActions()
{
    const bool ready = m_client->isReady();
    // Row actions (and their shortcuts, Delete among them) act on the webhooks list only while
    // it is the tab in front.
    const bool onWebhooks = m_tabs->currentIndex() == int(Tab::Webhooks);
    const std::optional<Webhook> current = ready && onWebhooks ? currentWebhook() : std::nullopt;
    const bool has = current.has_value();
    m_newAction->setEnabled(ready);
    m_refreshAction->setEnabled(ready && onWebhooks);
    m_findAction->setEnabled(ready && onWebhooks);
    m_editAction->setEnabled(has);
    m_toggleAction->setEnabled(has);
    m_rotateAction->setEnabled(has);
    m_deleteAction->setEnabled(has);
    m_sendEventAction->setEnabled(ready);
    m_sendTestAction->setEnabled(has && current->status != WebhookStatus::Disabled);
    m_showDeliveriesAction->setEnabled(has);
    m_sendTestAction->setToolTip(
        has && current->status == WebhookStatus::Disabled
            ? tr("A disabled webhook receives nothing, test events included; enable it first.")
            : tr("Send the webhook its first event's sample, once (%1)")
                  .arg(m_sendTestAction->shortcut().toString(QKeySequence::NativeText)));
    m_pauseAction->setEnabled(m_dispatcher->isRunning());

    const bool enable = has && !current->isEnabled();
    m_toggleAction->setText(enable ? tr("E&nable") : tr("&Disable"));
    m_toggleAction->setIconText(enable ? tr("Enable") : tr("Disable"));
    m_toggleAction->setIcon(enable
                                ? QIcon::fromTheme(QStringLiteral("media-playback-start"),
                                                   style()->standardIcon(QStyle::SP_MediaPlay))
                                : QIcon::fromTheme(QStringLiteral("media-playback-pause"),
                                                   style()->standardIcon(QStyle::SP_MediaPause)));
    m_toggleAction->setToolTip(
        (enable ? tr("Enable: deliver events to this webhook again")
                : tr("Disable: stop deliveries and cancel pending ones")) +
        QStringLiteral(" (%1)").arg(m_toggleAction->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::newWebhook()
{
    if (!m_client->isReady())
        return;
    auto *dialog = new WebhookDialog(m_client, WebhookDialog::Mode::New, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookDialog::created, this, [this, dialog](const WebhookWithSecret &result) {
        const QString name = quoted(result.webhook.name);
        if (dialog->sendsTestEvent()) {
            // Queued behind the creation on the registry's worker; a failed test
            // delivery pauses the webhook, with the reason (DeliveryStore).
            m_client->sendTestEvent(
                result.webhook.id, this, [this, name](Result<EnqueuedEvent> sent) {
                    if (!sent)
                        showError(tr("The test event for %1 was not sent.").arg(name),
                                  sent.error());
                });
            statusBar()->showMessage(
                m_dispatcher->isPaused()
                    ? tr("Created webhook %1; its test event waits until dispatching resumes.")
                          .arg(name)
                    : tr("Created webhook %1; sending it a test event.").arg(name),
                kStatusMessageMs);
        } else {
            statusBar()->showMessage(tr("Created webhook %1.").arg(name), kStatusMessageMs);
        }
        showSecret(result, false);
    });
    dialog->open();
}

void MainWindow::editWebhook()
{
    const auto current = currentWebhook();
    if (!current)
        return;
    auto *dialog = new WebhookDialog(m_client, WebhookDialog::Mode::Edit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWebhook(*current);
    connect(dialog, &WebhookDialog::saved, this, [this](const Webhook &webhook) {
        statusBar()->showMessage(tr("Saved webhook %1.").arg(quoted(webhook.name)),
                                 kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::toggleEnabled()
{
    const auto current = currentWebhook();
    if (!current)
        return;
    const bool enable = !current->isEnabled();
    const QString name = current->name;
    m_client->setEnabled(current->id, enable, this, [this, enable, name](Result<Webhook> result) {
        if (!result) {
            showError(enable ? tr("The webhook could not be enabled.")
                             : tr("The webhook could not be disabled."),
                      result.error());
            return;
        }
        statusBar()->showMessage(
            enable ? tr("Enabled %1; events are delivered to it again.").arg(quoted(name))
                   : tr("Disabled %1; its pending deliveries were cancelled.").arg(quoted(name)),
            kStatusMessageMs);
    });
}

void MainWindow::rotateSecret()
{
    const auto current = currentWebhook();
    if (!current)
        return;
    const auto answer = MessageBoxes::question(
        this, tr("Rotate Signing Secret"),
        tr("Rotate the signing secret of %1?").arg(quoted(current->name)),
        tr("A new secret is generated and shown once. The previous secret stays valid for 24 "
           "hours, so receivers can switch over without rejecting deliveries."),
        tr("Rotate Secret"));
    if (answer != QMessageBox::Yes)
        return;
    m_client->rotateSecret(current->id, this, [this](Result<WebhookWithSecret> result) {
        if (!result) {
            showError(tr("The secret could not be rotated."), result.error());
            return;
        }
        statusBar()->showMessage(tr("Rotated the secret of %1.").arg(quoted(result->webhook.name)),
                                 kStatusMessageMs);
        showSecret(result.value(), true);
    });
}

void MainWindow::deleteWebhook()
{
    const auto current = currentWebhook();
    if (!current)
        return;
    const auto answer = MessageBoxes::question(
        this, tr("Delete Webhook"), tr("Delete the webhook %1?").arg(quoted(current->name)),
        tr("Nothing more will be sent to %1, and its pending deliveries are cancelled. This cannot "
           "be undone.")
            .arg(current->url),
        tr("Delete"));
    if (answer != QMessageBox::Yes)
        return;
    const QString name = current->name;
    m_client->remove(current->id, this, [this, name](Status status) {
        if (!status) {
            showError(tr("The webhook could not be deleted."), status.error());
            return;
        }
        statusBar()->showMessage(tr("Deleted webhook %1.").arg(quoted(name)), kStatusMessageMs);
    });
}

void MainWindow::sendEvent()
{
    if (!m_client->isReady())
        return;
    auto *dialog = new SendEventDialog(m_client, m_model->webhooks(), currentWebhookId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SendEventDialog::sent, this, [this](const EnqueuedEvent &queued) {
        const qsizetype n = queued.deliveryIds.size();
        QString text = n == 1 ? tr("Event %1 queued for 1 webhook").arg(queued.event.type)
                              : tr("Event %1 queued for %2 webhooks").arg(queued.event.type).arg(n);
        if (m_dispatcher->isPaused())
            text += tr(" (dispatching is paused)");
        statusBar()->showMessage(text, kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::sendTestEvent()
{
    const auto current = currentWebhook();
    if (!current)
        return;
    const QString name = quoted(current->name);
    m_client->sendTestEvent(current->id, this, [this, name](Result<EnqueuedEvent> result) {
        if (!result) {
            showError(tr("The test event for %1 was not sent.").arg(name), result.error());
            return;
        }
        QString text = tr("Test event %1 queued for %2").arg(result->event.type, name);
        if (m_dispatcher->isPaused())
            text += tr(" (dispatching is paused)");
        statusBar()->showMessage(text, kStatusMessageMs);
    });
}

void MainWindow::setDispatchingPaused(bool paused)
{
    m_dispatcher->setPaused(paused);
    if (m_pauseAction->isChecked() != paused) {
        const QSignalBlocker blocker(m_pauseAction);
        m_pauseAction->setChecked(paused);
    }
    m_pauseAction->setText(paused ? tr("&Resume Dispatching") : tr("&Pause Dispatching"));
    m_pauseAction->setIconText(paused ? tr("Resume") : tr("Pause"));
    m_pauseAction->setIcon(paused ? QIcon::fromTheme(QStringLiteral("media-playback-start"),
                                                     style()->standardIcon(QStyle::SP_MediaPlay))
                                  : QIcon::fromTheme(QStringLiteral("media-playback-pause"),
                                                     style()->standardIcon(QStyle::SP_MediaPause)));
    m_pauseAction->setToolTip(
        (paused ? tr("Resume dispatching: send queued events again")
                : tr("Pause dispatching: queue events without sending them")) +
        QStringLiteral(" (%1)").arg(m_pauseAction->shortcut().toString(QKeySequence::NativeText)));
    if (m_dispatcher->isRunning())
        m_dispatchStatus->setState(paused ? DispatchStatusWidget::State::Paused
                                          : DispatchStatusWidget::State::Running);
    statusBar()->showMessage(paused ? tr("Dispatching paused; new events wait in the queue.")
                                    : tr("Dispatching resumed."),
                             kStatusMessageMs);
}

void MainWindow::onAttemptsRecorded(const QList<AttemptSummary> &attempts)
{
    if (!m_deliveryRefresh->isActive())
        m_deliveryRefresh->start();
    // A status change follows its attempts; the list may not know a webhook created just now.
    m_lastAttemptNames.clear();
    for (const AttemptSummary &a : attempts)
        m_lastAttemptNames.insert(a.webhookId, a.webhookName);
    // A test event's outcome is the answer the user is waiting for.
    for (const AttemptSummary &a : attempts) {
        if (!a.isTest)
            continue;
        if (!m_testSent) {
            m_testSent = true;
            updateGuides();
        }
        const QString name =
            quoted(a.webhookName.isEmpty() ? webhookName(a.webhookId) : a.webhookName);
        const QString what = a.responseStatus ? tr("HTTP %1").arg(*a.responseStatus) : a.error;
        QString text = a.outcome == AttemptOutcome::Delivered
                           ? tr("Test event delivered to %1 (%2).").arg(name, what)
                           : tr("Test event to %1 failed: %2.").arg(name, what);
        // A passing test does not resume a paused webhook: the user decides that.
        const Webhook *w = m_model->webhookAt(m_model->rowOf(a.webhookId));
        if (a.outcome == AttemptOutcome::Delivered && w && w->status == WebhookStatus::Paused)
            text += QLatin1Char(' ') + tr("It is still paused; enable it to resume deliveries.");
        statusBar()->showMessage(text, kStatusMessageMs);
    }
}

void MainWindow::onWebhookStatusChanged(const QString &id, WebhookStatus status,
                                        const QString &reason)
{
    const QString name = quoted(webhookName(id));
    const QString text = reason.isEmpty()
                             ? tr("%1 is now %2.").arg(name, WebhookListModel::statusText(status))
                             : tr("%1 \u2014 %2").arg(name, reason);
    statusBar()->showMessage(text, kStatusChangeMessageMs);
    if (status == WebhookStatus::Paused || status == WebhookStatus::Disabled)
        m_tray->notifyWebhookStopped(status == WebhookStatus::Paused
                                         ? tr("Webhook %1 paused").arg(name)
                                         : tr("Webhook %1 disabled").arg(name),
                                     text);
    refresh();
}

QString MainWindow::webhookName(const QString &id) const
{
    if (const Webhook *w = m_model->webhookAt(m_model->rowOf(id)))
        return w->name;
    const QString name = m_lastAttemptNames.value(id);
    return name.isEmpty() ? id.left(8) : name;
}

void MainWindow::showSecret(const WebhookWithSecret &result, bool rotated)
{
    std::optional<qint64> previousUntil;
    if (rotated)
        previousUntil = result.previousSecretExpiresAtMs;
    auto *dialog =
        new SecretRevealDialog(result.webhook.name, result.signingSecret, previousUntil, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showError(const QString &what, const Error &error)
{
    statusBar()->showMessage(what, kStatusMessageMs);
    MessageBoxes::critical(this, tr("Hookline"), what, error.message);
}

void MainWindow::showAbout()
{
    auto *dialog =
        new AboutDialog(m_client->databasePath(), m_client->protectionDescription(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_preferences.get(), m_client->databasePath(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, [this](bool databaseChanged) {
        // The running dispatcher takes a new auto-pause threshold in turn, without a restart
        // (which would abort requests under way).
        if (m_dispatchingPauseAfter != m_preferences->autoPauseAfterFailures()) {
            m_dispatchingPauseAfter = m_preferences->autoPauseAfterFailures();
            m_dispatcher->setAutoPauseAfterFailures(m_dispatchingPauseAfter);
        }
        // Retention may be shorter now: prune in the background.
        m_history->applyRetention();
        statusBar()->showMessage(
            databaseChanged
                ? tr("Settings saved; the new database location applies the next time Hookline "
                     "starts.")
                : tr("Settings saved."),
            kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::restoreWindowState()
{
    if (const QByteArray geometry =
            m_preferences->windowState(QStringLiteral("mainWindow/geometry"));
        !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = m_preferences->windowState(QStringLiteral("mainWindow/state"));
        !state.isEmpty())
        restoreState(state);
}

void MainWindow::saveWindowState()
{
    m_preferences->setWindowState(QStringLiteral("mainWindow/geometry"), saveGeometry());
    m_preferences->setWindowState(QStringLiteral("mainWindow/state"), saveState());
    m_preferences->sync();
}

void MainWindow::updateGuides()
{
    const bool hasWebhooks = m_model->rowCount() > 0;
    const QUrl receiverUrl = m_receivers->currentReceiverUrl();
    for (GettingStartedPanel *guide : {m_guidePage, m_guideStrip}) {
        guide->setReceiverUrl(receiverUrl);
        guide->setHasWebhooks(hasWebhooks);
        guide->setStepDone(GettingStartedPanel::Step::StartReceiver, !receiverUrl.isEmpty());
        guide->setStepDone(GettingStartedPanel::Step::RegisterWebhook, hasWebhooks);
        guide->setStepDone(GettingStartedPanel::Step::SendTest, m_testSent);
    }
    if (m_guideStrip->allDone() && !m_preferences->firstRunDone()) {
        m_preferences->setFirstRunDone(true);
        statusBar()->showMessage(tr("That is the whole loop: a signed event sent, received and "
                                    "verified. History shows every delivery."),
                                 kStatusChangeMessageMs);
    }
    const bool firstRun = !m_preferences->firstRunDone();
    m_guideStrip->setVisible(firstRun);
    m_guidePage->setTitle(firstRun ? tr("Welcome to Hookline") : tr("No webhooks yet"));
}

void MainWindow::dismissGuide()
{
    m_preferences->setFirstRunDone(true);
    updateGuides();
}

void MainWindow::startReceiverFromGuide()
{
    showTab(Tab::Receivers);
    if (m_receivers->currentReceiverUrl().isEmpty())
        m_receivers->startReceiverWithDefaults();
}

void MainWindow::registerWebhookFromGuide()
{
    showTab(Tab::Webhooks);
    newWebhook();
    // With a receiver running, the form starts with its address.
    const QUrl url = m_receivers->currentReceiverUrl();
    if (url.isEmpty())
        return;
    if (auto *dialog = findChild<WebhookDialog *>(); dialog && dialog->isVisible()) {
        QUrl endpoint = url;
        endpoint.setPath(QStringLiteral("/hookline"));
        dialog->setEndpoint(endpoint.toString(), url.scheme() == QLatin1String("http"));
    }
}

void MainWindow::sendTestFromGuide()
{
    // With a receiver, the round trip shows the whole loop: a webhook for it (made once, then
    // reused), its secret attached, a test event sent and verified.
    if (!m_receivers->currentReceiverUrl().isEmpty()) {
        showTab(Tab::Receivers);
        m_receivers->createTestWebhookForCurrent();
        return;
    }
    showTab(Tab::Webhooks);
    if (currentWebhookId().isEmpty() && m_proxy->rowCount() > 0)
        selectWebhook(m_proxy->index(0, 0).data(WebhookListModel::IdRole).toString());
    sendTestEvent();
}

void MainWindow::loadExampleData()
{
    if (!m_client->isReady())
        return;
    m_guidePage->setLoadingExamples(true);
    m_guideStrip->setLoadingExamples(true);
    const QUrl url = m_receivers->currentReceiverUrl();
    if (!url.isEmpty() && url.scheme() == QLatin1String("http")) {
        m_examples->load(url);
        return;
    }
    // The examples point at a plain-http receiver on loopback: start one and load once it runs.
    m_examplesPending = true;
    showTab(Tab::Receivers);
    m_receivers->startReceiverWithDefaults();
}

} // namespace hookline
