#include "ReceiversView.h"

#include "BackgroundDispatcher.h"
#include "FormMessages.h"
#include "Preferences.h"
#include "ReceivedRequestsFilter.h"
#include "ReceivedRequestsModel.h"
#include "ReceiverHistoryClient.h"
#include "ReceiverListModel.h"
#include "ReceiverStartDialog.h"
#include "RegistryClient.h"
#include "RequestDetailView.h"
#include "ResponseRulesEditor.h"
#include "SnippetPanel.h"
#include "Theme.h"
#include "VerificationPanel.h"
#include "receiver/ResponseRule.h"
#include "storage/Database.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hookline {

namespace {

enum Page { EmptyPage, ReceiverPage };
enum Tab { RequestsTab, VerificationTab, ResponsesTab, SnippetTab };

// Earlier requests offered when a receiver starts again or is selected.
constexpr int kEarlierRequests = 500;
// Ports tried from the preferred one when it is in use ("Start with defaults").
constexpr int kDefaultPortAttempts = 20;
constexpr int kMessageMs = 12000;

QLabel *makeTitle(const QString &text, QWidget *parent, qreal scale)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *makeInfoBanner(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setLabelBox(label, Tone::Positive);
    label->setVisible(false);
    return label;
}

// "127.0.0.1:8787" or "[::1]:8787", as receivers name themselves.
std::optional<std::pair<QHostAddress, quint16>> parseReceiverId(const QString &id)
{
    const qsizetype colon = id.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = id.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = id.mid(colon + 1).toUInt(&ok);
    const QHostAddress address(host);
    if (!ok || port > 65535 || address.isNull())
        return std::nullopt;
    return std::pair{address, quint16(port)};
}

} // namespace

