// The Receivers tab, end to end: receivers started through the real dialog on free ports, real
// HTTP(S) requests from this test, secrets attached and rules edited through the real widgets.
#include "Preferences.h"
#include "RegistryClient.h"
#include "TestSupport.h"
#include "receiver/ReceivedRequestLog.h"
#include "receiver/ReceivedRequestsModel.h"
#include "receiver/ReceiverHost.h"
#include "receiver/ReceiverListModel.h"
#include "receiver/ReceiverStartDialog.h"
#include "receiver/ReceiversView.h"
#include "receiver/RequestDetailView.h"
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "signing/WebhookSigner.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSslSocket>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

using namespace hookline;

namespace {

constexpr int kTimeoutMs = 15000;
const QString kSecret = QStringLiteral("whsec_dGVzdC1yZWNlaXZlci1zZWNyZXQtMTIzNDU2Nzg5MA==");
const QString kWrongSecret = QStringLiteral("whsec_c29tZS1vdGhlci1zZWNyZXQtbm90LXRoZS1yaWdodA==");
const QByteArray kBody = R"({"type":"order.created","data":{"id":"ord_1","total":42}})";

} // namespace

class TestReceivers : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void receiverRunsOffTheGuiThread();
    void signedRequestsShowVerdicts();
    void wrongSecretShowsExpectedOnlyWhenAsked();
    void filterFindsRequestsByTextAndVerdict();
    void secretsAreMaskedAndNeverStored();
    void failFirstRuleAnswers500Then200();
    void ruleProblemsNameTheField();
    void rulesAreKeptForTheNextReceiverAtTheAddress();
    void twoReceiversAtOnce();
    void httpsFingerprintMatchesServedCertificate();
    void badPortNamesThePort_data();
    void badPortNamesThePort();
    void portInUseNamesThePort();
    void otherAddressNeedsExplicitChoiceAndWarns();
    void unreadableCertificateNamesTheFile();
    void earlierRequestsComeBackFromTheDatabase();
    void stopWritesEveryAnsweredRequest();
    void snippetFollowsTheAttachedScheme();

private:
    template <typename T> T *child(const QString &name) const;
    ReceiverStartDialog *openDialog();
    ReceiverHost *startReceiver(const QString &port = QStringLiteral("0"), bool https = false);
    int post(const QUrl &base, const QByteArray &path, const RawHeaderList &headers,
             const QByteArray &body = kBody);
    RawHeaderList signedWith(const QString &secret, const QByteArray &body = kBody) const;
    void attachSecret(const QString &secret,
                      const QString &scheme = QStringLiteral("x-webhook-signature"));
    QTableView *table() const;
    QString cell(int row, int column) const;
    void selectRequest(int row);

    test::TestSession m_test;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<Preferences> m_preferences;
    std::unique_ptr<RegistryClient> m_client;
    std::unique_ptr<ReceiversView> m_view;
    QNetworkAccessManager m_network;
};

void TestReceivers::init()
{
    m_test = test::makeSession();
    m_settingsDir = std::make_unique<QTemporaryDir>();
    m_preferences =
        std::make_unique<Preferences>(m_settingsDir->filePath(QStringLiteral("settings.ini")));
    m_client = std::make_unique<RegistryClient>();
    m_view = std::make_unique<ReceiversView>(m_client.get(), nullptr, m_preferences.get());
    m_view->resize(1400, 860);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_client->setSession(m_test.session);
    QTRY_VERIFY(m_client->isReady());
}

void TestReceivers::cleanup()
{
    m_view.reset();
    m_client.reset();
    m_preferences.reset();
    m_settingsDir.reset();
    m_test = {};
}

