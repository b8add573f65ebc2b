// Sending events from the GUI, end to end: the Send Event dialog and test events go through the
// real window, the real dispatcher (on its own thread) and a local HTTP server started here.
#include "BackgroundDispatcher.h"
#include "DispatchStatusWidget.h"
#include "JsonObjectInput.h"
#include "LocalHttpServer.h"
#include "MainWindow.h"
#include "RegistryClient.h"
#include "SecretRevealDialog.h"
#include "SendEventDialog.h"
#include "TestSupport.h"
#include "WebhookDialog.h"
#include "WebhookListModel.h"
#include "registry/WebhookRegistry.h"
#include "secrets/Crypto.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QThread>
#include <QTreeView>

#include "EventPicker.h"

using namespace hookline;
using test::LocalHttpServer;

namespace {

const QString kPeopleCreated = QStringLiteral("peopleCreated");
// Deliveries go through a real socket and a real thread: generous bounds, never fixed sleeps.
constexpr int kDeliveryTimeoutMs = 15000;

} // namespace

class TestSendEvent : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void dispatcherRunsOffTheGuiThread();
    void registryAnswersInCallOrder();
    void payloadProblems_data();
    void payloadProblems();
    void dialogPrefillsSampleOfSelectedWebhooksEvent();
    void typeChangeFollowsUntouchedPayloadOnly();
    void severalSystemsOfferASystemChoice();
    void sendDeliversEditedPayload();
    void pausedDispatchingHoldsEventsUntilResumed();
    void failedTestEventPausesWebhook();
    void newWebhookTestEventFailurePausesIt();

private:
    QAction *action(const char *name) const;
    QTableView *table() const;
    void activateMainWindow();
    template <typename T> T *visibleDialog() const;
    SendEventDialog *openSendDialog();
    WebhookWithSecret createLocalWebhook(const QString &name, const QString &path,
                                         const QStringList &events = {kPeopleCreated});
    void showWebhooks(int count);
    int rowOf(const QString &name) const;
    void selectRow(int row);
    QString cell(int row, WebhookListModel::Column column) const;
    QString statusMessage() const;
    QJsonObject sample(const QString &type) const;

    test::TestSession m_test;
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<MainWindow> m_window;
};

void TestSendEvent::init()
{
    m_test = test::makeSession();
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->start());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    activateMainWindow();
    m_window->setSession(m_test.session);
    QTRY_VERIFY(m_window->registryClient()->isReady());
    QTRY_VERIFY(m_window->dispatcher()->isRunning());
}

void TestSendEvent::cleanup()
{
    m_window.reset();
    m_server.reset();
    m_test = {};
}

