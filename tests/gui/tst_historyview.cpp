// The History tab driven offscreen like a user would: filters and search typed into the real
// widgets, rows scrolled into view, shortcuts, the detail pane, copy, replay, export and
// retention. Deliveries are seeded through the delivery engine's own store (enqueue, claim,
// record attempts) on a manual clock.
#include "BackgroundDispatcher.h"
#include "JsonHighlighter.h"
#include "MainWindow.h"
#include "MessageBoxes.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "TestSupport.h"
#include "delivery/DeliveryStore.h"
#include "history/DeliveryDetailView.h"
#include "history/DeliveryTableModel.h"
#include "history/ExportFileDialog.h"
#include "history/HistoryFilterBar.h"
#include "history/HistoryView.h"
#include "history/WebhookPickerDialog.h"
#include "history/WebhookStatsChart.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>
#include <QToolButton>

using namespace hookline;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Minute-aligned, so custom ranges set with minute precision fall between deliveries exactly.
constexpr qint64 kNow = 1'760'000'040'000 - (1'760'000'040'000 % kMinute);
const QByteArray kSignature =
    QByteArrayLiteral("v1,c2lnbmF0dXJlLW9mLXRoaXMtYm9keS1hbmQtdGltZXN0YW1wLXZhbHVl");
const QString kToken = QStringLiteral("tok_live_7f3k2_private");

// What the seed did, for the tests' own expectations (not read back from the database).
struct Sent {
    QString deliveryId;
    QString eventId;
    QString webhookId;
    QString eventType;
    QString customer;
    DeliveryStatus status = DeliveryStatus::Pending;
    std::optional<int> http;
    QString error;
    qint64 createdAt = 0;
};

bool newestFirst(const Sent &a, const Sent &b)
{
    return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.deliveryId > b.deliveryId;
}

} // namespace

class TestHistoryView : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void emptyStatesExplainThemselves();
    void keysetPagingHasNoDuplicatesOrGaps();
    void filterChangesRows_data();
    void filterChangesRows();
    void searchShowsMatchesAsYouType();
    void noMatchOffersClearFilters();
    void staleAnswersAreDiscarded();
    void detailShowsRedactedRequestAndHighlightedPayload();
    void copyCurlRedactsCredentialsUnlessConfirmed();
    void replayOneLinksToTheOriginal();
    void replayToAnotherWebhookThroughThePicker();
    void replayToDisabledWebhookSaysWhatToFix();
    void bulkReplayConfirmsShowsProgressAndCancels();
    void bulkReplayIsPacedPerWebhook();
    void exportWritesParseableHarAndJsonLines();
    void exportFailureWritesNothing();
    void retentionPrunesInTheBackground();
    void liveArrivalsAndAttemptsShowUp();
    void rowsThatStopMatchingAreGreyed();
    void floodOfArrivalsAtTheTopRestartsFromTheNewest();
    void keyboardMovesBetweenSearchListAndDetails();
    void showWebhookFiltersAndShowsItsHealth();
    void shortcutsActInsideTheMainWindow();

private:
    Webhook hook(const QString &name, AuthType auth = AuthType::Bearer);
    // `count` deliveries, one event each, `step` apart, ending at `end`; outcomes cycle through
    // delivered 200/204, failed 503, failed 404, failed without a response, retry after 500.
    QList<Sent> seed(int count, const QList<Webhook> &hooks, qint64 end, qint64 step);
    QList<Sent> seedMix();
    void showView();
    void waitLoaded();
    // The count says `n`, and the rows are in (they come from another lane than the count).
    void waitForCount(qint64 n);
    QStringList modelIds() const;
    QStringList databaseIds() const;
    QStringList ids(QList<Sent> rows) const;
    void selectRow(int row);
    QVariantList record(const QString &deliveryId) const;
    qint64 scalar(const QString &sql) const;
    QAction *action(const char *name) const;
    template <typename T> T *find(const char *name) const;

    std::unique_ptr<ManualClock> m_clock;
    test::TestSession m_t;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<RegistryClient> m_client;
    std::unique_ptr<BackgroundDispatcher> m_dispatcher;
    std::unique_ptr<HistoryView> m_view;
    QList<Sent> m_sent;
    int m_customer = 0;
};

void TestHistoryView::init()
{
    m_clock = std::make_unique<ManualClock>(kNow);
    m_t = test::makeSession(m_clock.get());
    m_dir = std::make_unique<QTemporaryDir>();
    m_preferences =
        std::make_unique<Preferences>(m_dir->filePath(QStringLiteral("preferences.ini")));
    // No pruning unless a test asks for it: seeds are older than the default 30 days.
    m_preferences->setRetentionDays(0);
    m_preferences->setReplayRatePerSecond(5.0);
    m_client = std::make_unique<RegistryClient>();
    m_client->setSession(m_t.session);
    m_dispatcher = std::make_unique<BackgroundDispatcher>(); // never started: nothing is sent
    m_sent.clear();
    m_customer = 0;
}

void TestHistoryView::cleanup()
{
    m_view.reset();
    m_dispatcher.reset();
    m_client.reset();
    m_preferences.reset();
    m_dir.reset();
    m_t = {};
    m_clock.reset();
}

Webhook TestHistoryView::hook(const QString &name, AuthType auth)
{
    WebhookDraft d;
    d.name = name;
    d.url = QStringLiteral("https://receiver.example.com/") + name;
    d.events = {QStringLiteral("peopleCreated"), QStringLiteral("peopleUpdated"),
                QStringLiteral("peopleDeleted")};
    d.systemId = name; // a system of its own: no per-event limit between test webhooks
    d.auth.type = auth;
    if (auth == AuthType::Bearer)
        d.auth.token = kToken;
    auto created = m_t.session->registry->create(d);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created->webhook;
}