template <typename T> T *TestReceivers::child(const QString &name) const
{
    T *found = nullptr;
    for (T *candidate : m_view->findChildren<T *>(name))
        if (!found || candidate->isVisible())
            found = candidate;
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

ReceiverStartDialog *TestReceivers::openDialog()
{
    QTest::mouseClick(child<QPushButton>(QStringLiteral("startReceiverButton")), Qt::LeftButton);
    ReceiverStartDialog *dialog = nullptr;
    const auto visible = [this, &dialog] {
        for (auto *d : m_view->findChildren<ReceiverStartDialog *>())
            if (d->isVisible())
                dialog = d;
        return dialog != nullptr;
    };
    [&] { QTRY_VERIFY(visible()); }();
    return dialog;
}

ReceiverHost *TestReceivers::startReceiver(const QString &port, bool https)
{
    const qsizetype before = m_view->hosts().size();
    ReceiverStartDialog *dialog = openDialog();
    if (!dialog)
        return nullptr;
    auto *portEdit = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    portEdit->selectAll();
    QTest::keyClicks(portEdit, port);
    auto *tls = dialog->findChild<QCheckBox *>(QStringLiteral("httpsCheck"));
    if (tls->isChecked() != https)
        QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(4, tls->height() / 2));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    ReceiverHost *host = nullptr;
    QPointer<ReceiverStartDialog> open(dialog); // deleted once closed
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hosts().size() == before + 1, kTimeoutMs);
        host = m_view->currentHost();
        QVERIFY(host);
        QTRY_VERIFY(host->isListening());
        QTRY_VERIFY(!open || !open->isVisible());
    }();
    return host;
}

RawHeaderList TestReceivers::signedWith(const QString &secret, const QByteArray &body) const
{
    auto headers =
        WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {}, 0, body);
    if (!headers)
        qFatal("%s", qPrintable(headers.error().toString()));
    return headers.value();
}

int TestReceivers::post(const QUrl &base, const QByteArray &path, const RawHeaderList &headers,
                        const QByteArray &body)
{
    QUrl url = base;
    const qsizetype question = path.indexOf('?');
    url.setPath(QString::fromLatin1(path.left(question < 0 ? path.size() : question)));
    if (question >= 0)
        url.setQuery(QString::fromLatin1(path.mid(question + 1)));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, body);
    reply->ignoreSslErrors(); // the receiver's self-signed certificate
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(kTimeoutMs))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void TestReceivers::attachSecret(const QString &secret, const QString &scheme)
{
    auto *tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("verificationPanel")));
    auto *schemes = child<QComboBox>(QStringLiteral("secretSchemeCombo"));
    for (int i = 0; i < schemes->count(); ++i)
        if (schemeName(SignatureScheme(schemes->itemData(i).toInt())) == scheme)
            schemes->setCurrentIndex(i);
    auto *edit = child<QLineEdit>(QStringLiteral("secretEdit"));
    QTest::keyClicks(edit, secret);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addSecretButton")), Qt::LeftButton);
    QVERIFY(edit->text().isEmpty());
    tabs->setCurrentIndex(0);
}

QTableView *TestReceivers::table() const
{
    return child<QTableView>(QStringLiteral("requestsTable"));
}

QString TestReceivers::cell(int row, int column) const
{
    return table()->model()->index(row, column).data().toString();
}

void TestReceivers::selectRequest(int row)
{
    QTableView *view = table();
    const QModelIndex index = view->model()->index(row, ReceivedRequestsModel::Path);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->currentIndex().row(), row);
}

void TestReceivers::receiverRunsOffTheGuiThread()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    QVERIFY(host->receiverThread() != QThread::currentThread());
    QVERIFY(host->receiverThread()->isRunning());
    QCOMPARE(m_view->currentReceiverUrl(), host->url());
    QCOMPARE(host->url().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(child<QLabel>(QStringLiteral("receiverUrlLabel"))->text(), host->url().toString());
}