QAction *TestSendEvent::action(const char *name) const
{
    auto *a = m_window->findChild<QAction *>(QString::fromLatin1(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

QTableView *TestSendEvent::table() const
{
    return m_window->findChild<QTableView *>(QStringLiteral("webhookTable"));
}

void TestSendEvent::activateMainWindow()
{
    // The offscreen platform does not hand activation back when a dialog closes.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

template <typename T> T *TestSendEvent::visibleDialog() const
{
    for (T *dialog : m_window->findChildren<T *>())
        if (dialog->isVisible())
            return dialog;
    return nullptr;
}

SendEventDialog *TestSendEvent::openSendDialog()
{
    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    SendEventDialog *dialog = nullptr;
    [&] { QTRY_VERIFY((dialog = visibleDialog<SendEventDialog>())); }();
    return dialog;
}

WebhookWithSecret TestSendEvent::createLocalWebhook(const QString &name, const QString &path,
                                                    const QStringList &events)
{
    WebhookDraft draft;
    draft.name = name;
    draft.url = m_server->url(path);
    draft.localTesting = true;
    draft.events = events;
    auto created = m_test.session->registry->create(draft);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created.value();
}

void TestSendEvent::showWebhooks(int count)
{
    m_window->refresh();
    QTRY_COMPARE(table()->model()->rowCount(), count);
}

int TestSendEvent::rowOf(const QString &name) const
{
    const QAbstractItemModel *model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, WebhookListModel::Name).data().toString() == name)
            return row;
    return -1;
}

void TestSendEvent::selectRow(int row)
{
    QTableView *view = table();
    const QModelIndex index = view->model()->index(row, WebhookListModel::Name);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
}

QString TestSendEvent::cell(int row, WebhookListModel::Column column) const
{
    return table()->model()->index(row, column).data().toString();
}

QString TestSendEvent::statusMessage() const
{
    return m_window->statusBar()->currentMessage();
}

QJsonObject TestSendEvent::sample(const QString &type) const
{
    return m_test.session->registry->catalog().find(type)->sample;
}

void TestSendEvent::dispatcherRunsOffTheGuiThread()
{
    BackgroundDispatcher *dispatcher = m_window->dispatcher();
    QVERIFY(dispatcher->workerThread());
    QVERIFY(dispatcher->workerThread() != QThread::currentThread());
    QVERIFY(dispatcher->workerThread()->isRunning());
    // The status bar hears from it: the first figures arrive once it has started.
    auto *queued = m_window->findChild<QLabel *>(QStringLiteral("queuedLabel"));
    QTRY_COMPARE(queued->text(), QStringLiteral("Queued: 0"));
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("dispatchStateLabel"))->text(),
             QStringLiteral("\u25cf Dispatching"));

    // Closing the window stops it and ends its thread.
    QPointer<QThread> thread = dispatcher->workerThread();
    m_window->close();
    QVERIFY(!dispatcher->isRunning());
    QVERIFY(thread.isNull());
    QVERIFY(!action("actionPauseDispatching")->isEnabled());
}

void TestSendEvent::registryAnswersInCallOrder()
{
    // The list follows deliveries by asking again and again; an older answer landing after a
    // newer one would show a stale list (and lose the selection).
    createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    RegistryClient *client = m_window->registryClient();
    QList<int> order;
    QList<qsizetype> sizes;
    for (int i = 0; i < 30; ++i) {
        if (i % 3 == 1) {
            PublishRequest request;
            request.type = kPeopleCreated;
            client->publish(request, this, [&order, i](Result<EnqueuedEvent> r) {
                QVERIFY(r.ok());
                order << i;
            });
        } else {
            client->list(this, [&order, &sizes, i](Result<QList<Webhook>> r) {
                QVERIFY(r.ok());
                order << i;
                sizes << r->size();
            });
        }
    }
    QTRY_COMPARE(order.size(), 30);
    for (int i = 0; i < 30; ++i)
        QCOMPARE(order.at(i), i);
    QVERIFY(std::all_of(sizes.cbegin(), sizes.cend(), [](qsizetype n) { return n == 1; }));
}

void TestSendEvent::payloadProblems_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line"); // 0: the problem is not at one place
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("object") << QStringLiteral("{\"a\": 1}") << -1 << -1 << QString();
    QTest::newRow("empty") << QStringLiteral("  ") << 0 << 0 << QStringLiteral("{}");
    QTest::newRow("array") << QStringLiteral("[1, 2]") << 0 << 0 << QStringLiteral("array");
    QTest::newRow("missing value")
        << QStringLiteral("{\"a\": }") << 1 << 7 << QStringLiteral("line 1, column 7 (offset 6)");
    QTest::newRow("missing comma")
        << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << 3 << 3
        << QStringLiteral("line 3, column 3 (offset 13): a comma or a closing } is missing");
    QTest::newRow("unquoted text")
        << QStringLiteral("{\"a\": yes}") << 1 << 7 << QStringLiteral("not a JSON value");
    QTest::newRow("unclosed") << QStringLiteral("{\"a\": [1, 2}") << 1 << 12
                              << QStringLiteral("closing ]");
    // Columns count characters, not the parser's UTF-8 bytes.
    QTest::newRow("after non-ASCII") << QStringLiteral("{\"n\": \"Zo\u00eb\" \"x\"}") << 1 << 13
                                     << QStringLiteral("column 13 (offset 12)");
}

