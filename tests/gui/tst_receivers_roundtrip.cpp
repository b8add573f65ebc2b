// The receiver's round trip through the real main window: "Create Test Webhook" registers a
// local-testing webhook pointing at the receiver, attaches its secret, and the window's own
// dispatcher (on its thread) delivers a test event that the receiver verifies.
#include "BackgroundDispatcher.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "TestSupport.h"
#include "receiver/ReceivedRequestsModel.h"
#include "receiver/ReceiverHost.h"
#include "receiver/ReceiverStartDialog.h"
#include "receiver/ReceiversView.h"
#include "registry/WebhookRegistry.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QTreeWidget>

using namespace hookline;

namespace {

// Deliveries go through a real socket and two threads: generous bounds, never fixed sleeps.
constexpr int kDeliveryTimeoutMs = 20000;

} // namespace

class TestReceiversRoundTrip : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roundTripVerifiesOverHttp();
    void roundTripVerifiesOverPinnedHttps();
    void oneClickStartsAReceiverOnTheNextFreePort();

private:
    ReceiverHost *startReceiver(bool https);
    void clickRoundTrip();
    QList<Webhook> testWebhooks() const;

    test::TestSession m_test;
    std::unique_ptr<MainWindow> m_window;
    ReceiversView *m_view = nullptr;
};

void TestReceiversRoundTrip::init()
{
    m_test = test::makeSession();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->setSession(m_test.session);
    QTRY_VERIFY(m_window->registryClient()->isReady());
    QTRY_VERIFY(m_window->dispatcher()->isRunning());
    m_window->showTab(MainWindow::Tab::Receivers);
    m_view = m_window->receiversView();
    QVERIFY(m_view);
}

void TestReceiversRoundTrip::cleanup()
{
    m_view = nullptr;
    m_window.reset();
    m_test = {};
}

ReceiverHost *TestReceiversRoundTrip::startReceiver(bool https)
{
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("startReceiverButton")),
                      Qt::LeftButton);
    ReceiverStartDialog *dialog = nullptr;
    [&] {
        QTRY_VERIFY((dialog = [this]() -> ReceiverStartDialog * {
            for (auto *d : m_view->findChildren<ReceiverStartDialog *>())
                if (d->isVisible())
                    return d;
            return nullptr;
        }()));
    }();
    if (!dialog)
        return nullptr;
    auto *port = dialog->findChild<QLineEdit *>(QStringLiteral("portEdit"));
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("0"));
    if (https) {
        auto *tls = dialog->findChild<QCheckBox *>(QStringLiteral("httpsCheck"));
        QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(4, tls->height() / 2));
    }
    const qsizetype before = m_view->hosts().size();
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    ReceiverHost *host = nullptr;
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(m_view->hosts().size() == before + 1, kDeliveryTimeoutMs);
        host = m_view->currentHost();
        QVERIFY(host);
        QTRY_VERIFY(host->isListening());
    }();
    return host;
}