QList<Sent> TestHistoryView::seed(int count, const QList<Webhook> &hooks, qint64 end, qint64 step)
{
    DeliveryStore::Options options;
    options.autoPauseAfterFailures = 0;
    DeliveryStore store(m_t.session->database, options);
    const QStringList types{QStringLiteral("peopleCreated"), QStringLiteral("peopleUpdated"),
                            QStringLiteral("peopleDeleted")};
    QList<Sent> sent;
    QHash<QString, int> byDelivery;
    const qint64 start = end - qint64(count - 1) * step;
    for (int i = 0; i < count; ++i) {
        const qint64 at = start + qint64(i) * step;
        const Webhook &w = hooks.at(i % hooks.size());
        Sent s;
        s.customer = QStringLiteral("cus_%1").arg(m_customer++, 5, 10, QLatin1Char('0'));
        s.eventType = types.at((i / 2) % types.size());
        OutgoingEvent e =
            OutgoingEvent::create(s.eventType,
                                  QJsonObject{{QStringLiteral("customer"), s.customer},
                                              {QStringLiteral("plan"), QStringLiteral("pro")},
                                              {QStringLiteral("seats"), i % 7}},
                                  at, {s.customer});
        auto queued = store.enqueue(e, {w}, at);
        if (!queued)
            qFatal("%s", qPrintable(queued.error().toString()));
        s.deliveryId = queued->deliveryIds.constFirst();
        s.eventId = e.id;
        s.webhookId = w.id;
        s.createdAt = at;
        byDelivery.insert(s.deliveryId, int(sent.size()));
        sent << s;
    }
    auto claimed = store.claimDue(QStringLiteral("seed"), end, count, 30'000);
    if (!claimed || claimed->size() != count)
        qFatal("seed claim failed");
    QList<AttemptRecord> records;
    for (const ClaimedDelivery &c : claimed.value()) {
        Sent &s = sent[byDelivery.value(c.deliveryId)];
        const int kind = byDelivery.value(c.deliveryId) % 8;
        AttemptRecord r;
        r.deliveryId = c.deliveryId;
        r.webhookId = c.webhookId;
        r.attemptNo = c.attemptNo;
        r.startedAtMs = s.createdAt + 50;
        r.durationMs = 40 + kind * 10;
        r.requestHeaders = {{"Content-Type", "application/json"},
                            {"User-Agent", "Hookline/test"},
                            {"webhook-id", s.deliveryId.toLatin1()},
                            {"Authorization", "Bearer [redacted]"},
                            {"X-Webhook-Signature", kSignature}};
        if (kind <= 3) {
            r.outcome = AttemptOutcome::Delivered;
            r.responseStatus = kind == 3 ? 204 : 200;
            s.status = DeliveryStatus::Delivered;
        } else if (kind == 4 || kind == 5) {
            r.outcome = AttemptOutcome::GaveUp;
            r.responseStatus = kind == 4 ? 503 : 404;
            s.status = DeliveryStatus::Failed;
        } else if (kind == 6) {
            r.outcome = AttemptOutcome::GaveUp;
            r.error = QStringLiteral("connection refused by receiver.example.com:443");
            s.status = DeliveryStatus::Failed;
        } else {
            r.outcome = AttemptOutcome::RetryScheduled;
            r.responseStatus = 500;
            r.nextAttemptAtMs = end + 30 * kDay; // never due while a test runs
            s.status = DeliveryStatus::RetryScheduled;
        }
        if (r.responseStatus) {
            r.responseHeaders = {{"Content-Type", "application/json"}, {"Server", "test"}};
            r.responseBody = *r.responseStatus >= 400
                                 ? QByteArrayLiteral("{\"error\":\"upstream unavailable\"}")
                                 : QByteArrayLiteral("{\"ok\":true}");
        }
        s.http = r.responseStatus;
        s.error = r.error;
        records << r;
    }
    auto recorded = store.recordAttempts(QStringLiteral("seed"), records, end);
    if (!recorded)
        qFatal("%s", qPrintable(recorded.error().toString()));
    m_sent += sent;
    return sent;
}

QList<Sent> TestHistoryView::seedMix()
{
    const QList<Webhook> hooks{hook(QStringLiteral("alpha")), hook(QStringLiteral("beta")),
                               hook(QStringLiteral("gamma"))};
    // Two days of deliveries every 20 minutes: 144 rows, some within the last hour.
    return seed(144, hooks, kNow - 5 * kMinute, 20 * kMinute);
}

void TestHistoryView::showView()
{
    m_view = std::make_unique<HistoryView>(m_client.get(), m_dispatcher.get(), m_preferences.get());
    m_view->resize(1300, 800);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    waitLoaded();
    // The webhook names (filter, "Replay To…" picker) come from the registry's worker.
    const qsizetype webhooks = m_t.session->registry->list()->size();
    QTRY_COMPARE(find<QComboBox>("historyWebhookFilter")->count(), int(webhooks) + 1);
}

void TestHistoryView::waitLoaded()
{
    QTRY_VERIFY(m_view->model()->hasLoaded() && !m_view->model()->isLoading());
    // Actions on "everything matching" follow the rows.
    if (m_view->model()->rowCount() > 0)
        QTRY_VERIFY(action("actionReplayMatching")->isEnabled());
}

void TestHistoryView::waitForCount(qint64 n)
{
    QTRY_COMPARE(m_view->model()->totalCount(), n);
    waitLoaded();
}

QStringList TestHistoryView::modelIds() const
{
    QStringList out;
    const DeliveryTableModel *model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row)
        out << model->index(row, 0).data(DeliveryTableModel::IdRole).toString();
    return out;
}