void TestReceivers::signedRequestsShowVerdicts()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    // Before any secret: the request is shown, not checked.
    QCOMPARE(post(host->url(), "/hooks/a?x=1", signedWith(kSecret)), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Verdict), QStringLiteral("Not checked"));

    attachSecret(kSecret);
    QCOMPARE(post(host->url(), "/hooks/b", signedWith(kSecret)), 200);
    QCOMPARE(post(host->url(), "/hooks/c", {}), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 3);
    // Newest first.
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/hooks/c"));
    QCOMPARE(cell(0, ReceivedRequestsModel::Verdict), QStringLiteral("Header missing"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Path), QStringLiteral("/hooks/b"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Verdict), QStringLiteral("Verified"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Method), QStringLiteral("POST"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Status), QStringLiteral("200"));
    QCOMPARE(cell(2, ReceivedRequestsModel::Path), QStringLiteral("/hooks/a?x=1"));
    // Colour and text: a verified and a failed row differ in both.
    const QModelIndex ok = table()->model()->index(1, ReceivedRequestsModel::Verdict);
    const QModelIndex bad = table()->model()->index(0, ReceivedRequestsModel::Verdict);
    QVERIFY(ok.data(Qt::ForegroundRole) != bad.data(Qt::ForegroundRole));
    QVERIFY(!ok.data(Qt::DecorationRole).isNull());

    // The detail pane: the verdict with its reason, headers and the indented body.
    selectRequest(1);
    QCOMPARE(child<QLabel>(QStringLiteral("verdictTitle"))->text(),
             QStringLiteral("Verified  (x-webhook-signature)"));
    QVERIFY(child<QLabel>(QStringLiteral("verdictReason"))
                ->text()
                .contains(QStringLiteral("Secret 1")));
    const QString body = child<QPlainTextEdit>(QStringLiteral("bodyView"))->toPlainText();
    QVERIFY(body.contains(QStringLiteral("\n    \"data\": {")));
    selectRequest(0);
    QCOMPARE(child<QLabel>(QStringLiteral("verdictTitle"))->text(),
             QStringLiteral("Header missing: X-Webhook-Signature  (x-webhook-signature)"));
    QVERIFY(child<QLabel>(QStringLiteral("verdictReason"))
                ->text()
                .contains(QStringLiteral("X-Webhook-Signature is missing")));
    QTRY_VERIFY(child<QLabel>(QStringLiteral("receiverCountsLabel"))
                    ->text()
                    .startsWith(QStringLiteral("3 received · 1 verified · 1 failed")));
}

void TestReceivers::filterFindsRequestsByTextAndVerdict()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    attachSecret(kSecret);
    const QByteArray order = R"({"type":"order.paid","data":{"customer":"ACME-42"}})";
    QCOMPARE(post(host->url(), "/hooks/orders", signedWith(kSecret, order), order), 200);
    QCOMPARE(post(host->url(), "/hooks/people", signedWith(kSecret)), 200);
    QCOMPARE(post(host->url(), "/hooks/people?source=crm", {}), 200); // unsigned: fails
    QTRY_COMPARE(table()->model()->rowCount(), 3);

    auto *text = child<QLineEdit>(QStringLiteral("requestsFilter"));
    auto *info = child<QLabel>(QStringLiteral("requestsInfo"));
    // A word from the body, in another case, applied with Enter.
    QTest::keyClicks(text, QStringLiteral("acme-42"));
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/hooks/orders"));
    QCOMPARE(info->text(), QStringLiteral("1 of 3 requests matches"));
    // Selecting a filtered row shows that request, not the one at the same row unfiltered.
    selectRequest(0);
    QVERIFY(child<QPlainTextEdit>(QStringLiteral("bodyView"))
                ->toPlainText()
                .contains(QStringLiteral("ACME-42")));

    // Every word must match: path and query together.
    text->clear();
    QTest::keyClicks(text, QStringLiteral("people source=crm"));
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/hooks/people?source=crm"));

    // Typing filters on its own after a pause.
    text->clear();
    QTest::keyClicks(text, QStringLiteral("people"));
    QTRY_COMPARE(table()->model()->rowCount(), 2);

    // The verdict filter narrows further; nothing matching says so.
    auto *kind = child<QComboBox>(QStringLiteral("requestsVerdictFilter"));
    kind->setCurrentIndex(kind->findText(QStringLiteral("Failed verification")));
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Verdict), QStringLiteral("Header missing"));
    text->clear();
    QTest::keyClicks(text, QStringLiteral("orders"));
    QTest::keyClick(text, Qt::Key_Return);
    QCOMPARE(table()->model()->rowCount(), 0);
    QCOMPARE(info->text(), QStringLiteral("None of the 3 listed requests match the filter"));

    // Requests arriving while a filter is set are tested as they come in.
    kind->setCurrentIndex(kind->findText(QStringLiteral("Verified")));
    QCOMPARE(post(host->url(), "/hooks/orders/2", signedWith(kSecret)), 200);
    QCOMPARE(post(host->url(), "/hooks/other", signedWith(kSecret)), 200);
    QTRY_COMPARE(host->requests()->rowCount(), 5);
    QCOMPARE(table()->model()->rowCount(), 2);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/hooks/orders/2"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Path), QStringLiteral("/hooks/orders"));

    // Clearing both shows everything again.
    text->clear();
    QTest::keyClick(text, Qt::Key_Return);
    kind->setCurrentIndex(0);
    QCOMPARE(table()->model()->rowCount(), 5);
    QCOMPARE(info->text(), QStringLiteral("5 requests, newest first"));
}