void TestSendEvent::payloadProblems()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);

    const JsonObjectInput input = JsonObjectInput::parse(text, false);
    if (line < 0) {
        QVERIFY(input.object.has_value());
        QVERIFY(input.problem.isEmpty());
        return;
    }
    QVERIFY(!input.object.has_value());
    QVERIFY2(input.problem.contains(message), qPrintable(input.problem));
    QCOMPARE(input.line, line);
    QCOMPARE(input.column, column);
    QCOMPARE(input.position >= 0, line > 0);
}

void TestSendEvent::dialogPrefillsSampleOfSelectedWebhooksEvent()
{
    createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    createLocalWebhook(QStringLiteral("Deals"), QStringLiteral("/deals"),
                       {QStringLiteral("dealCreated")});
    showWebhooks(2);
    selectRow(rowOf(QStringLiteral("Deals")));

    SendEventDialog *dialog = openSendDialog();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("eventTypeCombo"));
    auto *payload = dialog->findChild<QPlainTextEdit *>(QStringLiteral("payloadEdit"));
    QCOMPARE(type->currentText(), QStringLiteral("dealCreated"));
    QCOMPARE(dialog->eventType(), QStringLiteral("dealCreated"));
    QCOMPARE(QJsonDocument::fromJson(payload->toPlainText().toUtf8()).object(),
             sample(QStringLiteral("dealCreated")));
    QVERIFY(!sample(QStringLiteral("dealCreated")).isEmpty());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("eventTypeInfo"))
                ->text()
                .startsWith(QStringLiteral("SureSend CRM")));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("recipientsLabel"))->text(),
             QStringLiteral("1 enabled webhook will receive it: Deals."));

    // The type list is grouped by provider; headings cannot be picked.
    const QAbstractItemModel *types = type->model();
    QCOMPARE(types->index(0, 0).flags() & Qt::ItemIsSelectable, Qt::ItemFlags());
    QVERIFY(type->findText(kPeopleCreated) > 0);
    dialog->reject();
}

void TestSendEvent::typeChangeFollowsUntouchedPayloadOnly()
{
    createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    showWebhooks(1);
    SendEventDialog *dialog = openSendDialog();
    QVERIFY(dialog);
    auto *type = dialog->findChild<QComboBox *>(QStringLiteral("eventTypeCombo"));
    auto *payload = dialog->findChild<QPlainTextEdit *>(QStringLiteral("payloadEdit"));
    auto *typeError = dialog->findChild<QLabel *>(QStringLiteral("eventTypeError"));
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("sendButton"));
    QCOMPARE(dialog->eventType(), kPeopleCreated);

    // Typing a name: unknown while incomplete, known once whole; the untouched payload follows.
    QLineEdit *typeEdit = type->lineEdit();
    typeEdit->selectAll();
    QTest::keyClicks(typeEdit, QStringLiteral("peopleUpd"));
    QCOMPARE(dialog->eventType(), QString());
    QVERIFY(typeError->isVisibleTo(dialog));
    QVERIFY(!send->isEnabled());
    QTest::keyClicks(typeEdit, QStringLiteral("ated"));
    QCOMPARE(dialog->eventType(), QStringLiteral("peopleUpdated"));
    QVERIFY(!typeError->isVisibleTo(dialog));
    QCOMPARE(QJsonDocument::fromJson(payload->toPlainText().toUtf8()).object(),
             sample(QStringLiteral("peopleUpdated")));
    // Nobody subscribes to it: nothing to send.
    QVERIFY(!send->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("recipientsLabel"))
                ->text()
                .startsWith(QStringLiteral("No enabled webhook subscribes")));

    // An edited payload stays when the type changes; "Use Sample" brings the sample back.
    payload->moveCursor(QTextCursor::End);
    QTest::keyClicks(payload, QStringLiteral(" "));
    dialog->setEventType(kPeopleCreated);
    QCOMPARE(QJsonDocument::fromJson(payload->toPlainText().toUtf8()).object(),
             sample(QStringLiteral("peopleUpdated")));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("useSampleButton")),
                      Qt::LeftButton);
    QCOMPARE(QJsonDocument::fromJson(payload->toPlainText().toUtf8()).object(),
             sample(kPeopleCreated));
    QVERIFY(send->isEnabled());
    dialog->reject();
}