QStringList TestHistoryView::databaseIds() const
{
    QSqlQuery q(m_t.session->database->connection());
    q.exec(QStringLiteral("SELECT id FROM deliveries ORDER BY created_at DESC, id DESC"));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QStringList TestHistoryView::ids(QList<Sent> rows) const
{
    std::sort(rows.begin(), rows.end(), newestFirst);
    QStringList out;
    for (const Sent &s : rows)
        out << s.deliveryId;
    return out;
}

void TestHistoryView::selectRow(int row)
{
    QTableView *table = m_view->table();
    const QModelIndex index = table->model()->index(row, 0);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    QTRY_COMPARE(m_view->currentDeliveryId(), index.data(DeliveryTableModel::IdRole).toString());
}

QVariantList TestHistoryView::record(const QString &deliveryId) const
{
    QSqlQuery q(m_t.session->database->connection());
    q.prepare(QStringLiteral("SELECT * FROM deliveries WHERE id = ?"));
    q.addBindValue(deliveryId);
    QVariantList values;
    if (q.exec() && q.next())
        for (int i = 0; i < q.record().count(); ++i)
            values << q.value(i);
    return values;
}

qint64 TestHistoryView::scalar(const QString &sql) const
{
    QSqlQuery q(m_t.session->database->connection());
    if (!q.exec(sql) || !q.next())
        qFatal("%s failed", qPrintable(sql));
    return q.value(0).toLongLong();
}

QAction *TestHistoryView::action(const char *name) const
{
    auto *a = m_view->findChild<QAction *>(QString::fromLatin1(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

template <typename T> T *TestHistoryView::find(const char *name) const
{
    auto *w = m_view->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no widget %s", name);
    return w;
}

// ---------------------------------------------------------------------------------------------

void TestHistoryView::emptyStatesExplainThemselves()
{
    showView();
    QTRY_VERIFY(find<QLabel>("historyEmptyTitle")->isVisible());
    QCOMPARE(find<QLabel>("historyEmptyTitle")->text(), QStringLiteral("No deliveries yet"));
    QVERIFY(find<QLabel>("historyEmptyBody")->text().contains(QLatin1String("Webhooks tab")));
    QVERIFY(!find<QPushButton>("historyEmptyButton")->isVisible());
    QVERIFY(!m_view->table()->isVisible());
    QTRY_COMPARE(find<QLabel>("historyCount")->text(), QStringLiteral("No deliveries"));

    // Deliveries made while the list is empty appear on the next look (the poll, or a recorded
    // attempt as here).
    seed(3, {hook(QStringLiteral("alpha"))}, kNow, kMinute);
    emit m_dispatcher->attemptsRecorded({});
    QTRY_COMPARE(m_view->model()->rowCount(), 3);
    QTRY_VERIFY(m_view->table()->isVisible());
    QTRY_COMPARE(find<QLabel>("historyCount")->text(), QStringLiteral("3 deliveries"));
}

void TestHistoryView::keysetPagingHasNoDuplicatesOrGaps()
{
    const QList<Webhook> hooks{hook(QStringLiteral("alpha")), hook(QStringLiteral("beta"))};
    // Same-millisecond pairs, so the keys' id tie-break is exercised across page boundaries.
    QList<Sent> all;
    all += seed(1500, hooks, kNow - kHour, 2000);
    all += seed(1500, hooks, kNow - kHour + 1, 2000);
    showView();
    DeliveryTableModel *model = m_view->model();
    const int page = model->pageSize();
    // Only what is on screen is read: the first page, never the whole history.
    QTRY_VERIFY(model->rowCount() >= page);
    QVERIFY(model->rowCount() <= 2 * page);
    QTRY_COMPARE(model->totalCount(), qint64(3000));

    QTableView *table = m_view->table();
    QList<Sent> arrivals;
    for (int round = 0; !model->isAtEnd(); ++round) {
        QVERIFY2(round < 200, "paging never reached the end");
        const int before = model->rowCount();
        if (round == 3) {
            // Deliveries arrive while the user is scrolled down: counted, not inserted.
            arrivals = seed(12, hooks, kNow, 1000);
            emit m_dispatcher->attemptsRecorded({});
        }
        table->scrollToBottom();
        QTRY_VERIFY(model->rowCount() > before || model->isAtEnd());
    }
    const QStringList shown = modelIds();
    QCOMPARE(QSet<QString>(shown.begin(), shown.end()).size(), shown.size()); // no duplicates
    QCOMPARE(shown, ids(all));                                                // no gaps, in order

    // The arrivals are offered, then shown at the top on request.
    QTRY_VERIFY(find<QFrame>("newDeliveriesBar")->isVisible());
    QCOMPARE(find<QLabel>("newDeliveriesText")->text(), QStringLiteral("12 new deliveries"));
    QTest::mouseClick(find<QPushButton>("newDeliveriesShow"), Qt::LeftButton);
    QTRY_COMPARE(model->rowCount(), 3012);
    QCOMPARE(modelIds(), databaseIds());
    QCOMPARE(table->verticalScrollBar()->value(), 0);
    QVERIFY(!find<QFrame>("newDeliveriesBar")->isVisible());
}

void TestHistoryView::filterChangesRows_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<int>("value");
    QTest::newRow("webhook") << "webhook" << 1;
    QTest::newRow("event type") << "eventType" << 0;
    QTest::newRow("outcome failed") << "outcome" << int(DeliveryStatus::Failed);
    QTest::newRow("outcome retrying") << "outcome" << int(DeliveryStatus::RetryScheduled);
    QTest::newRow("status 2xx") << "statusClass" << int(StatusClass::Success2xx);
    QTest::newRow("status 4xx") << "statusClass" << int(StatusClass::ClientError4xx);
    QTest::newRow("status 5xx") << "statusClass" << int(StatusClass::ServerError5xx);
    QTest::newRow("network error") << "statusClass" << int(StatusClass::NetworkError);
    QTest::newRow("last hour") << "time" << int(HistoryFilterBar::TimeRange::LastHour);
    QTest::newRow("last 24 hours") << "time" << int(HistoryFilterBar::TimeRange::Last24Hours);
    QTest::newRow("custom range") << "custom" << 0;
}

void TestHistoryView::filterChangesRows()
{
    QFETCH(QString, which);
    QFETCH(int, value);
    const QList<Sent> sent = seedMix();
    showView();
    waitForCount(qint64(sent.size()));

    std::function<bool(const Sent &)> expected;
    if (which == QLatin1String("webhook")) {
        const QString id = sent.at(value).webhookId;
        auto *combo = find<QComboBox>("historyWebhookFilter");
        combo->setCurrentIndex(combo->findData(id));
        expected = [id](const Sent &s) { return s.webhookId == id; };
    } else if (which == QLatin1String("eventType")) {
        const QString type = sent.at(value).eventType;
        auto *combo = find<QComboBox>("historyEventTypeFilter");
        QTest::keyClicks(combo->lineEdit(), type);
        expected = [type](const Sent &s) { return s.eventType == type; };
    } else if (which == QLatin1String("outcome")) {
        auto *combo = find<QComboBox>("historyOutcomeFilter");
        combo->setCurrentIndex(combo->findData(value));
        expected = [value](const Sent &s) { return int(s.status) == value; };
    } else if (which == QLatin1String("statusClass")) {
        auto *combo = find<QComboBox>("historyStatusClassFilter");
        combo->setCurrentIndex(combo->findData(value));
        expected = [value](const Sent &s) {
            switch (StatusClass(value)) {
            case StatusClass::NetworkError:
                return !s.http && !s.error.isEmpty();
            default: // Success2xx is 1, ClientError4xx 3, ...
                return s.http && *s.http / 100 == value + 1;
            }
        };
    } else if (which == QLatin1String("time")) {
        auto *combo = find<QComboBox>("historyTimeFilter");
        combo->setCurrentIndex(combo->findData(value));
        const qint64 since =
            HistoryFilterBar::TimeRange(value) == HistoryFilterBar::TimeRange::LastHour
                ? kNow - kHour
                : kNow - kDay;
        expected = [since](const Sent &s) { return s.createdAt >= since; };
    } else {
        // Six hours, a day ago; minute precision, as the fields show it.
        const qint64 from = kNow - kDay - 6 * kHour;
        const qint64 to = kNow - kDay;
        m_view->filterBar()->setCustomRange(QDateTime::fromMSecsSinceEpoch(from),
                                            QDateTime::fromMSecsSinceEpoch(to));
        QVERIFY(find<QWidget>("historySince")->isVisible());
        expected = [from, to](const Sent &s) { return s.createdAt >= from && s.createdAt < to; };
    }
    QList<Sent> matching;
    for (const Sent &s : sent)
        if (expected(s))
            matching << s;
    QVERIFY(!matching.isEmpty());
    QVERIFY(matching.size() < sent.size()); // the filter really narrows

    QTRY_COMPARE(modelIds(), ids(matching));
    waitForCount(qint64(matching.size()));
    QVERIFY(find<QPushButton>("historyClearFilters")->isEnabled());
    QVERIFY(find<QLabel>("historyCount")->text().contains(QLatin1String("matching")));

    QTest::mouseClick(find<QPushButton>("historyClearFilters"), Qt::LeftButton);
    waitForCount(qint64(sent.size()));
}

void TestHistoryView::searchShowsMatchesAsYouType()
{
    const QList<Sent> sent = seedMix();
    showView();
    // "cus_0012" is a prefix of cus_00120..cus_00129 (and cus_00012 is not matched by it).
    QLineEdit *search = m_view->filterBar()->searchField();
    QTest::keyClicks(search, QStringLiteral("cus_0012"));
    QList<Sent> matching;
    for (const Sent &s : sent)
        if (s.customer.startsWith(QLatin1String("cus_0012")))
            matching << s;
    QCOMPARE(matching.size(), 10);
    QTRY_COMPARE(modelIds(), ids(matching));

    // One more key narrows it to a single customer.
    QTest::keyClicks(search, QStringLiteral("7"));
    const auto one = std::find_if(sent.begin(), sent.end(), [](const Sent &s) {
        return s.customer == QLatin1String("cus_00127");
    });
    QTRY_COMPARE(modelIds(), QStringList{one->deliveryId});
}

void TestHistoryView::noMatchOffersClearFilters()
{
    seedMix();
    showView();
    QTest::keyClicks(m_view->filterBar()->searchField(), QStringLiteral("nothing-like-this"));
    QTRY_VERIFY(find<QLabel>("historyEmptyTitle")->isVisible());
    QCOMPARE(find<QLabel>("historyEmptyTitle")->text(),
             QStringLiteral("No delivery matches these filters"));
    auto *clear = find<QPushButton>("historyEmptyButton");
    QVERIFY(clear->isVisible());
    QCOMPARE(clear->text(), QStringLiteral("Clear Filters"));
    QTest::mouseClick(clear, Qt::LeftButton);
    QTRY_VERIFY(m_view->table()->isVisible());
    QCOMPARE(m_view->filterBar()->searchField()->text(), QString());
    waitForCount(qint64(144));
}

void TestHistoryView::staleAnswersAreDiscarded()
{
    const QList<Sent> sent = seedMix();
    showView();
    // Two filters in a row without waiting: the answers for the first must not land.
    auto *outcome = find<QComboBox>("historyOutcomeFilter");
    outcome->setCurrentIndex(outcome->findData(int(DeliveryStatus::Delivered)));
    outcome->setCurrentIndex(outcome->findData(int(DeliveryStatus::RetryScheduled)));
    QList<Sent> retrying;
    for (const Sent &s : sent)
        if (s.status == DeliveryStatus::RetryScheduled)
            retrying << s;
    // Answers come back in the order asked, so once the second filter's rows are in, the first
    // filter's could only have landed before them, and then they would have been replaced.
    QTRY_COMPARE(modelIds(), ids(retrying));
    waitForCount(qint64(retrying.size()));
    for (int row = 0; row < m_view->model()->rowCount(); ++row)
        QCOMPARE(m_view->model()->rowAt(row)->status, DeliveryStatus::RetryScheduled);
}

void TestHistoryView::detailShowsRedactedRequestAndHighlightedPayload()
{
    const QList<Sent> sent = seedMix();
    showView();
    // The newest delivery that failed without a response.
    QList<Sent> sorted = sent;
    std::sort(sorted.begin(), sorted.end(), newestFirst);
    int row = -1;
    for (int i = 0; i < sorted.size(); ++i)
        if (sorted.at(i).status == DeliveryStatus::Failed && !sorted.at(i).http) {
            row = i;
            break;
        }
    QVERIFY(row >= 0);
    selectRow(row);
    DeliveryDetailView *detail = m_view->detailView();
    QTRY_VERIFY(detail->detail().has_value());
    QCOMPARE(detail->detail()->row.id, sorted.at(row).deliveryId);
    QVERIFY(find<QLabel>("detailSummary")->text().contains(QLatin1String("connection refused")));

    // Payload: indented, highlighted JSON.
    const QString payload = detail->payloadView()->toPlainText();
    QVERIFY(payload.contains(QLatin1String("\n  \"eventId\": \"") + sorted.at(row).eventId));
    QVERIFY(payload.contains(sorted.at(row).customer));
    const QTextBlock keyLine = detail->payloadView()->document()->findBlockByNumber(1);
    const QList<QTextLayout::FormatRange> formats = keyLine.layout()->formats();
    QVERIFY(!formats.isEmpty());
    QCOMPARE(formats.constFirst().format.foreground(),
             JsonHighlighter(nullptr).format(JsonHighlighter::Kind::Key).foreground());

    // Attempt: request headers as sent with secrets redacted, the error named.
    const QString request = detail->requestView()->toPlainText();
    QVERIFY(request.startsWith(QLatin1String("POST https://receiver.example.com/")));
    QVERIFY(request.contains(QLatin1String("Authorization: Bearer [redacted]")));
    QVERIFY(request.contains(QLatin1String("X-Webhook-Signature: [redacted]")));
    QVERIFY(!request.contains(QString::fromLatin1(kSignature)));
    QVERIFY(!request.contains(kToken));
    QVERIFY(request.contains(QLatin1String("\"eventId\":\"") + sorted.at(row).eventId));
    QVERIFY(find<QLabel>("attemptError")->isVisible());
    QVERIFY(find<QLabel>("attemptError")->text().contains(QLatin1String("connection refused")));
    QVERIFY(detail->responseView()->toPlainText().startsWith(QLatin1String("No response.")));

    // A 503: status line, headers and body of the response.
    for (int i = 0; i < sorted.size(); ++i)
        if (sorted.at(i).http == 503) {
            selectRow(i);
            break;
        }
    QTRY_COMPARE(detail->detail()->row.lastResponseStatus.value_or(0), 503);
    const QString response = detail->responseView()->toPlainText();
    QVERIFY(response.startsWith(QLatin1String("HTTP 503 Service Unavailable\n")));
    QVERIFY(response.contains(QLatin1String("Server: test")));
    QVERIFY(response.contains(QLatin1String("\"error\": \"upstream unavailable\"")));
}

void TestHistoryView::copyCurlRedactsCredentialsUnlessConfirmed()
{
    seedMix();
    showView();
    selectRow(0);
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(QStringLiteral("before"));

    QTest::keyClick(m_view->table(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(clipboard->text().startsWith(QLatin1String("curl ")));
    QString command = clipboard->text();
    QVERIFY(command.contains(QLatin1String("'X-Webhook-Signature: ") +
                             QString::fromLatin1(kSignature) + QLatin1Char('\'')));
    QVERIFY(command.contains(QLatin1String("'Authorization: Bearer [redacted]'")));
    QVERIFY(!command.contains(kToken));
    QVERIFY(command.contains(QLatin1String("https://receiver.example.com/")));

    // With credentials: only after the confirmation says yes.
    clipboard->setText(QStringLiteral("before"));
    MessageBoxes::setNextAnswer(QMessageBox::Cancel);
    action("actionCopyCurlWithSecrets")->trigger();
    QTRY_COMPARE(m_view->statusText(), QStringLiteral("Nothing was copied."));
    QCOMPARE(clipboard->text(), QStringLiteral("before"));

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    action("actionCopyCurlWithSecrets")->trigger();
    QTRY_VERIFY(clipboard->text().startsWith(QLatin1String("curl ")));
    command = clipboard->text();
    QVERIFY(
        command.contains(QLatin1String("'Authorization: Bearer ") + kToken + QLatin1Char('\'')));
    QVERIFY(command.contains(QString::fromLatin1(kSignature)));

    // Copy payload: the exact bytes sent.
    QTRY_VERIFY(m_view->detailView()->detail().has_value());
    action("actionCopyPayload")->trigger();
    QTRY_VERIFY(clipboard->text().startsWith(QLatin1String("{\"eventId\":")));
    QCOMPARE(clipboard->text().toUtf8(), m_view->detailView()->detail()->body);

    // Copy delivery id: Ctrl+C on the table.
    QTest::keyClick(m_view->table(), Qt::Key_C, Qt::ControlModifier);
    QTRY_COMPARE(clipboard->text(), m_view->currentDeliveryId());
}

void TestHistoryView::replayOneLinksToTheOriginal()
{
    const QList<Sent> sent = seedMix();
    showView();
    selectRow(2);
    const QString original = m_view->currentDeliveryId();
    const QVariantList before = record(original);
    QVERIFY(!before.isEmpty());

    m_clock->advanceMs(1000); // the replay is newer than every row
    QTest::keyClick(m_view->table(), Qt::Key_R, Qt::ControlModifier);
    QTRY_COMPARE(
        scalar(
            QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of = '%1'").arg(original)),
        qint64(1));
    QSqlQuery q(m_t.session->database->connection());
    q.exec(QStringLiteral("SELECT id, event_id, webhook_id, status FROM deliveries WHERE "
                          "replay_of = '%1'")
               .arg(original));
    QVERIFY(q.next());
    const QString replay = q.value(0).toString();
    const Sent &o = *std::find_if(sent.begin(), sent.end(),
                                  [&](const Sent &s) { return s.deliveryId == original; });
    QCOMPARE(q.value(1).toString(), o.eventId); // the same event
    QCOMPARE(q.value(2).toString(), o.webhookId);
    QCOMPARE(q.value(3).toString(), QStringLiteral("pending"));
    q.finish();
    QCOMPARE(record(original), before); // the original is never changed

    // The list is at the top: the replay shows up first, marked as one, and the status says so.
    QTRY_COMPARE(m_view->model()->rowAt(0)->id, replay);
    QVERIFY(m_view->model()
                ->index(0, DeliveryTableModel::EventType)
                .data()
                .toString()
                .endsWith(QLatin1String("replay")));
    QVERIFY(
        m_view->statusText().startsWith(QLatin1String("Replayed as delivery ") + replay.left(8)));
    // The original's detail links to its replay.
    QTRY_VERIFY(m_view->detailView()->detail().has_value());
    selectRow(m_view->model()->rowOf(original));
    QTRY_VERIFY(m_view->detailView()->detail() &&
                m_view->detailView()->detail()->replays.contains(replay));
}

void TestHistoryView::replayToAnotherWebhookThroughThePicker()
{
    const QList<Sent> sent = seedMix();
    showView();
    selectRow(0);
    const QString original = m_view->currentDeliveryId();
    const QString from = m_view->model()->rowAt(0)->webhookId;
    QString to;
    for (const Sent &s : sent)
        if (s.webhookId != from)
            to = s.webhookId;

    QTest::keyClick(m_view->table(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    WebhookPickerDialog *picker = nullptr;
    QTRY_VERIFY((picker = m_view->findChild<WebhookPickerDialog *>()) && picker->isVisible());
    auto *ok = picker->findChild<QPushButton *>(QStringLiteral("replayButton"));
    QVERIFY(!ok->isEnabled()); // nothing chosen yet
    QVERIFY(picker->selectWebhook(to));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of = '%1' "
                                       "AND webhook_id = '%2'")
                            .arg(original, to)),
                 qint64(1));
}

void TestHistoryView::replayToDisabledWebhookSaysWhatToFix()
{
    const QList<Sent> sent = seedMix();
    showView();
    selectRow(0);
    const QString webhookId = m_view->model()->rowAt(0)->webhookId;
    QVERIFY(m_t.session->registry->disable(webhookId).ok());
    const qint64 before = scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries"));

    action("actionReplay")->trigger();
    QTRY_VERIFY(find<QFrame>("historyBanner")->isVisible());
    const QString text = find<QLabel>("historyBannerText")->text();
    QVERIFY2(text.contains(QLatin1String("is disabled")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Enable it in the Webhooks tab")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Replay To")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("hookline-cli"))); // GUI words, not CLI ones
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries")), before);
    QTest::mouseClick(find<QToolButton>("historyBannerClose"), Qt::LeftButton);
    QVERIFY(!find<QFrame>("historyBanner")->isVisible());
}

void TestHistoryView::bulkReplayConfirmsShowsProgressAndCancels()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    // 3 of every 8 seeded deliveries fail: 1,200 of them, three chunks of a bulk replay.
    seed(3200, {a}, kNow - kHour, 1000);
    showView();
    auto *outcome = find<QComboBox>("historyOutcomeFilter");
    outcome->setCurrentIndex(outcome->findData(int(DeliveryStatus::Failed)));
    waitForCount(qint64(1200));
    const qint64 deliveriesBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries"));

    // Declined: nothing happens.
    MessageBoxes::setNextAnswer(QMessageBox::Cancel);
    action("actionReplayMatching")->trigger();
    QCOMPARE(m_view->statusText(), QStringLiteral("Counting the deliveries to replay…"));
    QTRY_COMPARE(m_view->statusText(), QString()); // counted, asked, declined
    QVERIFY(!find<QWidget>("historyProgress")->isVisible());
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries")), deliveriesBefore);

    // Hold the write lock, so the job is caught before its first chunk commits.
    QSqlDatabase c = m_t.session->database->connection();
    QSqlQuery lock(c);
    QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    action("actionReplayMatching")->trigger();
    QTRY_VERIFY(find<QWidget>("historyProgress")->isVisible());
    QVERIFY(m_view->isBusy());
    QVERIFY(find<QLabel>("historyProgressText")->text().contains(QLocale().toString(1200)));
    QVERIFY(!action("actionReplayMatching")->isEnabled()); // one bulk job at a time
    // The GUI stays responsive meanwhile: filters still work on the other lane.
    QTest::mouseClick(find<QPushButton>("historyProgressCancel"), Qt::LeftButton);
    QVERIFY(lock.exec(QStringLiteral("COMMIT")));

    QTRY_VERIFY(!m_view->isBusy());
    QVERIFY(!find<QWidget>("historyProgress")->isVisible());
    // No chunk could commit before Cancel (the lock was held). Whether the worker had already
    // begun its first chunk then is up to the scheduler: that chunk (500) is kept, and nothing
    // after it is written; the status says how many were queued.
    const qint64 replays =
        scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of IS NOT NULL"));
    QVERIFY2(replays == 0 || replays == 500, qPrintable(QString::number(replays)));
    QVERIFY2(m_view->statusText().startsWith(
                 QStringLiteral("Bulk replay cancelled: %1 deliveries").arg(replays)),
             qPrintable(m_view->statusText()));
}

void TestHistoryView::bulkReplayIsPacedPerWebhook()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    const Webhook b = hook(QStringLiteral("beta"));
    const QList<Sent> sent = seed(160, {a, b}, kNow - kHour, 1000);
    showView();
    auto *outcome = find<QComboBox>("historyOutcomeFilter");
    outcome->setCurrentIndex(outcome->findData(int(DeliveryStatus::Failed)));
    waitForCount(qint64(60));

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    action("actionReplayMatching")->trigger();
    QTRY_VERIFY(m_view->statusText().startsWith(QLatin1String("Queued 60 replays.")));
    // 5 per second per webhook (Preferences): 200 ms apart within each webhook.
    for (const Webhook &w : {a, b}) {
        QSqlQuery q(m_t.session->database->connection());
        q.prepare(QStringLiteral("SELECT next_attempt_at FROM deliveries WHERE replay_of IS NOT "
                                 "NULL AND webhook_id = ? ORDER BY next_attempt_at"));
        q.addBindValue(w.id);
        QVERIFY(q.exec());
        QList<qint64> due;
        while (q.next())
            due << q.value(0).toLongLong();
        const auto failedHere = std::count_if(sent.begin(), sent.end(), [&w](const Sent &s) {
            return s.webhookId == w.id && s.status == DeliveryStatus::Failed;
        });
        QCOMPARE(due.size(), failedHere);
        for (int i = 1; i < due.size(); ++i)
            QCOMPARE(due.at(i) - due.at(i - 1), qint64(200));
    }
}

void TestHistoryView::exportWritesParseableHarAndJsonLines()
{
    const QList<Sent> sent = seedMix();
    showView();
    auto *outcome = find<QComboBox>("historyOutcomeFilter");
    outcome->setCurrentIndex(outcome->findData(int(DeliveryStatus::Failed)));
    QList<Sent> failed;
    for (const Sent &s : sent)
        if (s.status == DeliveryStatus::Failed)
            failed << s;
    waitForCount(qint64(failed.size()));

    const QString har = m_dir->filePath(QStringLiteral("failed.har"));
    ExportFileDialog::setNextAnswer({har, ExportFormat::Har});
    action("actionExportMatching")->trigger();
    QTRY_VERIFY(m_view->statusText().startsWith(QLatin1String("Exported")));
    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    const QByteArray harBytes = harFile.readAll();
    QJsonParseError error;
    const QJsonObject log =
        QJsonDocument::fromJson(harBytes, &error).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), failed.size()); // one attempt each
    for (const QJsonValue &entry : entries) {
        const QJsonObject request = entry.toObject().value(QStringLiteral("request")).toObject();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QVERIFY(entry.toObject().contains(QStringLiteral("response")));
    }
    QVERIFY(!harBytes.contains(kToken.toUtf8()));
    QVERIFY(!harBytes.contains(kSignature));

    // The selection as JSON Lines: three rows, one line each.
    for (int row : {0, 1, 2}) {
        const QModelIndex index = m_view->model()->index(row, 0);
        m_view->table()->selectionModel()->select(
            index, row == 0 ? QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows
                            : QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    const QStringList chosen =
        m_view->model()->ids(m_view->table()->selectionModel()->selectedRows());
    QCOMPARE(chosen.size(), 3);
    const QString jsonl = m_dir->filePath(QStringLiteral("selected.jsonl"));
    ExportFileDialog::setNextAnswer({jsonl, ExportFormat::JsonLines});
    action("actionExportSelected")->trigger();
    QTRY_VERIFY(m_view->statusText().startsWith(QLatin1String("Exported 3 deliveries")));
    QFile lines(jsonl);
    QVERIFY(lines.open(QIODevice::ReadOnly));
    QStringList exported;
    for (const QByteArray &line : lines.readAll().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        exported << o.value(QStringLiteral("id")).toString();
        QVERIFY(!line.contains(kSignature));
    }
    QCOMPARE(QSet<QString>(exported.begin(), exported.end()),
             QSet<QString>(chosen.begin(), chosen.end()));
}

void TestHistoryView::exportFailureWritesNothing()
{
    seedMix();
    showView();
    const QString path = m_dir->filePath(QStringLiteral("missing-folder/out.har"));
    ExportFileDialog::setNextAnswer({path, ExportFormat::Har});
    action("actionExportMatching")->trigger();
    QTRY_VERIFY(find<QFrame>("historyBanner")->isVisible());
    QVERIFY(
        find<QLabel>("historyBannerText")->text().contains(QLatin1String("nothing was written")));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!m_view->isBusy());
}

void TestHistoryView::retentionPrunesInTheBackground()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    // 40 deliveries a day apart; unfinished ones (retrying) always stay.
    const QList<Sent> sent = seed(40, {a}, kNow - 10 * kMinute, kDay);
    showView();
    waitForCount(qint64(40));
    QList<Sent> kept;
    for (const Sent &s : sent)
        if (s.createdAt >= kNow - 7 * kDay || s.status == DeliveryStatus::RetryScheduled)
            kept << s;
    const qint64 gone = sent.size() - kept.size();
    QVERIFY(gone > 20);

    m_preferences->setRetentionDays(7);
    QSignalSpy pruned(m_view.get(), &HistoryView::pruned);
    m_view->applyRetention();
    // The call only starts the work: its result can only come back through the event loop.
    QCOMPARE(pruned.count(), 0);
    QVERIFY(pruned.wait(10'000));
    QCOMPARE(pruned.constFirst().constFirst().toLongLong(), gone);
    QCOMPARE(databaseIds(), ids(kept));
    QVERIFY2(m_view->statusText().startsWith(QStringLiteral("Pruned %1 deliveries").arg(gone)),
             qPrintable(m_view->statusText()));
    QVERIFY(m_view->statusText().contains(QLatin1String("7 days")));
    // The list follows.
    QTRY_COMPARE(modelIds(), ids(kept));

    // By count: keep the newest 3 (and, again, whatever is unfinished).
    std::sort(kept.begin(), kept.end(), newestFirst);
    QList<Sent> newest;
    for (int i = 0; i < kept.size(); ++i)
        if (i < 3 || kept.at(i).status == DeliveryStatus::RetryScheduled)
            newest << kept.at(i);
    m_preferences->setRetentionDays(0);
    m_preferences->setRetentionCount(3);
    m_view->applyRetention();
    QVERIFY(pruned.wait(10'000));
    QCOMPARE(databaseIds(), ids(newest));
    QVERIFY(m_view->statusText().contains(QLatin1String("the newest 3")));
}

void TestHistoryView::liveArrivalsAndAttemptsShowUp()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    seed(10, {a}, kNow - kHour, kMinute);
    showView();
    QTRY_COMPARE(m_view->model()->rowCount(), 10);

    // A pending delivery arrives while the list is at the top: prepended.
    DeliveryStore store(m_t.session->database);
    m_clock->advanceMs(1000);
    OutgoingEvent e = OutgoingEvent::create(
        QStringLiteral("peopleCreated"), QJsonObject{{QStringLiteral("n"), 1}}, m_clock->nowMs());
    auto queued = store.enqueue(e, {a}, m_clock->nowMs());
    QVERIFY(queued.ok());
    const QString id = queued->deliveryIds.constFirst();
    emit m_dispatcher->attemptsRecorded({});
    QTRY_COMPARE(m_view->model()->rowCount(), 11);
    QCOMPARE(m_view->model()->rowAt(0)->id, id);
    QCOMPARE(m_view->model()->index(0, DeliveryTableModel::Outcome).data().toString(),
             QStringLiteral("pending"));
    QTRY_COMPARE(find<QLabel>("historyCount")->text(), QStringLiteral("11 deliveries"));

    // Its attempt is reported: the row follows without a read.
    selectRow(0);
    AttemptSummary attempt;
    attempt.deliveryId = id;
    attempt.webhookId = a.id;
    attempt.attemptNo = 1;
    attempt.responseStatus = 202;
    attempt.durationMs = 1500;
    attempt.outcome = AttemptOutcome::Delivered;
    emit m_dispatcher->attemptsRecorded({attempt});
    QCOMPARE(m_view->model()->index(0, DeliveryTableModel::Outcome).data().toString(),
             QStringLiteral("delivered"));
    QCOMPARE(m_view->model()->index(0, DeliveryTableModel::Response).data().toString(),
             QStringLiteral("202"));
    QCOMPARE(m_view->model()->index(0, DeliveryTableModel::Latency).data().toString(),
             QStringLiteral("1.5 s"));
}

void TestHistoryView::rowsThatStopMatchingAreGreyed()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    showView();
    DeliveryStore store(m_t.session->database);
    QStringList ids;
    for (int i = 0; i < 3; ++i) {
        m_clock->advanceMs(1000);
        const OutgoingEvent e =
            OutgoingEvent::create(QStringLiteral("peopleCreated"),
                                  QJsonObject{{QStringLiteral("n"), i}}, m_clock->nowMs());
        ids << store.enqueue(e, {a}, m_clock->nowMs())->deliveryIds;
    }
    DeliveryFilter pending;
    pending.status = DeliveryStatus::Pending;
    m_view->model()->setFilter(pending);
    QTRY_COMPARE(m_view->model()->rowCount(), 3);
    const QModelIndex first = m_view->model()->index(0, DeliveryTableModel::Webhook);
    QVERIFY(!first.data(Qt::ForegroundRole).isValid());

    // The newest is delivered while "Pending" is the filter: it stays in place, greyed, and says
    // why; the others are untouched.
    AttemptSummary attempt;
    attempt.deliveryId = m_view->model()->rowAt(0)->id;
    attempt.webhookId = a.id;
    attempt.attemptNo = 1;
    attempt.responseStatus = 200;
    attempt.outcome = AttemptOutcome::Delivered;
    emit m_dispatcher->attemptsRecorded({attempt});
    QCOMPARE(m_view->model()->rowCount(), 3);
    QVERIFY(first.data(Qt::ForegroundRole).isValid());
    QVERIFY2(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("No longer matches")),
             qPrintable(first.data(Qt::ToolTipRole).toString()));
    QVERIFY(
        !m_view->model()->index(1, DeliveryTableModel::Webhook).data(Qt::ForegroundRole).isValid());
}

void TestHistoryView::floodOfArrivalsAtTheTopRestartsFromTheNewest()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    seed(10, {a}, kNow - kHour, kMinute);
    showView();
    DeliveryTableModel *model = m_view->model();
    waitForCount(10);
    model->setPageSize(20);
    m_view->resize(1300, 400); // a page more than fills the list: no automatic second page
    QApplication::processEvents();
    // More arrive than a page holds: prepending would leave a gap, so the list starts over at
    // the newest, and paging down still meets every row once.
    seed(30, {a}, kNow, 1000);
    emit m_dispatcher->attemptsRecorded({});
    QTRY_COMPARE(modelIds(), databaseIds().mid(0, 20));
    QVERIFY(model->totalCount() >= 30);
    QVERIFY(!model->isAtEnd());
    while (!model->isAtEnd()) {
        const int before = model->rowCount();
        m_view->table()->scrollToBottom();
        QTRY_VERIFY(model->rowCount() > before || model->isAtEnd());
    }
    QCOMPARE(modelIds(), databaseIds());
}