void TestReceivers::wrongSecretShowsExpectedOnlyWhenAsked()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    attachSecret(kSecret);
    QCOMPARE(post(host->url(), "/hooks", signedWith(kWrongSecret)), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Verdict), QStringLiteral("Signature mismatch"));

    const QByteArray expected =
        WebhookSigner::headerValue(SignatureScheme::XWebhookSignature, kSecret, {}, 0, kBody);
    // Not kept with the request, not shown before the user asks.
    const ReceivedRequest *request = host->requests()->requestAt(0);
    QVERIFY(request->verdict.expected.isEmpty());
    selectRequest(0);
    auto *label = child<QPlainTextEdit>(QStringLiteral("expectedSignatureView"));
    QVERIFY(!label->isVisible());
    QVERIFY(!label->toPlainText().contains(QString::fromLatin1(expected)));
    QVERIFY(!child<QLabel>(QStringLiteral("verdictReason"))
                 ->text()
                 .contains(QString::fromLatin1(expected)));

    QTest::mouseClick(child<QPushButton>(QStringLiteral("showExpectedButton")), Qt::LeftButton);
    QTRY_VERIFY(label->isVisible());
    QVERIFY2(label->toPlainText().contains(QStringLiteral("Expected X-Webhook-Signature: ") +
                                           QString::fromLatin1(expected)),
             qPrintable(label->toPlainText()));
    // What was received, to compare with.
    QVERIFY(
        label->toPlainText().contains(QString::fromLatin1(signedWith(kWrongSecret).at(0).second)));
}

void TestReceivers::secretsAreMaskedAndNeverStored()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    attachSecret(kSecret);
    QCOMPARE(child<QLineEdit>(QStringLiteral("secretEdit"))->echoMode(), QLineEdit::Password);
    auto *list = child<QTreeWidget>(QStringLiteral("attachedSecrets"));
    QCOMPARE(list->topLevelItemCount(), 1);
    for (int column = 0; column < list->columnCount(); ++column)
        QVERIFY(!list->topLevelItem(0)->text(column).contains(kSecret.mid(6, 8)));
    QCOMPARE(post(host->url(), "/x", signedWith(kSecret)), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Verdict), QStringLiteral("Verified"));
    host->stopAndWait();

    m_preferences->sync();
    QFile settings(m_settingsDir->filePath(QStringLiteral("settings.ini")));
    if (settings.open(QIODevice::ReadOnly))
        QVERIFY(!settings.readAll().contains(kSecret.toUtf8()));
    const QByteArray database = test::readDatabaseFiles(m_test.databasePath);
    QVERIFY(!database.isEmpty());
    QVERIFY(!database.contains(kSecret.toUtf8()));
    QVERIFY(!database.contains(kSecret.mid(6).toUtf8()));
}

void TestReceivers::failFirstRuleAnswers500Then200()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    auto *tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("responseRulesEditor")));
    // The default rule ("any other path") is the only one and selected.
    QCOMPARE(child<QListWidget>(QStringLiteral("rulesList"))->count(), 1);
    auto *failFirst = child<QSpinBox>(QStringLiteral("ruleFailFirstSpin"));
    failFirst->selectAll();
    QTest::keyClicks(failFirst, QStringLiteral("2"));
    QCOMPARE(failFirst->value(), 2);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("applyRulesButton")), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>(QStringLiteral("rulesState"))
                    ->text()
                    .startsWith(QStringLiteral("In effect")));

    QCOMPARE(post(host->url(), "/hooks", {}), 500);
    QCOMPARE(post(host->url(), "/hooks", {}), 500);
    QCOMPARE(post(host->url(), "/hooks", {}), 200);
    tabs->setCurrentIndex(0);
    QTRY_COMPARE(table()->model()->rowCount(), 3);
    QCOMPARE(cell(0, ReceivedRequestsModel::Status), QStringLiteral("200"));
    QCOMPARE(cell(1, ReceivedRequestsModel::Status), QStringLiteral("500"));
    QCOMPARE(cell(2, ReceivedRequestsModel::Status), QStringLiteral("500"));
}