ReceiversView::ReceiversView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                             Preferences *preferences, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_dispatcher(dispatcher)
    , m_preferences(preferences)
    , m_history(new ReceiverHistoryClient(this))
    , m_receivers(new ReceiverListModel(this))
    , m_earlier(new ReceivedRequestsModel(this))
{
    setObjectName(QStringLiteral("receiversView"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("receiversSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildSidebar());

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(6, 6, 6, 0);
    m_banner = form::makeBanner(right);
    m_banner->setObjectName(QStringLiteral("receiverError"));
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rightLayout->addWidget(m_banner);
    m_info = makeInfoBanner(right, QStringLiteral("receiverMessage"));
    rightLayout->addWidget(m_info);
    m_pages = new QStackedWidget(right);
    m_pages->insertWidget(EmptyPage, buildEmptyPage());
    m_pages->insertWidget(ReceiverPage, buildReceiverPage());
    rightLayout->addWidget(m_pages, 1);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({230, 1210});
    layout->addWidget(splitter);

    connect(m_client, &RegistryClient::sessionOpened, this, &ReceiversView::onSessionOpened);
    connect(m_client, &RegistryClient::webhooksChanged, this, &ReceiversView::refreshWebhooks);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ReceiversView::onSelectionChanged);
    connect(m_receivers, &QAbstractItemModel::rowsRemoved, this, &ReceiversView::showCurrent);
    // Whatever ends the application, receivers write what they answered first.
    connect(qApp, &QCoreApplication::aboutToQuit, this, &ReceiversView::stopAll);
    if (m_client->isReady())
        onSessionOpened();
    showCurrent();
}

ReceiversView::~ReceiversView()
{
    // Views first, so nothing shows a model while its receiver goes.
    disconnect(m_receivers, nullptr, this, nullptr);
    disconnect(m_list->selectionModel(), nullptr, this, nullptr);
    m_filter->setRequestsModel(nullptr);
    m_verification->setHost(nullptr);
    m_rules->setHost(nullptr);
    const QList<ReceiverHost *> hosts = m_receivers->hosts();
    for (ReceiverHost *host : hosts)
        delete host; // stops it and writes what it answered
}

QWidget *ReceiversView::buildSidebar()
{
    auto *side = new QWidget(this);
    side->setMinimumWidth(210);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->addWidget(makeTitle(tr("Receivers"), side, 1.1));
    m_list = new QListView(side);
    m_list->setObjectName(QStringLiteral("receiverList"));
    m_list->setAccessibleName(tr("Receivers"));
    m_list->setModel(m_receivers);
    m_list->setIconSize(QSize(14, 14));
    m_list->setSpacing(3);
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    m_startButton = new QPushButton(tr("&Start Receiver…"), side);
    m_startButton->setObjectName(QStringLiteral("startReceiverButton"));
    m_startButton->setIcon(
        QIcon::fromTheme(QStringLiteral("list-add"), style()->standardIcon(QStyle::SP_MediaPlay)));
    m_startButton->setToolTip(tr("Start a receiver on a port of your choice, HTTP or HTTPS"));
    m_removeButton = new QPushButton(tr("Remove"), side);
    m_removeButton->setObjectName(QStringLiteral("removeReceiverButton"));
    m_removeButton->setToolTip(tr("Stop the receiver and take it off the list; its recorded "
                                  "requests stay in the database"));
    buttons->addWidget(m_startButton, 1);
    buttons->addWidget(m_removeButton);
    layout->addLayout(buttons);
    connect(m_startButton, &QPushButton::clicked, this, &ReceiversView::openStartDialog);
    connect(m_removeButton, &QPushButton::clicked, this, &ReceiversView::removeCurrent);
    return side;
}

QWidget *ReceiversView::buildEmptyPage()
{
    auto *page = new QWidget(this);
    auto *outer = new QVBoxLayout(page);
    outer->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    auto *column = new QWidget(page);
    column->setFixedWidth(560);
    auto *layout = new QVBoxLayout(column);
    layout->setSpacing(10);
    auto *title = makeTitle(tr("No receiver yet"), column, 1.5);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto *body = new QLabel(
        tr("A receiver is a small web server on this computer. Point webhooks at it — from "
           "Hookline, or from a real provider through your own tunnel — and watch each request "
           "arrive with a verdict on its signature that explains itself."),
        column);
    body->setWordWrap(true);
    body->setAlignment(Qt::AlignCenter);
    layout->addWidget(body);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    auto *defaults = new QPushButton(tr("Start on 127.0.0.1"), column);
    defaults->setObjectName(QStringLiteral("startDefaultsButton"));
    defaults->setToolTip(tr("Start a plain-HTTP receiver on the default port, or the next free "
                            "one"));
    auto *choose = new QPushButton(tr("Start Receiver…"), column);
    choose->setObjectName(QStringLiteral("emptyStartButton"));
    auto *roundTrip = new QPushButton(tr("Try the Whole Loop"), column);
    roundTrip->setObjectName(QStringLiteral("emptyRoundTripButton"));
    roundTrip->setToolTip(tr("Start a receiver, register a test webhook pointing at it and send "
                             "it a signed test event"));
    buttons->addWidget(defaults);
    buttons->addWidget(choose);
    buttons->addWidget(roundTrip);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    row->addWidget(column);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    connect(defaults, &QPushButton::clicked, this, &ReceiversView::startReceiverWithDefaults);
    connect(choose, &QPushButton::clicked, this, &ReceiversView::openStartDialog);
    connect(roundTrip, &QPushButton::clicked, this, &ReceiversView::createTestWebhookForCurrent);
    return page;
}

QWidget *ReceiversView::buildReceiverPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *first = new QHBoxLayout;
    m_url = makeTitle(QString(), page, 1.3);
    m_url->setObjectName(QStringLiteral("receiverUrlLabel"));
    m_url->setTextFormat(Qt::PlainText);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    first->addWidget(m_url);
    m_copyUrl = new QPushButton(tr("Copy URL"), page);
    m_copyUrl->setObjectName(QStringLiteral("copyUrlButton"));
    m_copyUrl->setIcon(QIcon::fromTheme(QStringLiteral("edit-copy")));
    first->addWidget(m_copyUrl);
    first->addSpacing(12);
    m_state = new QLabel(page);
    m_state->setObjectName(QStringLiteral("receiverStateLabel"));
    QFont stateFont = m_state->font();
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    first->addWidget(m_state);
    first->addStretch(1);
    m_roundTrip = new QPushButton(tr("Create Test Webhook"), page);
    m_roundTrip->setObjectName(QStringLiteral("roundTripButton"));
    m_roundTrip->setIcon(QIcon::fromTheme(QStringLiteral("mail-send"),
                                          style()->standardIcon(QStyle::SP_ArrowForward)));
    m_roundTrip->setToolTip(tr("Register a local-testing webhook pointing at this receiver, "
                               "attach its secret here and send it a signed test event"));
    first->addWidget(m_roundTrip);
    m_toggle = new QPushButton(page);
    m_toggle->setObjectName(QStringLiteral("toggleReceiverButton"));
    first->addWidget(m_toggle);
    layout->addLayout(first);

    m_fingerprintRow = new QWidget(page);
    auto *fingerprint = new QHBoxLayout(m_fingerprintRow);
    fingerprint->setContentsMargins(0, 0, 0, 0);
    fingerprint->addWidget(new QLabel(tr("Certificate SHA-256:"), m_fingerprintRow));
    m_fingerprint = new QLabel(m_fingerprintRow);
    m_fingerprint->setObjectName(QStringLiteral("fingerprintLabel"));
    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->addWidget(m_fingerprint, 1);
    m_copyFingerprint = new QPushButton(tr("Copy Fingerprint"), m_fingerprintRow);
    m_copyFingerprint->setObjectName(QStringLiteral("copyFingerprintButton"));
    fingerprint->addWidget(m_copyFingerprint);
    layout->addWidget(m_fingerprintRow);

    m_warning = new QLabel(page);
    m_warning->setObjectName(QStringLiteral("bindWarning"));
    m_warning->setWordWrap(true);
    setLabelBox(m_warning, Tone::Warning);
    m_warning->setVisible(false);
    layout->addWidget(m_warning);

    m_counts = new QLabel(page);
    m_counts->setObjectName(QStringLiteral("receiverCountsLabel"));
    m_counts->setTextFormat(Qt::PlainText);
    layout->addWidget(m_counts);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("receiverTabs"));
    m_tabs->insertTab(RequestsTab, buildRequestsTab(), tr("Requests"));
    m_verification = new VerificationPanel(m_tabs);
    m_tabs->insertTab(VerificationTab, m_verification, tr("Verification"));
    m_rules = new ResponseRulesEditor(m_tabs);
    m_tabs->insertTab(ResponsesTab, m_rules, tr("Responses"));
    m_snippets = new SnippetPanel(m_tabs);
    m_tabs->insertTab(SnippetTab, m_snippets, tr("Verification Snippet"));
    layout->addWidget(m_tabs, 1);

    connect(m_copyUrl, &QPushButton::clicked, this, [this] {
        if (m_shownHost)
            QApplication::clipboard()->setText(m_shownHost->url().toString());
    });
    connect(m_copyFingerprint, &QPushButton::clicked, this, [this] {
        if (m_shownHost)
            QApplication::clipboard()->setText(m_shownHost->fingerprint());
    });
    connect(m_toggle, &QPushButton::clicked, this, &ReceiversView::toggleCurrent);
    connect(m_roundTrip, &QPushButton::clicked, this, &ReceiversView::createTestWebhookForCurrent);
    connect(m_verification, &VerificationPanel::schemeAttached, m_snippets,
            &SnippetPanel::setScheme);
    connect(m_verification, &VerificationPanel::message, this, &ReceiversView::showMessage);
    connect(m_rules, &ResponseRulesEditor::message, this, &ReceiversView::showMessage);
    return page;
}