void TestReceiversRoundTrip::clickRoundTrip()
{
    auto *button = m_view->findChild<QPushButton *>(QStringLiteral("roundTripButton"));
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

QList<Webhook> TestReceiversRoundTrip::testWebhooks() const
{
    auto all = m_test.session->registry->list();
    if (!all)
        qFatal("%s", qPrintable(all.error().toString()));
    QList<Webhook> out;
    for (const Webhook &w : all.value())
        if (w.localTesting)
            out << w;
    return out;
}

void TestReceiversRoundTrip::roundTripVerifiesOverHttp()
{
    ReceiverHost *host = startReceiver(false);
    QVERIFY(host);
    clickRoundTrip();

    // The verified request arrives in the receiver's list...
    ReceivedRequestsModel *requests = host->requests();
    QTRY_COMPARE_WITH_TIMEOUT(requests->rowCount(), 1, kDeliveryTimeoutMs);
    QCOMPARE(requests->index(0, ReceivedRequestsModel::Path).data().toString(),
             QStringLiteral("/hookline"));
    QCOMPARE(requests->index(0, ReceivedRequestsModel::Verdict).data().toString(),
             QStringLiteral("Verified"));
    QVERIFY(requests->requestAt(0)->verdict.secretLabel.contains(QStringLiteral("current")));

    // ...from a webhook the registry holds, pointing at it...
    const QList<Webhook> webhooks = testWebhooks();
    QCOMPARE(webhooks.size(), 1);
    QCOMPARE(webhooks.first().url, host->url().toString() + QStringLiteral("hookline"));
    QVERIFY(webhooks.first().pinnedCertSha256.isEmpty());
    // ...that the Webhooks tab lists and the receiver verifies with.
    auto *webhookTable = m_window->findChild<QTableView *>(QStringLiteral("webhookTable"));
    QTRY_COMPARE(webhookTable->model()->rowCount(), 1);
    auto *attached = m_view->findChild<QTreeWidget *>(QStringLiteral("attachedSecrets"));
    QCOMPARE(attached->topLevelItemCount(), 1);
    QVERIFY(attached->topLevelItem(0)->text(1).contains(webhooks.first().name));
    QTRY_VERIFY(m_view->findChild<QLabel *>(QStringLiteral("receiverMessage"))
                    ->text()
                    .startsWith(QStringLiteral("Created the local-testing webhook")));

    // Again: the same webhook is reused, and a second verified request arrives.
    clickRoundTrip();
    QTRY_COMPARE_WITH_TIMEOUT(requests->rowCount(), 2, kDeliveryTimeoutMs);
    QCOMPARE(requests->index(0, ReceivedRequestsModel::Verdict).data().toString(),
             QStringLiteral("Verified"));
    QCOMPARE(testWebhooks().size(), 1);
}

void TestReceiversRoundTrip::roundTripVerifiesOverPinnedHttps()
{
    ReceiverHost *host = startReceiver(true);
    QVERIFY(host);
    QCOMPARE(host->url().scheme(), QStringLiteral("https"));
    clickRoundTrip();
    ReceivedRequestsModel *requests = host->requests();
    QTRY_COMPARE_WITH_TIMEOUT(requests->rowCount(), 1, kDeliveryTimeoutMs);
    QCOMPARE(requests->index(0, ReceivedRequestsModel::Verdict).data().toString(),
             QStringLiteral("Verified"));
    QVERIFY(requests->requestAt(0)->secure);
    const QList<Webhook> webhooks = testWebhooks();
    QCOMPARE(webhooks.size(), 1);
    // Pinned to the certificate the receiver shows.
    QCOMPARE(webhooks.first().pinnedCertSha256,
             host->fingerprint().remove(QLatin1Char(':')).toLower());
}

void TestReceiversRoundTrip::oneClickStartsAReceiverOnTheNextFreePort()
{
    // The preferred port is taken: the next free one is used.
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost, 0));
    m_window->preferences()->setReceiverPort(occupant.serverPort());
    QVERIFY(m_view->hosts().isEmpty());
    QUrl started;
    connect(m_view, &ReceiversView::receiverStarted, this,
            [&started](const QUrl &url) { started = url; });
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("emptyRoundTripButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty(), kDeliveryTimeoutMs);
    QVERIFY(started.port() > occupant.serverPort());
    QCOMPARE(m_view->currentReceiverUrl(), started);
    ReceiverHost *host = m_view->currentHost();
    QVERIFY(host);
    QTRY_COMPARE_WITH_TIMEOUT(host->requests()->rowCount(), 1, kDeliveryTimeoutMs);
    QCOMPARE(host->requests()->index(0, ReceivedRequestsModel::Verdict).data().toString(),
             QStringLiteral("Verified"));
}

QTEST_MAIN(TestReceiversRoundTrip)
#include "tst_receivers_roundtrip.moc"