void TestReceivers::ruleProblemsNameTheField()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    auto *tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("responseRulesEditor")));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addRuleButton")), Qt::LeftButton);
    auto *path = child<QLineEdit>(QStringLiteral("rulePathEdit"));
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("hooks"));
    auto *pathError = child<QLabel>(QStringLiteral("rulePathError"));
    QVERIFY(pathError->isVisible());
    QVERIFY2(pathError->text().startsWith(QStringLiteral("Path:")), qPrintable(pathError->text()));
    auto *headers = child<QPlainTextEdit>(QStringLiteral("ruleHeadersEdit"));
    QTest::keyClicks(headers, QStringLiteral("Not a header"));
    auto *headersError = child<QLabel>(QStringLiteral("ruleHeadersError"));
    QVERIFY(headersError->isVisible());
    QVERIFY2(headersError->text().startsWith(QStringLiteral("Headers, line 1")),
             qPrintable(headersError->text()));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("applyRulesButton")), Qt::LeftButton);
    QVERIFY(!child<QLabel>(QStringLiteral("rulesState"))
                 ->text()
                 .startsWith(QStringLiteral("In effect")));
    QVERIFY(host->responseRules().isEmpty());

    // Fixed: applied, and answering as configured.
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/teapot"));
    headers->selectAll();
    QTest::keyClicks(headers, QStringLiteral("Retry-After: 7"));
    auto *status = child<QSpinBox>(QStringLiteral("ruleStatusSpin"));
    status->selectAll();
    QTest::keyClicks(status, QStringLiteral("418"));
    QVERIFY(!pathError->isVisible());
    QVERIFY(!headersError->isVisible());
    QTest::mouseClick(child<QPushButton>(QStringLiteral("applyRulesButton")), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>(QStringLiteral("rulesState"))
                    ->text()
                    .startsWith(QStringLiteral("In effect")));
    QCOMPARE(host->responseRules().size(), 1);
    QCOMPARE(post(host->url(), "/teapot", {}), 418);
    QCOMPARE(post(host->url(), "/other", {}), 200);
}

void TestReceivers::rulesAreKeptForTheNextReceiverAtTheAddress()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    const QString port = QString::number(host->url().port());
    const QString id = host->id();
    auto *tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("responseRulesEditor")));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addRuleButton")), Qt::LeftButton);
    auto *path = child<QLineEdit>(QStringLiteral("rulePathEdit"));
    path->selectAll();
    QTest::keyClicks(path, QStringLiteral("/teapot"));
    auto *status = child<QSpinBox>(QStringLiteral("ruleStatusSpin"));
    status->selectAll();
    QTest::keyClicks(status, QStringLiteral("418"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("applyRulesButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_preferences->receiverRules(id).isEmpty());

    // The next session: a new window, a receiver on the same address answers the same way.
    const auto restart = [this] {
        m_view = std::make_unique<ReceiversView>(m_client.get(), nullptr, m_preferences.get());
        m_view->resize(1400, 860);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    };
    m_view.reset();
    restart();
    host = startReceiver(port);
    QVERIFY(host);
    QCOMPARE(host->id(), id);
    QTRY_COMPARE(host->responseRules().size(), 1);
    QCOMPARE(host->responseRules().at(0).path, QStringLiteral("/teapot"));
    QTRY_COMPARE(post(host->url(), "/teapot", {}), 418);
    QCOMPARE(post(host->url(), "/other", {}), 200);
    auto *message = child<QLabel>(QStringLiteral("receiverMessage"));
    QVERIFY2(message->text().contains(QStringLiteral("Restored the response rule last used at")),
             qPrintable(message->text()));

    // Back to the default: nothing is kept, and the next receiver there starts plain.
    tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("responseRulesEditor")));
    auto *list = child<QListWidget>(QStringLiteral("rulesList"));
    QTRY_COMPARE(list->count(), 2);
    list->setCurrentRow(0);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("removeRuleButton")), Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("applyRulesButton")), Qt::LeftButton);
    QTRY_VERIFY(m_preferences->receiverRules(id).isEmpty());

    // Rules spoiled by hand in the settings: said so, forgotten, the default answers.
    m_preferences->setReceiverRules(id, R"({"rules":[{"path":"/a","status":99}]})");
    m_view.reset();
    restart();
    host = startReceiver(port);
    QVERIFY(host);
    QVERIFY(host->responseRules().isEmpty());
    auto *banner = child<QLabel>(QStringLiteral("receiverError"));
    QVERIFY2(banner->text().contains(QStringLiteral("could not be used (rule 1 status")),
             qPrintable(banner->text()));
    QVERIFY(m_preferences->receiverRules(id).isEmpty());
    QCOMPARE(post(host->url(), "/a", {}), 200);
}