QWidget *ReceiversView::buildRequestsTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(4, 6, 4, 4);
    auto *bar = new QHBoxLayout;
    m_filterText = new QLineEdit(tab);
    m_filterText->setObjectName(QStringLiteral("requestsFilter"));
    m_filterText->setPlaceholderText(tr("Filter: path, header, body, sender…"));
    m_filterText->setToolTip(
        tr("Show only the requests containing every word typed here, in the method, path, "
           "query, status, verdict, sender address, a header or the body (not case-sensitive)"));
    m_filterText->setClearButtonEnabled(true);
    m_filterText->setMinimumWidth(
        m_filterText->fontMetrics().horizontalAdvance(m_filterText->placeholderText()) + 40);
    bar->addWidget(m_filterText);
    m_filterKind = new QComboBox(tab);
    m_filterKind->setObjectName(QStringLiteral("requestsVerdictFilter"));
    m_filterKind->setToolTip(tr("Show only requests with this kind of signature verdict"));
    m_filterKind->addItem(tr("Any verdict"));
    m_filterKind->addItem(tr("Verified"), int(VerdictStyle::Kind::Verified));
    m_filterKind->addItem(tr("Failed verification"), int(VerdictStyle::Kind::Failed));
    m_filterKind->addItem(tr("Not checked"), int(VerdictStyle::Kind::Unchecked));
    bar->addWidget(m_filterKind);
    m_requestsInfo = new QLabel(tab);
    m_requestsInfo->setObjectName(QStringLiteral("requestsInfo"));
    m_requestsInfo->setWordWrap(true);
    bar->addSpacing(8);
    bar->addWidget(m_requestsInfo, 1);
    m_clearList = new QPushButton(tr("Clear List"), tab);
    m_clearList->setObjectName(QStringLiteral("clearRequestsButton"));
    m_clearList->setToolTip(tr("Empty this list; recorded requests stay in the database"));
    bar->addWidget(m_clearList);
    layout->addLayout(bar);

    m_requestsSplitter = new QSplitter(Qt::Horizontal, tab);
    m_requestsSplitter->setObjectName(QStringLiteral("requestsSplitter"));
    m_requestsSplitter->setChildrenCollapsible(false);
    m_table = new QTableView(m_requestsSplitter);
    m_table->setObjectName(QStringLiteral("requestsTable"));
    m_table->setAccessibleName(tr("Received requests"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights: inserting thousands of rows never measures any of them.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setMinimumWidth(420);
    m_filter = new ReceivedRequestsFilter(this);
    m_table->setModel(m_filter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReceiversView::onRequestSelected);
    // New requests go on top. Someone reading further down keeps the rows they read in view.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                QScrollBar *scroll = m_table->verticalScrollBar();
                if (first == 0 && scroll->value() > 0)
                    scroll->setValue(scroll->value() +
                                     (last - first + 1) *
                                         m_table->verticalHeader()->defaultSectionSize());
            });
    // Typing filters after a short pause, not on every key: each pass reads every listed body.
    // Enter applies at once.
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(200);
    const auto applyText = [this, filterDelay] {
        filterDelay->stop();
        m_filter->setText(m_filterText->text());
        updateRequestsInfo();
    };
    connect(m_filterText, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));
    connect(filterDelay, &QTimer::timeout, this, applyText);
    connect(m_filterText, &QLineEdit::returnPressed, this, applyText);
    connect(m_filterKind, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant kind = m_filterKind->currentData();
        m_filter->setKind(kind.isValid() ? std::optional(VerdictStyle::Kind(kind.toInt()))
                                         : std::nullopt);
        updateRequestsInfo();
    });
    m_detail = new RequestDetailView(m_requestsSplitter);
    m_detail->setMinimumWidth(360);
    m_requestsSplitter->addWidget(m_table);
    m_requestsSplitter->addWidget(m_detail);
    m_requestsSplitter->setStretchFactor(0, 3);
    m_requestsSplitter->setStretchFactor(1, 2);
    m_requestsSplitter->setSizes({760, 420});
    layout->addWidget(m_requestsSplitter, 1);

    connect(m_clearList, &QPushButton::clicked, this, [this] {
        if (ReceivedRequestsModel *model = currentModel())
            model->clear();
        m_detail->setRequest(std::nullopt, false);
        updateRequestsInfo();
    });
    connect(m_detail, &RequestDetailView::expectedSignatureRequested, this,
            [this](const ReceivedRequest &request) {
                if (!m_shownHost)
                    return;
                m_shownHost->verify(
                    request, true, m_detail,
                    [this, at = request.receivedAtMs, seq = request.sequence](Verdict verdict) {
                        const auto &shown = m_detail->request();
                        if (shown && shown->receivedAtMs == at && shown->sequence == seq)
                            m_detail->showExpected(verdict);
                    });
            });
    return tab;
}