void TestSendEvent::severalSystemsOfferASystemChoice()
{
    // One system: nothing to choose, so no field for it.
    createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    showWebhooks(1);
    SendEventDialog *dialog = openSendDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->findChild<QComboBox *>(QStringLiteral("systemCombo"))->isVisibleTo(dialog));
    dialog->reject();

    WebhookDraft draft;
    draft.name = QStringLiteral("Acme CRM");
    draft.url = m_server->url(QStringLiteral("/acme"));
    draft.localTesting = true;
    draft.events = {kPeopleCreated};
    draft.systemId = QStringLiteral("acme");
    const auto acme = m_test.session->registry->create(draft);
    QVERIFY(acme);
    showWebhooks(2);
    selectRow(rowOf(QStringLiteral("Acme CRM")));

    dialog = openSendDialog();
    QVERIFY(dialog);
    auto *system = dialog->findChild<QComboBox *>(QStringLiteral("systemCombo"));
    QVERIFY(system->isVisibleTo(dialog));
    // The selected webhook's system first; "all subscribers" means those of that system.
    QCOMPARE(system->currentText(), QStringLiteral("acme"));
    QCOMPARE(dialog->recipients().size(), 1);
    QCOMPARE(dialog->recipients().constFirst().name, QStringLiteral("Acme CRM"));
    QCOMPARE(dialog->request().systemId, QStringLiteral("acme"));
    system->setCurrentIndex(system->findText(QStringLiteral("default")));
    QCOMPARE(dialog->recipients().constFirst().name, QStringLiteral("CRM sync"));

    // One webhook: its own system applies, so the choice is off.
    auto *target = dialog->findChild<QComboBox *>(QStringLiteral("targetCombo"));
    target->setCurrentIndex(target->findData(acme->webhook.id));
    QVERIFY(!system->isEnabled());
    QCOMPARE(dialog->request().webhookId, acme->webhook.id);
    QCOMPARE(dialog->request().systemId, QString());
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("recipientsLabel"))->text(),
             QStringLiteral("Only \u201cAcme CRM\u201d will receive it."));
    dialog->reject();
}