void TestReceivers::twoReceiversAtOnce()
{
    ReceiverHost *first = startReceiver();
    ReceiverHost *second = startReceiver();
    QVERIFY(first && second);
    QVERIFY(first != second);
    QVERIFY(first->isListening() && second->isListening());
    QVERIFY(first->url().port() != second->url().port());
    QVERIFY(first->receiverThread() != second->receiverThread());
    auto *list = child<QListView>(QStringLiteral("receiverList"));
    QCOMPARE(list->model()->rowCount(), 2);

    QCOMPARE(post(first->url(), "/one", {}), 200);
    QCOMPARE(post(second->url(), "/two", {}), 200);
    QCOMPARE(post(second->url(), "/two-again", {}), 200);
    QTRY_COMPARE(first->requests()->rowCount(), 1);
    QTRY_COMPARE(second->requests()->rowCount(), 2);
    QTRY_VERIFY(list->model()
                    ->index(list->model()->rowCount() - 1, 0)
                    .data()
                    .toString()
                    .contains(QStringLiteral("2 requests")));

    QVERIFY(m_view->selectReceiver(first->id()));
    QCOMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/one"));
    QVERIFY(m_view->selectReceiver(second->id()));
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/two-again"));

    // Stopping one leaves the other answering.
    QVERIFY(m_view->selectReceiver(first->id()));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("toggleReceiverButton")), Qt::LeftButton);
    QTRY_COMPARE(first->state(), ReceiverHost::State::Stopped);
    QCOMPARE(post(first->url(), "/one", {}), 0); // connection refused
    QCOMPARE(post(second->url(), "/two", {}), 200);
    QCOMPARE(m_view->currentReceiverUrl(), second->url());
}