void ReceiversView::onSessionOpened()
{
    m_history->setDatabase(m_client->session()->database);
    refreshRecorded();
    refreshWebhooks();
}

void ReceiversView::refreshRecorded()
{
    if (!m_history->isReady())
        return;
    m_history->receivers(30, this, [this](Result<QList<RecordedReceiver>> result) {
        if (!result) {
            qWarning("hookline: earlier receivers: %s", qPrintable(result.error().toString()));
            return;
        }
        m_receivers->setRecorded(result.value());
        if (currentRow() < 0 && m_receivers->rowCount() > 0)
            m_list->setCurrentIndex(m_receivers->index(0));
        showCurrent();
    });
}

void ReceiversView::refreshWebhooks()
{
    if (!m_client->isReady())
        return;
    m_client->list(this, [this](Result<QList<Webhook>> result) {
        if (result)
            m_verification->setWebhooks(result.value());
    });
}

ReceiverLaunch ReceiversView::defaultLaunch() const
{
    ReceiverLaunch launch;
    launch.port = m_preferences ? m_preferences->receiverPort() : 8787;
    const QString host = m_preferences ? m_preferences->receiverHost() : QString();
    const QHostAddress address(host);
    launch.host = address.isNull() ? QHostAddress(QHostAddress::LocalHost) : address;
    launch.certificate = m_preferences && m_preferences->receiverTls()
                             ? ReceiverLaunch::Certificate::Generated
                             : ReceiverLaunch::Certificate::None;
    // Propose a port no receiver of this session uses.
    for (bool taken = true; taken && launch.port != 0 && launch.port < 65535;) {
        taken = false;
        for (ReceiverHost *h : m_receivers->hosts())
            if (h->isListening() && h->launch().port == launch.port)
                taken = true;
        if (taken)
            ++launch.port;
    }
    return launch;
}

ReceiverHost *ReceiversView::makeHost()
{
    auto *host = new ReceiverHost(m_client->session(), ReceiverHost::Placement::OwnThread, this);
    // Rules applied to a receiver are kept for the next receiver at the same address. (The host
    // is the context: showCurrent() cuts this view's connections to the host it leaves.)
    connect(host, &ReceiverHost::responseRulesApplied, host, [this, host] {
        if (!m_preferences || host->id().isEmpty())
            return;
        // The plain default is not kept: nothing to restore.
        const QByteArray json = responseRulesToJson(host->responseRules(), host->fallbackRule());
        m_preferences->setReceiverRules(
            host->id(), json == responseRulesToJson({}, ResponseRule()) ? QByteArray() : json);
    });
    connect(host, &ReceiverHost::requestsRejected, this,
            [this, host](const QList<RejectedRequest> &rejected) {
                if (host != m_shownHost || rejected.isEmpty())
                    return;
                const RejectedRequest &last = rejected.constLast();
                const QString what =
                    rejected.size() == 1
                        ? tr("Refused 1 malformed or oversized request")
                        : tr("Refused %1 malformed or oversized requests").arg(rejected.size());
                showMessage(tr("%1; the last from %2: %3 (%4).")
                                .arg(what, last.remoteAddress.toString(), last.reason)
                                .arg(last.statusCode));
            });
    return host;
}

void ReceiversView::startHost(ReceiverHost *host, const ReceiverLaunch &launch,
                              std::function<void(Result<ReceiverStarted>)> then)
{
    const bool fresh = m_receivers->rowOfHost(host) < 0;
    const qint64 startedAtMs = m_client->clock().nowMs();
    const bool record = launch.record;
    QPointer<ReceiverHost> guard(host);
    host->start(launch, this,
                [this, guard, fresh, startedAtMs, record,
                 then = std::move(then)](Result<ReceiverStarted> result) {
                    if (result && guard) {
                        m_banner->setVisible(false);
                        if (fresh) {
                            const int row = m_receivers->addHost(guard);
                            m_list->setCurrentIndex(m_receivers->index(row));
                            restoreRules(guard);
                            if (record)
                                loadEarlierInto(guard, startedAtMs);
                        }
                        showCurrent();
                        emit receiverStarted(result->url);
                    }
                    then(std::move(result));
                });
    updateHeader();
}

