#include "MainWindow.h"

#include "MessageBoxes.h"
#include "RegistryClient.h"
#include "SecretRevealDialog.h"
#include "WebhookDetailsView.h"
#include "WebhookDialog.h"
#include "WebhookListModel.h"
#include "storage/Database.h"

#include <QAction>
#include <QApplication>
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
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int kStatusMessageMs = 6000;

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
    , m_client(new RegistryClient(this))
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
    m_pages->insertWidget(EmptyPage, buildEmptyPage());
    m_pages->insertWidget(ListPage, buildListPage());
    m_pages->setCurrentIndex(OpeningPage);
    setCentralWidget(m_pages);

    createActions();
    createMenus();

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

    resize(1240, 760);
    updateActions();
}

MainWindow::~MainWindow() = default;

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
    auto *title = makeTitle(tr("No webhooks yet"), page);
    title->setObjectName(QStringLiteral("emptyTitle"));
    column->addWidget(title);
    column->addWidget(makeBody(tr("A webhook sends the events you choose to an HTTPS endpoint, "
                                  "signed with a secret only Hookline and the receiver know. "
                                  "Create one to get started."),
                               page));
    auto *button = new QPushButton(tr("New Webhook"), page);
    button->setObjectName(QStringLiteral("emptyNewButton"));
    button->setIcon(QIcon::fromTheme(QStringLiteral("list-add"),
                                     style()->standardIcon(QStyle::SP_FileDialogNewFolder)));
    connect(button, &QPushButton::clicked, this, &MainWindow::newWebhook);
    column->addSpacing(6);
    column->addWidget(button, 0, Qt::AlignHCenter);
    return page;
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
    listLayout->addWidget(m_filter);

    m_table = new QTableView(listSide);
    m_table->setObjectName(QStringLiteral("webhookTable"));
    m_table->setModel(m_proxy);
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
    header->resizeSection(WebhookListModel::LastDelivery, 116);
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
    return m_splitter;
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
        make(tr("Re&fresh"), QStringLiteral("actionRefresh"), QKeySequence(Qt::Key_F5),
             QStringLiteral("view-refresh"), QStyle::SP_BrowserReload);
    m_findAction = make(tr("&Find…"), QStringLiteral("actionFind"), QKeySequence::Find,
                        QStringLiteral("edit-find"), QStyle::SP_FileDialogContentsView);
    m_aboutAction = make(tr("&About Hookline"), QStringLiteral("actionAbout"), QKeySequence(),
                         QStringLiteral("help-about"), QStyle::SP_MessageBoxInformation);
    m_aboutAction->setMenuRole(QAction::AboutRole);

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

    // Row actions on the table's context menu too.
    m_table->addActions({m_editAction, m_toggleAction, m_rotateAction, m_deleteAction});
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *webhook = menuBar()->addMenu(tr("&Webhook"));
    webhook->addAction(m_editAction);
    webhook->addAction(m_toggleAction);
    webhook->addAction(m_rotateAction);
    webhook->addSeparator();
    webhook->addAction(m_deleteAction);
    webhook->addSeparator();
    webhook->addAction(m_findAction);
    webhook->addAction(m_refreshAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_newAction);
    toolbar->addSeparator();
    toolbar->addAction(m_editAction);
    toolbar->addAction(m_toggleAction);
    toolbar->addAction(m_rotateAction);
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
    const QString elidedPath = m_storageLabel->fontMetrics().elidedText(path, Qt::ElideMiddle, 360);
    m_storageLabel->setText(tr("Secrets: %1  \u00b7  Database: %2").arg(protection, elidedPath));
    m_storageLabel->setToolTip(tr("Secrets: %1\nDatabase: %2").arg(protection, path));
    updateActions();
    refresh();
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
    if (m_selectAfterRefresh.isEmpty())
        m_selectAfterRefresh = currentWebhookId();
    m_client->list(this, [this](Result<QList<Webhook>> result) {
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
        onListed(result.value());
    });
}

void MainWindow::onListed(const QList<Webhook> &webhooks)
{
    const QString keep = std::exchange(m_selectAfterRefresh, QString());
    m_model->setWebhooks(webhooks);
    m_pages->setCurrentIndex(webhooks.isEmpty() ? EmptyPage : ListPage);
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
    const std::optional<Webhook> current = ready ? currentWebhook() : std::nullopt;
    const bool has = current.has_value();
    m_newAction->setEnabled(ready);
    m_refreshAction->setEnabled(ready);
    m_findAction->setEnabled(ready);
    m_editAction->setEnabled(has);
    m_toggleAction->setEnabled(has);
    m_rotateAction->setEnabled(has);
    m_deleteAction->setEnabled(has);

    const bool enable = has && !current->isEnabled();
    m_toggleAction->setText(enable ? tr("&Enable") : tr("&Disable"));
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
    connect(dialog, &WebhookDialog::created, this, [this](const WebhookWithSecret &result) {
        statusBar()->showMessage(tr("Created webhook %1.").arg(quoted(result.webhook.name)),
                                 kStatusMessageMs);
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
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Hookline"));
    box->setIconPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(48, 48));
    box->setText(tr("<b>Hookline %1</b>").arg(QApplication::applicationVersion()));
    box->setInformativeText(
        tr("A desktop console for webhooks: register endpoints, sign what is sent to them, and "
           "keep each signing secret where only you and the receiver can see it."));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

} // namespace hookline