void TestReceivers::httpsFingerprintMatchesServedCertificate()
{
    ReceiverHost *host = startReceiver(QStringLiteral("0"), true);
    QVERIFY(host);
    QCOMPARE(host->url().scheme(), QStringLiteral("https"));
    auto *label = child<QLabel>(QStringLiteral("fingerprintLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text().size(), 32 * 3 - 1);

    QSslSocket socket;
    connect(&socket, &QSslSocket::sslErrors, &socket,
            [&socket](const QList<QSslError> &) { socket.ignoreSslErrors(); });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(host->url().port()));
    QVERIFY(socket.waitForEncrypted(kTimeoutMs));
    const QByteArray digest = socket.peerCertificate().digest(QCryptographicHash::Sha256);
    QCOMPARE(label->text(), QString::fromLatin1(digest.toHex(':').toUpper()));
    socket.disconnectFromHost();

    QCOMPARE(post(host->url(), "/secure", {}), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    selectRequest(0);
    QVERIFY(child<QLabel>(QStringLiteral("requestMeta"))->text().contains(QStringLiteral("HTTPS")));
}

void TestReceivers::badPortNamesThePort_data()
{
    QTest::addColumn<QString>("port");
    QTest::newRow("letters") << QStringLiteral("http");
    QTest::newRow("too large") << QStringLiteral("70000");
    QTest::newRow("negative") << QStringLiteral("-1");
    QTest::newRow("empty") << QString();
}

void TestReceivers::badPortNamesThePort()
{
    QFETCH(QString, port);
    ReceiverStartDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *portEdit = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    portEdit->selectAll();
    QTest::keyClick(portEdit, Qt::Key_Delete);
    QTest::keyClicks(portEdit, port);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("portError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QStringLiteral("Port")), qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral("65535")));
    QVERIFY(dialog->isVisible());
    QVERIFY(m_view->hosts().isEmpty());
    dialog->reject();
}

void TestReceivers::portInUseNamesThePort()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    const QString port = QString::number(occupant.serverPort());
    ReceiverStartDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *portEdit = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    portEdit->selectAll();
    QTest::keyClicks(portEdit, port);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("portError"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QStringLiteral("Port %1 is already in use").arg(port)),
             qPrintable(error->text()));
    QVERIFY(dialog->isVisible());
    // The failed receiver does not linger.
    QTRY_VERIFY(m_view->hosts().isEmpty());

    // Another port from the same dialog works.
    portEdit->selectAll();
    QTest::keyClicks(portEdit, QStringLiteral("0"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(m_view->hosts().size(), 1);
    QTRY_VERIFY(m_view->hosts().first()->isListening());
}

void TestReceivers::otherAddressNeedsExplicitChoiceAndWarns()
{
    ReceiverStartDialog *dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->findChild<QComboBox *>(QStringLiteral("hostCombo"))->currentText(),
             QStringLiteral("127.0.0.1"));
    auto *host = dialog->findChild<QComboBox *>(QStringLiteral("hostCombo"));
    auto *allow = dialog->findChild<QCheckBox *>(QStringLiteral("allowRemoteCheck"));
    QVERIFY(!allow->isVisible());
    host->setCurrentText(QStringLiteral("0.0.0.0"));
    QVERIFY(allow->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("hostWarning"))->isVisible());
    auto *portEdit = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    portEdit->selectAll();
    QTest::keyClicks(portEdit, QStringLiteral("0"));
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("startButton"));
    QTest::mouseClick(start, Qt::LeftButton);
    auto *hostError = dialog->findChild<QLabel *>(QStringLiteral("hostError"));
    QVERIFY(hostError->isVisible());
    QVERIFY2(hostError->text().startsWith(QStringLiteral("Address 0.0.0.0")),
             qPrintable(hostError->text()));
    QVERIFY(m_view->hosts().isEmpty());

    host->setCurrentText(QStringLiteral("not-an-address"));
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(hostError->text().startsWith(QStringLiteral("Address “not-an-address”")));

    host->setCurrentText(QStringLiteral("0.0.0.0"));
    QTest::mouseClick(allow, Qt::LeftButton, {}, QPoint(4, allow->height() / 2));
    QVERIFY(allow->isChecked());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(m_view->hosts().size(), 1);
    QTRY_VERIFY(m_view->hosts().first()->isListening());
    auto *warning = child<QLabel>(QStringLiteral("bindWarning"));
    QTRY_VERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("every address")));
}

void TestReceivers::unreadableCertificateNamesTheFile()
{
    QTemporaryDir dir;
    const QString certificate = dir.filePath(QStringLiteral("cert.pem"));
    QFile file(certificate);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a certificate\n");
    file.close();
    ReceiverStartDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *portEdit = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    portEdit->selectAll();
    QTest::keyClicks(portEdit, QStringLiteral("0"));
    auto *tls = dialog->findChild<QCheckBox *>(QStringLiteral("httpsCheck"));
    QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(4, tls->height() / 2));
    auto *own = dialog->findChild<QRadioButton *>(QStringLiteral("ownCertRadio"));
    QTest::mouseClick(own, Qt::LeftButton, {}, QPoint(4, own->height() / 2));
    QVERIFY(own->isChecked());
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("certPathEdit")), certificate);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("keyPathEdit")),
                     dir.filePath(QStringLiteral("missing-key.pem")));
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("startButton"));
    QTest::mouseClick(start, Qt::LeftButton);
    auto *keyError = dialog->findChild<QLabel *>(QStringLiteral("keyError"));
    QVERIFY(keyError->isVisible());
    QVERIFY2(keyError->text().startsWith(QStringLiteral("Private key file:")) &&
                 keyError->text().contains(QStringLiteral("does not exist")),
             qPrintable(keyError->text()));

    // A key file that exists: the certificate is the problem, found when starting.
    const QString key = dir.filePath(QStringLiteral("key.pem"));
    QFile keyFile(key);
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write("nor is this a key\n");
    keyFile.close();
    auto *keyEdit = dialog->findChild<QLineEdit *>(QStringLiteral("keyPathEdit"));
    keyEdit->selectAll();
    QTest::keyClicks(keyEdit, key);
    QTest::mouseClick(start, Qt::LeftButton);
    auto *certificateError = dialog->findChild<QLabel *>(QStringLiteral("certError"));
    QTRY_VERIFY(certificateError->isVisible());
    QVERIFY2(certificateError->text().startsWith(QStringLiteral("Certificate file:")),
             qPrintable(certificateError->text()));
    QVERIFY(dialog->isVisible());
    QTRY_VERIFY(m_view->hosts().isEmpty());
}