void ReceiversView::restoreRules(ReceiverHost *host)
{
    if (!m_preferences || !host->responseRules().isEmpty())
        return;
    const QByteArray saved = m_preferences->receiverRules(host->id());
    if (saved.isEmpty())
        return;
    auto rules = responseRulesFromJson(saved);
    Status applied =
        rules ? host->setResponseRules(rules->first, rules->second) : Status(rules.error());
    if (!applied) {
        // Settings edited by hand, or written by another version: say so and start plain.
        m_preferences->setReceiverRules(host->id(), {});
        showError(tr("The response rules kept for %1 could not be used (%2: %3); it answers "
                     "with the default.")
                      .arg(host->id(), applied.error().field, applied.error().message));
        return;
    }
    const qsizetype count = rules->first.size();
    showMessage(
        count == 0
            ? tr("Restored the default answer last used at %1 (Responses tab).").arg(host->id())
        : count == 1
            ? tr("Restored the response rule last used at %1 (Responses tab).").arg(host->id())
            : tr("Restored the %1 response rules last used at %2 (Responses tab).")
                  .arg(count)
                  .arg(host->id()));
}

void ReceiversView::loadEarlierInto(ReceiverHost *host, qint64 beforeMs)
{
    m_history->latest(host->id(), kEarlierRequests, host,
                      [this, host, beforeMs](Result<QList<ReceivedRequest>> result) {
                          if (!result)
                              return;
                          // Requests of this run reach the list through the feed.
                          QList<ReceivedRequest> earlier;
                          for (const ReceivedRequest &r : result.value())
                              if (r.receivedAtMs < beforeMs)
                                  earlier << r;
                          host->requests()->addEarlier(earlier);
                          if (host == m_shownHost)
                              updateRequestsInfo();
                      });
}

void ReceiversView::openStartDialog()
{
    if (!m_client->isReady()) {
        showError(tr("The database is not open yet; wait until it has opened."));
        return;
    }
    ReceiverLaunch initial = defaultLaunch();
    // "Start Again…" on an earlier receiver proposes where it listened.
    if (!currentHost() && currentRow() >= 0) {
        if (auto parsed = parseReceiverId(m_receivers->idAt(currentRow()))) {
            initial.host = parsed->first;
            initial.port = parsed->second;
        }
    }
    auto *dialog = new ReceiverStartDialog(initial, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReceiverStartDialog::startRequested, this,
            [this, dialog](const ReceiverLaunch &launch) {
                dialog->setBusy(true);
                ReceiverHost *host = makeHost();
                startHost(host, launch,
                          [dialog = QPointer<ReceiverStartDialog>(dialog),
                           host](Result<ReceiverStarted> result) {
                              if (!result) {
                                  host->deleteLater();
                                  if (dialog)
                                      dialog->showStartError(result.error());
                                  return;
                              }
                              if (dialog)
                                  dialog->accept();
                          });
            });
    dialog->open();
}

void ReceiversView::startReceiverWithDefaults()
{
    if (!m_client->isReady()) {
        m_roundTripAfterStart = false;
        const QString message = tr("The database is not open yet; wait until it has opened.");
        showError(message);
        emit receiverStartFailed(message);
        return;
    }
    if (m_startingDefaults)
        return; // the start under way answers (receiverStarted or receiverStartFailed)
    ReceiverLaunch launch = defaultLaunch();
    launch.portAttempts = kDefaultPortAttempts;
    m_startingDefaults = true;
    ReceiverHost *host = makeHost();
    showMessage(tr("Starting a receiver on %1…").arg(launch.host.toString()));
    startHost(host, launch, [this, host, launch](Result<ReceiverStarted> result) {
        m_startingDefaults = false;
        const bool roundTrip = std::exchange(m_roundTripAfterStart, false);
        if (!result) {
            host->deleteLater();
            const Error &e = result.error();
            emit receiverStartFailed(e.message);
            if (e.code == ErrorCode::Conflict && e.field == QLatin1String("port"))
                showError(tr("Port: %1 to %2 on %3 are all in use. Choose another port with "
                             "“Start Receiver…”, or change the default port in Settings.")
                              .arg(launch.port)
                              .arg(std::min(launch.port + kDefaultPortAttempts - 1, 65535))
                              .arg(launch.host.toString()));
            else
                showError(tr("The receiver could not start (%1): %2")
                              .arg(e.field.isEmpty() ? tr("receiver") : e.field,
                                   form::sentence(e.message)));
            return;
        }
        showMessage(tr("Listening on %1. Point a webhook at it, or click “Create Test "
                       "Webhook”.")
                        .arg(result->url.toString()));
        if (roundTrip)
            runRoundTrip(host);
    });
}

void ReceiversView::createTestWebhookForCurrent()
{
    ReceiverHost *host = currentHost();
    if (!host || !host->isListening()) {
        host = nullptr;
        for (ReceiverHost *h : m_receivers->hosts()) {
            if (h->isListening()) {
                host = h;
                m_list->setCurrentIndex(m_receivers->index(m_receivers->rowOfHost(h)));
                break;
            }
        }
    }
    if (!host) {
        // One click for the whole loop: a receiver first.
        m_roundTripAfterStart = true;
        startReceiverWithDefaults();
        return;
    }
    runRoundTrip(host);
}