void TestHistoryView::keyboardMovesBetweenSearchListAndDetails()
{
    seedMix();
    showView();
    selectRow(0);
    QTRY_VERIFY(m_view->detailView()->detail().has_value());
    m_view->table()->setFocus();
    QTest::keyClick(m_view->table(), Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(m_view->filterBar()->searchField()->hasFocus());

    m_view->table()->setFocus();
    QTest::keyClick(m_view->table(), Qt::Key_Return);
    QTRY_VERIFY(m_view->detailView()->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTRY_VERIFY(m_view->table()->hasFocus());

    // Down moves to the next delivery and its details follow.
    const QString first = m_view->currentDeliveryId();
    QTest::keyClick(m_view->table(), Qt::Key_Down);
    QTRY_VERIFY(m_view->currentDeliveryId() != first);
    QTRY_COMPARE(m_view->detailView()->detail()->row.id, m_view->currentDeliveryId());
}

void TestHistoryView::showWebhookFiltersAndShowsItsHealth()
{
    const QList<Sent> sent = seedMix();
    showView();
    const QString webhookId = sent.at(0).webhookId;
    m_view->showWebhook(webhookId);
    QTRY_VERIFY(find<QWidget>("webhookStatsPanel")->isVisible());
    QCOMPARE(m_view->filterBar()->webhookId(), webhookId);
    int expected = 0;
    int attemptsLastDay = 0;
    for (const Sent &s : sent)
        if (s.webhookId == webhookId) {
            ++expected;
            attemptsLastDay += s.createdAt + 50 > kNow - kDay ? 1 : 0;
        }
    waitForCount(qint64(expected));
    auto *chart = find<WebhookStatsChart>("webhookStatsChart");
    QTRY_COMPARE(chart->buckets().size(), 24);
    int charted = 0;
    for (const LatencyWindow &b : chart->buckets())
        charted += b.attempts;
    QCOMPARE(charted, attemptsLastDay);
    QVERIFY(find<QLabel>("statsLast24h")->text().contains(QLatin1String("p95")));

    // From a row's context action, and back to all webhooks.
    m_view->showWebhook(QString());
    waitForCount(qint64(sent.size()));
    QVERIFY(!find<QWidget>("webhookStatsPanel")->isVisible());
    selectRow(0);
    const QString ofRow = m_view->model()->rowAt(0)->webhookId;
    action("actionShowWebhookDeliveries")->trigger();
    QCOMPARE(m_view->filterBar()->webhookId(), ofRow);
    QTRY_VERIFY(m_view->model()->hasLoaded() && m_view->model()->rowCount() > 0);
    for (int row = 0; row < m_view->model()->rowCount(); ++row)
        QCOMPARE(m_view->model()->rowAt(row)->webhookId, ofRow);
}

void TestHistoryView::shortcutsActInsideTheMainWindow()
{
    // The window has shortcuts of its own (Ctrl+R rotates a webhook's secret on the Webhooks
    // tab): on the History tab the history's win, and nothing is ambiguous.
    const QList<Sent> sent = seedMix();
    MainWindow window;
    window.setDispatchingPaused(true); // nothing is sent to the example receivers
    window.resize(1300, 800);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.setSession(m_t.session);
    QTRY_VERIFY(window.registryClient()->isReady());
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentTab(), MainWindow::Tab::History);
    HistoryView *history = window.historyView();
    QTRY_COMPARE(history->model()->totalCount(), qint64(sent.size()));
    QTRY_VERIFY(history->model()->rowCount() > 0);

    QTableView *table = history->table();
    const QModelIndex first = table->model()->index(0, 0);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(first).center());
    const QString original = history->currentDeliveryId();
    QVERIFY(!original.isEmpty());
    QSignalSpy replays(history->findChild<QAction *>(QStringLiteral("actionReplay")),
                       &QAction::triggered);
    QTest::keyClick(table, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(replays.count(), 1);
    QTRY_COMPARE(
        scalar(
            QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of = '%1'").arg(original)),
        qint64(1));

    QTest::keyClick(table, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY(history->filterBar()->searchField()->hasFocus());
}

QTEST_MAIN(TestHistoryView)
#include "tst_historyview.moc"