void TestSendEvent::sendDeliversEditedPayload()
{
    const WebhookWithSecret crm =
        createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    createLocalWebhook(QStringLiteral("Audit log"), QStringLiteral("/audit"));
    showWebhooks(2);
    const int crmRow = rowOf(QStringLiteral("CRM sync"));
    selectRow(crmRow);
    QCOMPARE(cell(crmRow, WebhookListModel::LastDelivery), QStringLiteral("—"));

    SendEventDialog *dialog = openSendDialog();
    QVERIFY(dialog);
    QPointer<SendEventDialog> guard(dialog);
    auto *payload = dialog->findChild<QPlainTextEdit *>(QStringLiteral("payloadEdit"));
    auto *payloadError = dialog->findChild<QLabel *>(QStringLiteral("payloadError"));
    auto *send = dialog->findChild<QPushButton *>(QStringLiteral("sendButton"));
    QCOMPARE(dialog->eventType(), kPeopleCreated);
    QCOMPARE(QJsonDocument::fromJson(payload->toPlainText().toUtf8()).object(),
             sample(kPeopleCreated));
    QVERIFY(!payloadError->isVisibleTo(dialog));
    QVERIFY(send->isEnabled());
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("recipientsLabel"))->text(),
             QStringLiteral("2 enabled webhooks will receive it: Audit log, CRM sync."));

    // Invalid while being typed: the message says where, and Send waits.
    payload->selectAll();
    QTest::keyClicks(payload, QStringLiteral("{\"name\": \"Ada Lovelace\", \"age\": "));
    QVERIFY(payloadError->isVisibleTo(dialog));
    QVERIFY2(payloadError->text().contains(QStringLiteral("line 1, column")),
             qPrintable(payloadError->text()));
    QVERIFY(!send->isEnabled());
    QVERIFY(!payload->extraSelections().isEmpty());
    QTest::keyClicks(payload, QStringLiteral("36}"));
    QVERIFY2(!payloadError->isVisibleTo(dialog), qPrintable(payloadError->text()));
    QVERIFY(payload->extraSelections().isEmpty());
    QVERIFY(send->isEnabled());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("resourceIdsEdit")),
                     QStringLiteral("p-1, p-2,"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("uriEdit")),
                     QStringLiteral("https://crm.example.com/people/p-1"));
    QTest::mouseClick(send, Qt::LeftButton);

    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QTRY_COMPARE(statusMessage(), QStringLiteral("Event peopleCreated queued for 2 webhooks"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, kDeliveryTimeoutMs);

    const QList<test::ReceivedRequest> received = m_server->requests();
    const auto toCrm = std::find_if(received.cbegin(), received.cend(), [](const auto &r) {
        return r.path == QByteArrayLiteral("/crm");
    });
    QVERIFY(toCrm != received.cend());
    QCOMPARE(toCrm->method, QByteArrayLiteral("POST"));
    // Signed with the secret the user was shown, over the exact bytes received.
    QCOMPARE(toCrm->header("X-Webhook-Signature"),
             crypto::hmacSha256(crm.signingSecret.toUtf8(), toCrm->body).toHex());
    const QJsonObject envelope = QJsonDocument::fromJson(toCrm->body).object();
    QCOMPARE(envelope.value(QStringLiteral("event")).toString(), kPeopleCreated);
    QCOMPARE(envelope.value(QStringLiteral("data")).toObject(),
             QJsonObject({{QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                          {QStringLiteral("age"), 36}}));
    QCOMPARE(envelope.value(QStringLiteral("resourceIds")).toArray(),
             QJsonArray({QStringLiteral("p-1"), QStringLiteral("p-2")}));
    QCOMPARE(envelope.value(QStringLiteral("uri")).toString(),
             QStringLiteral("https://crm.example.com/people/p-1"));

    // The list follows the deliveries, and the selection stays where it was.
    QTRY_VERIFY_WITH_TIMEOUT(cell(rowOf(QStringLiteral("CRM sync")), WebhookListModel::LastDelivery)
                                 .endsWith(QStringLiteral("200")),
                             kDeliveryTimeoutMs);
    QTRY_VERIFY(cell(rowOf(QStringLiteral("Audit log")), WebhookListModel::LastDelivery)
                    .endsWith(QStringLiteral("200")));
    QCOMPARE(m_window->currentWebhookId(), crm.webhook.id);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_window->findChild<QLabel *>(QStringLiteral("deliveredLabel"))->text(),
        QStringLiteral("Delivered/min: 2"), kDeliveryTimeoutMs);
}