void ReceiversView::runRoundTrip(ReceiverHost *host)
{
    m_roundTrip->setEnabled(false);
    showMessage(tr("Creating a test webhook for %1…").arg(host->url().toString()));
    SignatureScheme scheme =
        m_preferences ? m_preferences->defaultScheme() : SignatureScheme::XWebhookSignature;
    if (scheme == SignatureScheme::None)
        scheme = SignatureScheme::XWebhookSignature;
    host->createTestWebhook(scheme, this, [this](Result<TestWebhook> result) {
        updateHeader();
        if (!result) {
            showError(tr("The test webhook could not be created: %1")
                          .arg(form::sentence(result.error().message)));
            return;
        }
        m_client->notifyWebhooksChanged(result->webhook.id);
        if (m_dispatcher)
            m_dispatcher->wake();
        QString text =
            result->created
                ? tr("Created the local-testing webhook “%1” (%2), attached its secret here and "
                     "sent it a test %3 event.")
                : tr("Reused the local-testing webhook “%1” (%2), attached its secret here and "
                     "sent it a test %3 event.");
        text = text.arg(result->webhook.name, schemeName(result->webhook.scheme),
                        result->event.event.type);
        if (!m_dispatcher || !m_dispatcher->isRunning())
            text += QLatin1Char(' ') + tr("No dispatcher is running to deliver it.");
        else if (m_dispatcher->isPaused())
            text += QLatin1Char(' ') +
                    tr("Dispatching is paused: resume it (Ctrl+P) to deliver the event.");
        showMessage(text);
        m_snippets->setScheme(result->webhook.scheme);
        m_tabs->setCurrentIndex(RequestsTab);
    });
}

void ReceiversView::attachWebhook(const QString &webhookId)
{
    ReceiverHost *host = currentHost();
    if (!host) {
        const QList<ReceiverHost *> hosts = m_receivers->hosts();
        for (ReceiverHost *h : hosts)
            if (h->isListening() && !host)
                host = h;
        if (!host && !hosts.isEmpty())
            host = hosts.first();
        if (host)
            m_list->setCurrentIndex(m_receivers->index(m_receivers->rowOfHost(host)));
    }
    if (!host) {
        showError(tr("Start a receiver first, then use the webhook's secrets to verify its "
                     "requests."));
        return;
    }
    m_verification->attachWebhook(webhookId);
}

void ReceiversView::stopAll()
{
    const QList<ReceiverHost *> hosts = m_receivers->hosts();
    for (ReceiverHost *host : hosts)
        host->stopAndWait();
}

void ReceiversView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_watchedWindow && window() != this) {
        m_watchedWindow = window();
        m_watchedWindow->installEventFilter(this);
    }
}

bool ReceiversView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_watchedWindow && event->type() == QEvent::Close)
        stopAll();
    return QWidget::eventFilter(watched, event);
}

QUrl ReceiversView::currentReceiverUrl() const
{
    if (ReceiverHost *host = currentHost(); host && host->isListening())
        return host->url();
    for (ReceiverHost *host : m_receivers->hosts())
        if (host->isListening())
            return host->url();
    return {};
}

ReceiverHost *ReceiversView::currentHost() const
{
    return m_receivers->hostAt(currentRow());
}

QList<ReceiverHost *> ReceiversView::hosts() const
{
    return m_receivers->hosts();
}

bool ReceiversView::selectReceiver(const QString &id)
{
    const int row = m_receivers->rowOfId(id);
    if (row < 0)
        return false;
    m_list->setCurrentIndex(m_receivers->index(row));
    return true;
}

int ReceiversView::currentRow() const
{
    const QModelIndex index = m_list->currentIndex();
    return index.isValid() ? index.row() : -1;
}

ReceivedRequestsModel *ReceiversView::currentModel() const
{
    if (m_shownHost)
        return m_shownHost->requests();
    return currentRow() >= 0 ? m_earlier : nullptr;
}

void ReceiversView::onSelectionChanged()
{
    m_banner->setVisible(false);
    showCurrent();
}