void TestReceivers::earlierRequestsComeBackFromTheDatabase()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    const QString id = host->id();
    const QString port = QString::number(host->url().port());
    QCOMPARE(post(host->url(), "/first", {}), 200);
    QCOMPARE(post(host->url(), "/second", {}), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 2);

    // Removed from the list: it comes back as an earlier receiver, its requests read back.
    QTest::mouseClick(child<QPushButton>(QStringLiteral("removeReceiverButton")), Qt::LeftButton);
    QVERIFY(m_view->hosts().isEmpty());
    QTRY_VERIFY(m_view->selectReceiver(id));
    QVERIFY(!m_view->currentHost());
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/second"));
    QVERIFY(table()->model()->index(0, 0).data(ReceivedRequestsModel::EarlierRole).toBool());
    QVERIFY(child<QLabel>(QStringLiteral("receiverStateLabel"))
                ->text()
                .contains(QStringLiteral("earlier session")));

    // Started again on the same port: the earlier requests are offered under the new ones.
    QTest::mouseClick(child<QPushButton>(QStringLiteral("toggleReceiverButton")), Qt::LeftButton);
    ReceiverStartDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = [this]() -> ReceiverStartDialog * {
        for (auto *d : m_view->findChildren<ReceiverStartDialog *>())
            if (d->isVisible())
                return d;
        return nullptr;
    }()));
    QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"))->text(), port);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(m_view->hosts().size(), 1);
    ReceiverHost *again = m_view->hosts().first();
    QTRY_VERIFY(again->isListening());
    QCOMPARE(again->id(), id);
    QCOMPARE(child<QListView>(QStringLiteral("receiverList"))->model()->rowCount(), 1);
    QTRY_COMPARE(again->requests()->earlierRows(), 2);
    QCOMPARE(post(again->url(), "/third", {}), 200);
    QTRY_COMPARE(table()->model()->rowCount(), 3);
    QCOMPARE(cell(0, ReceivedRequestsModel::Path), QStringLiteral("/third"));
    QVERIFY(!table()->model()->index(0, 0).data(ReceivedRequestsModel::EarlierRole).toBool());
    QCOMPARE(cell(2, ReceivedRequestsModel::Path), QStringLiteral("/first"));
}

void TestReceivers::stopWritesEveryAnsweredRequest()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    for (int i = 0; i < 25; ++i)
        QCOMPARE(post(host->url(), "/burst", {}), 200);
    // As on window close: stop and wait, then the database holds every answered request.
    m_view->stopAll();
    QCOMPARE(host->state(), ReceiverHost::State::Stopped);
    auto latest = ReceivedRequestLog::latest(*m_test.session->database, host->id(), 100);
    QVERIFY(latest.ok());
    QCOMPARE(latest->size(), 25);
}

void TestReceivers::snippetFollowsTheAttachedScheme()
{
    ReceiverHost *host = startReceiver();
    QVERIFY(host);
    attachSecret(kSecret, QStringLiteral("stripe"));
    auto *tabs = child<QTabWidget>(QStringLiteral("receiverTabs"));
    tabs->setCurrentWidget(child<QWidget>(QStringLiteral("snippetPanel")));
    QCOMPARE(child<QComboBox>(QStringLiteral("snippetSchemeCombo"))->currentText(),
             QStringLiteral("stripe"));
    auto *languages = child<QTabBar>(QStringLiteral("snippetLanguageTabs"));
    QCOMPARE(languages->count(), 5);
    auto *code = child<QPlainTextEdit>(QStringLiteral("snippetCode"));
    QVERIFY(code->toPlainText().contains(QStringLiteral("def verify_webhook")));
    languages->setCurrentIndex(3); // Go
    QVERIFY(code->toPlainText().contains(QStringLiteral("func VerifyWebhook")));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("copySnippetButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), code->toPlainText());
}

QTEST_MAIN(TestReceivers)
#include "tst_receivers.moc"