void TestSendEvent::pausedDispatchingHoldsEventsUntilResumed()
{
    createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    showWebhooks(1);
    auto *state = m_window->findChild<QLabel *>(QStringLiteral("dispatchStateLabel"));
    auto *queued = m_window->findChild<QLabel *>(QStringLiteral("queuedLabel"));
    QAction *pause = action("actionPauseDispatching");

    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(pause->isChecked());
    QVERIFY(m_window->dispatcher()->isPaused());
    QCOMPARE(state->text(), QStringLiteral("\u275a\u275a Dispatching paused"));
    QCOMPARE(pause->iconText(), QStringLiteral("Resume"));

    SendEventDialog *dialog = openSendDialog();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("sendButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(statusMessage().startsWith(
        QStringLiteral("Event peopleCreated queued for 1 webhook (dispatching is paused)")));

    // The dispatcher reports the event waiting; by then it has had every chance to send it.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->dispatcher()->stats().queued > 0, kDeliveryTimeoutMs);
    QCOMPARE(queued->text(), QStringLiteral("Queued: 1"));
    QCOMPARE(m_server->requestCount(), 0);

    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_P, Qt::ControlModifier);
    QVERIFY(!pause->isChecked());
    QCOMPARE(state->text(), QStringLiteral("\u25cf Dispatching"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, kDeliveryTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(queued->text(), QStringLiteral("Queued: 0"), kDeliveryTimeoutMs);
}

void TestSendEvent::failedTestEventPausesWebhook()
{
    test::CannedResponse failure;
    failure.status = 500;
    failure.body = QByteArrayLiteral("boom");
    m_server->setResponse(failure);
    const WebhookWithSecret crm =
        createLocalWebhook(QStringLiteral("CRM sync"), QStringLiteral("/crm"));
    showWebhooks(1);
    selectRow(rowOf(QStringLiteral("CRM sync")));
    QVERIFY(action("actionSendTestEvent")->isEnabled());

    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, kDeliveryTimeoutMs);
    const QJsonObject envelope =
        QJsonDocument::fromJson(m_server->requests().constFirst().body).object();
    QCOMPARE(envelope.value(QStringLiteral("event")).toString(), kPeopleCreated);
    QCOMPARE(envelope.value(QStringLiteral("data")).toObject(), sample(kPeopleCreated));

    QTRY_COMPARE_WITH_TIMEOUT(cell(rowOf(QStringLiteral("CRM sync")), WebhookListModel::Status),
                              QStringLiteral("paused"), kDeliveryTimeoutMs);
    const int row = rowOf(QStringLiteral("CRM sync"));
    QVERIFY(cell(row, WebhookListModel::LastDelivery).endsWith(QStringLiteral("500")));
    const QString tooltip =
        table()->model()->index(row, WebhookListModel::Status).data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(QStringLiteral("test delivery failed (HTTP 500)")),
             qPrintable(tooltip));
    QTRY_VERIFY2(statusMessage().startsWith(QStringLiteral(
                     "\u201cCRM sync\u201d \u2014 Paused: the test delivery failed (HTTP 500)")),
                 qPrintable(statusMessage()));
    // The selection stayed, and the details say why it paused, once.
    QCOMPARE(m_window->currentWebhookId(), crm.webhook.id);
    QTRY_COMPARE(m_window->findChild<QLabel *>(QStringLiteral("detailsStatus"))->text(),
                 QStringLiteral("Paused: the test delivery failed (HTTP 500)"));
    QCOMPARE(m_test.session->registry->get(crm.webhook.id)->status, WebhookStatus::Paused);
    // A test event is not retried.
    QCOMPARE(m_server->requestCount(), 1);
}

void TestSendEvent::newWebhookTestEventFailurePausesIt()
{
    test::CannedResponse failure;
    failure.status = 503;
    m_server->setResponse(failure);

    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    WebhookDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleDialog<WebhookDialog>()));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                     QStringLiteral("Fresh endpoint"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")),
                     m_server->url(QStringLiteral("/fresh")));
    QTest::keyClick(dialog->findChild<QCheckBox *>(QStringLiteral("localTestingCheck")),
                    Qt::Key_Space);
    auto *picker = dialog->findChild<EventPicker *>();
    QTest::keyClicks(picker->searchField(), kPeopleCreated);
    QTest::keyClick(picker->view(), Qt::Key_Space);
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("sendTestCheck"))->isChecked());
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);

    // The secret is shown while the test event goes out.
    SecretRevealDialog *reveal = nullptr;
    QTRY_VERIFY((reveal = visibleDialog<SecretRevealDialog>()));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, kDeliveryTimeoutMs);
    QCOMPARE(m_server->requests().constFirst().path, QByteArrayLiteral("/fresh"));
    QTRY_COMPARE_WITH_TIMEOUT(
        cell(rowOf(QStringLiteral("Fresh endpoint")), WebhookListModel::Status),
        QStringLiteral("paused"), kDeliveryTimeoutMs);
    const auto stored = m_test.session->registry->list();
    QCOMPARE(stored->size(), 1);
    QVERIFY2(stored->constFirst().statusReason.contains(QStringLiteral("HTTP 503")),
             qPrintable(stored->constFirst().statusReason));
    QTRY_VERIFY2(
        statusMessage().startsWith(QStringLiteral("\u201cFresh endpoint\u201d \u2014 Paused")),
        qPrintable(statusMessage()));
    QTest::keyClick(reveal->findChild<QCheckBox *>(QStringLiteral("storedCheck")), Qt::Key_Space);
    QTest::mouseClick(reveal->findChild<QPushButton *>(QStringLiteral("closeButton")),
                      Qt::LeftButton);
}

QTEST_MAIN(TestSendEvent)
#include "tst_sendevent.moc"