void ReceiversView::showCurrent()
{
    if (currentRow() < 0 && m_receivers->rowCount() > 0)
        m_list->setCurrentIndex(m_receivers->index(0)); // comes back here
    const int row = currentRow();
    ReceiverHost *host = m_receivers->hostAt(row);
    m_removeButton->setEnabled(row >= 0);
    if (row < 0) {
        m_shownHost = nullptr;
        m_filter->setRequestsModel(nullptr);
        m_verification->setHost(nullptr);
        m_rules->setHost(nullptr);
        m_pages->setCurrentIndex(EmptyPage);
        return;
    }

    const bool switched = host != m_shownHost || (!host && m_receivers->idAt(row) != m_earlierId);
    if (m_shownHost)
        disconnect(m_shownHost, nullptr, this, nullptr);
    m_shownHost = host;
    if (host) {
        connect(host, &ReceiverHost::stateChanged, this, &ReceiversView::updateHeader);
        connect(host, &ReceiverHost::countsChanged, this, &ReceiversView::updateHeader);
        connect(host, &ReceiverHost::countsChanged, this, &ReceiversView::updateRequestsInfo);
    } else if (m_receivers->idAt(row) != m_earlierId) {
        // An earlier receiver: its latest requests, read back from the database.
        m_earlierId = m_receivers->idAt(row);
        m_earlier->clear();
        const QString id = m_earlierId;
        m_history->latest(id, kEarlierRequests, this,
                          [this, id](Result<QList<ReceivedRequest>> result) {
                              if (!result || id != m_earlierId)
                                  return;
                              m_earlier->addEarlier(result.value());
                              updateRequestsInfo();
                          });
    }

    ReceivedRequestsModel *model = host ? host->requests() : m_earlier;
    if (m_filter->requestsModel() != model) {
        m_filter->setRequestsModel(model);
        QHeaderView *header = m_table->horizontalHeader();
        header->setSectionResizeMode(QHeaderView::Interactive);
        header->setSectionResizeMode(ReceivedRequestsModel::Path, QHeaderView::Stretch);
        const QFontMetrics metrics = m_table->fontMetrics();
        const auto fit = [&metrics](const QString &sample) {
            return metrics.horizontalAdvance(sample) + 18;
        };
        header->resizeSection(ReceivedRequestsModel::Time, fit(QStringLiteral("00:00:00.000")));
        header->resizeSection(ReceivedRequestsModel::Method, fit(QStringLiteral("DELETE")));
        header->resizeSection(ReceivedRequestsModel::Status, fit(QStringLiteral("Status")));
        // The verdict is bold, after its icon.
        QFont bold = m_table->font();
        bold.setBold(true);
        header->resizeSection(ReceivedRequestsModel::Verdict,
                              QFontMetrics(bold).horizontalAdvance(tr("Signature mismatch")) +
                                  m_table->style()->pixelMetric(QStyle::PM_SmallIconSize) + 36);
        header->resizeSection(ReceivedRequestsModel::Size, fit(QStringLiteral("999.9 KB")));
        header->resizeSection(ReceivedRequestsModel::Remote,
                              fit(QStringLiteral("127.0.0.1:65535")));
    }
    if (switched)
        m_detail->setRequest(std::nullopt, false);
    m_verification->setHost(host);
    m_rules->setHost(host);
    if (host && switched && !host->schemes().isEmpty())
        m_snippets->setScheme(host->schemes().constFirst());
    m_pages->setCurrentIndex(ReceiverPage);
    updateHeader();
    updateRequestsInfo();
}

void ReceiversView::updateHeader()
{
    const int row = currentRow();
    ReceiverHost *host = m_shownHost;
    if (row < 0)
        return;
    if (!host) {
        const RecordedReceiver *recorded = m_receivers->recordedAt(row);
        m_url->setText(m_receivers->idAt(row));
        m_state->setText(tr("Not running · from an earlier session"));
        setLabelTone(m_state, Tone::Muted);
        m_toggle->setText(tr("Start Again…"));
        m_toggle->setEnabled(true);
        m_toggle->setToolTip(tr("Start a receiver at this address again; its earlier requests "
                                "stay listed"));
        m_copyUrl->setEnabled(false);
        m_roundTrip->setEnabled(false);
        m_roundTrip->setToolTip(tr("Start the receiver first."));
        m_fingerprintRow->setVisible(false);
        m_warning->setVisible(false);
        m_counts->setText(!recorded ? QString()
                          : recorded->requests == 1
                              ? tr("1 request recorded.")
                              : tr("%1 requests recorded.").arg(recorded->requests));
        return;
    }
    m_url->setText(host->url().isEmpty() ? host->id() : host->url().toString());
    m_copyUrl->setEnabled(!host->url().isEmpty());
    switch (host->state()) {
    case ReceiverHost::State::Listening:
        m_state->setText(tr("● Listening"));
        setLabelTone(m_state, Tone::Positive);
        m_toggle->setText(tr("Stop"));
        m_toggle->setEnabled(true);
        m_toggle->setToolTip(tr("Stop listening; every answered request is written first"));
        break;
    case ReceiverHost::State::Stopped:
        m_state->setText(tr("○ Stopped"));
        setLabelTone(m_state, Tone::Muted);
        m_toggle->setText(tr("Start Again"));
        m_toggle->setEnabled(true);
        m_toggle->setToolTip(tr("Listen again on the same address and port"));
        break;
    case ReceiverHost::State::Starting:
        m_state->setText(tr("Starting…"));
        setLabelTone(m_state, Tone::Warning);
        m_toggle->setEnabled(false);
        break;
    case ReceiverHost::State::Stopping:
        m_state->setText(tr("Stopping…"));
        setLabelTone(m_state, Tone::Warning);
        m_toggle->setEnabled(false);
        break;
    }
    m_roundTrip->setEnabled(host->isListening());
    m_roundTrip->setToolTip(
        host->isListening()
            ? tr("Register a local-testing webhook pointing at this receiver, attach its secret "
                 "here and send it a signed test event")
            : tr("Start the receiver first."));
    const QString fingerprint = host->fingerprint();
    m_fingerprintRow->setVisible(!fingerprint.isEmpty() && host->launch().isTls());
    m_fingerprint->setText(fingerprint);
    m_fingerprint->setToolTip(host->certificateDescription());
    QStringList warnings;
    if (host->isListening())
        warnings = host->warnings();
    m_warning->setText(warnings.join(QLatin1Char('\n')));
    m_warning->setVisible(!warnings.isEmpty());

    const ReceiverHost::Counts &c = host->counts();
    QString counts = tr("%1 received · %2 verified · %3 failed verification")
                         .arg(c.received)
                         .arg(c.verified)
                         .arg(c.failed);
    if (c.rejected > 0)
        counts += tr(" · %1 refused as malformed").arg(c.rejected);
    if (!host->launch().record)
        counts += tr(" · not recorded");
    m_counts->setText(counts);
}

void ReceiversView::updateRequestsInfo()
{
    ReceivedRequestsModel *model = currentModel();
    if (!model) {
        m_requestsInfo->clear();
        return;
    }
    const int rows = model->rowCount();
    QStringList parts;
    if (rows > 0 && m_filter->isActive()) {
        const int shown = m_filter->rowCount();
        if (shown == 0)
            parts << (rows == 1 ? tr("The listed request does not match the filter")
                                : tr("None of the %1 listed requests match the filter").arg(rows));
        else if (rows == 1)
            parts << tr("1 of 1 request matches");
        else
            parts << (shown == 1
                          ? tr("1 of %1 requests matches").arg(rows)
                          : tr("%1 of %2 requests match, newest first").arg(shown).arg(rows));
        if (model->droppedRows() > 0)
            parts << tr("older ones are in the database");
    } else if (rows == 0) {
        if (m_shownHost && m_shownHost->isListening())
            parts << tr("Waiting for requests at %1 — any method, any path.")
                         .arg(m_shownHost->url().toString());
        else
            parts << tr("No requests.");
    } else {
        parts << (rows == 1 ? tr("1 request") : tr("%1 requests, newest first").arg(rows));
        if (model->earlierRows() > 0)
            parts << tr("%1 recorded earlier (grey)").arg(model->earlierRows());
        if (model->droppedRows() > 0)
            parts << tr("the list keeps the newest %1; older ones are in the database")
                         .arg(model->maxRows());
    }
    if (m_shownHost && m_shownHost->counts().notShown > 0)
        parts
            << tr("%1 arrived too fast to list (all recorded)").arg(m_shownHost->counts().notShown);
    m_requestsInfo->setText(parts.join(QStringLiteral(" · ")));
}

void ReceiversView::onRequestSelected()
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return; // a row trimmed away or filtered out: the pane keeps showing it
    const ReceivedRequest *request = m_filter->requestAt(index.row());
    if (!request)
        return;
    m_detail->setRequest(*request, m_shownHost != nullptr);
}

void ReceiversView::toggleCurrent()
{
    ReceiverHost *host = m_shownHost;
    if (!host) {
        openStartDialog();
        return;
    }
    if (host->isListening()) {
        host->stop();
        return;
    }
    if (host->state() != ReceiverHost::State::Stopped)
        return;
    startHost(host, host->launch(), [this](Result<ReceiverStarted> result) {
        if (!result) {
            const Error &e = result.error();
            showError(e.code == ErrorCode::Conflict && e.field == QLatin1String("port")
                          ? ReceiverStartDialog::portInUseMessage(
                                m_shownHost ? m_shownHost->launch().host : QHostAddress(),
                                m_shownHost ? m_shownHost->launch().port : 0)
                          : form::sentence(e.message));
        }
    });
}

void ReceiversView::removeCurrent()
{
    const int row = currentRow();
    if (row < 0)
        return;
    ReceiverHost *host = m_receivers->hostAt(row);
    if (host == m_shownHost) {
        m_filter->setRequestsModel(nullptr);
        m_verification->setHost(nullptr);
        m_rules->setHost(nullptr);
        m_shownHost = nullptr;
    }
    m_receivers->removeAt(row);
    m_earlierId.clear(); // read its requests again if it comes back as an earlier receiver
    if (!host) {
        refreshRecorded();
        return;
    }
    // A running receiver writes what it answered before it goes, which may take a moment under
    // load: the row goes at once, the receiver when it has stopped, without the window waiting.
    // Its recorded requests then come back as an earlier receiver.
    host->disconnect(this);
    if (host->state() == ReceiverHost::State::Stopped) {
        delete host;
        refreshRecorded();
        return;
    }
    connect(host, &ReceiverHost::stateChanged, this, [this, host] {
        if (host->state() == ReceiverHost::State::Listening) {
            host->stop(); // it was still starting when removed
            return;
        }
        if (host->state() != ReceiverHost::State::Stopped)
            return;
        host->deleteLater();
        refreshRecorded();
    });
    host->stop(); // only acts on a listening receiver; a starting one is stopped once it listens
}

void ReceiversView::showError(const QString &text)
{
    m_info->setVisible(false);
    form::showBanner(m_banner, text);
}

void ReceiversView::showMessage(const QString &text)
{
    m_banner->setVisible(false);
    m_info->setText(text);
    m_info->setVisible(!text.isEmpty());
    // A message stays while it is the latest one.
    QTimer::singleShot(kMessageMs, m_info, [label = m_info, text] {
        if (label->text() == text)
            label->setVisible(false);
    });
}

} // namespace hookline
