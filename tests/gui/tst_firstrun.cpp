// The first-run guide in the real main window: its three steps and "Load Example Data" lead a
// new user from an empty database to verified requests in a local receiver, with the window's
// own dispatcher and receiver doing the work.
#include "GettingStarted.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "TestSupport.h"
#include "WebhookDialog.h"
#include "receiver/ReceiversView.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hookline;

namespace {

constexpr int kDeliveryTimeoutMs = 20000;

} // namespace

class TestFirstRun : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void emptyDatabaseShowsTheGuide();
    void stepsLeadToAVerifiedRoundTrip();
    void exampleDataIsVerifiedByTheReceiver();
    void exampleDataWithoutAReceiverSaysSoAndRecovers();
    void dismissedGuideStaysHidden();

private:
    GettingStartedPanel *page() const;
    GettingStartedPanel *strip() const;
    QPushButton *button(GettingStartedPanel *guide, const char *name) const;
    int verifiedRequests() const;
    static void settle();

    QTemporaryDir m_config;
    test::TestSession m_test;
    std::unique_ptr<MainWindow> m_window;
};

void TestFirstRun::initTestCase()
{
    // Settings of this test's own, so other tests running at the same time do not see the
    // guide dismissed or a receiver port changed.
    QVERIFY(m_config.isValid());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
}

void TestFirstRun::init()
{
    Preferences().setFirstRunDone(false);
    Preferences().setReceiverHost(QStringLiteral("127.0.0.1"));
    m_test = test::makeSession();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->setSession(m_test.session);
    QTRY_VERIFY(page()->isVisible());
}

void TestFirstRun::cleanup()
{
    m_window.reset();
    m_test = {};
}

GettingStartedPanel *TestFirstRun::page() const
{
    return m_window->findChild<GettingStartedPanel *>(QStringLiteral("gettingStartedPage"));
}

GettingStartedPanel *TestFirstRun::strip() const
{
    return m_window->findChild<GettingStartedPanel *>(QStringLiteral("gettingStartedStrip"));
}

QPushButton *TestFirstRun::button(GettingStartedPanel *guide, const char *name) const
{
    auto *b = guide->findChild<QPushButton *>(QString::fromLatin1(name));
    if (!b)
        qFatal("no button %s", name);
    return b;
}

void TestFirstRun::settle()
{
    // Lets queued work (registry callbacks) run; nothing here waits on time passing.
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

int TestFirstRun::verifiedRequests() const
{
    QSqlQuery q(m_test.session->database->connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM received_requests WHERE verdict = "
                               "'verified'")) ||
        !q.next())
        return -1;
    return q.value(0).toInt();
}

void TestFirstRun::emptyDatabaseShowsTheGuide()
{
    QCOMPARE(page()->findChild<QLabel *>(QStringLiteral("gettingStartedTitle"))->text(),
             QStringLiteral("Welcome to Hookline"));
    // Nothing to send a test event to yet, and the button says so.
    QPushButton *send = button(page(), "guideSendTestButton");
    QVERIFY(!send->isEnabled());
    QVERIFY(send->toolTip().contains(QStringLiteral("receiver")));
    QVERIFY(!page()->isStepDone(GettingStartedPanel::Step::StartReceiver));

    // Step 2 opens the New Webhook dialog.
    QTest::mouseClick(button(page(), "guideNewWebhookButton"), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<WebhookDialog *>());
    auto *dialog = m_window->findChild<WebhookDialog *>();
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->text().isEmpty());
    dialog->reject();
}

void TestFirstRun::stepsLeadToAVerifiedRoundTrip()
{
    // 1. Start a receiver: the Receivers tab comes to the front with one running.
    QTest::mouseClick(button(page(), "guideStartReceiverButton"), Qt::LeftButton);
    QCOMPARE(m_window->currentTab(), MainWindow::Tab::Receivers);
    QTRY_VERIFY(!m_window->receiversView()->currentReceiverUrl().isEmpty());
    const QUrl receiver = m_window->receiversView()->currentReceiverUrl();
    QTRY_VERIFY(page()->isStepDone(GettingStartedPanel::Step::StartReceiver));
    QVERIFY(button(page(), "guideSendTestButton")->isEnabled());

    // 2. Register a webhook: the form starts with the receiver's address, marked for local
    // testing, so only the name and an event are left to fill in.
    m_window->showTab(MainWindow::Tab::Webhooks);
    QTest::mouseClick(button(page(), "guideNewWebhookButton"), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<WebhookDialog *>());
    auto *dialog = m_window->findChild<WebhookDialog *>();
    const QString url = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"))->text();
    QVERIFY2(url.startsWith(receiver.toString(QUrl::StripTrailingSlash)), qPrintable(url));
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("localTestingCheck"))->isChecked());
    dialog->reject();

    // 3. Send a test event: with a receiver running, the round trip registers a test webhook
    // for it and the receiver verifies the delivery.
    QTest::mouseClick(button(page(), "guideSendTestButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(verifiedRequests() >= 1, kDeliveryTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(strip()->isStepDone(GettingStartedPanel::Step::SendTest),
                             kDeliveryTimeoutMs);
    QVERIFY(strip()->isStepDone(GettingStartedPanel::Step::RegisterWebhook));
    // All three done: the guide has done its work and stays away from now on.
    QVERIFY(strip()->isHidden());
    QVERIFY(Preferences().firstRunDone());
}

void TestFirstRun::exampleDataIsVerifiedByTheReceiver()
{
    QTest::mouseClick(button(page(), "loadExamplesButton"), Qt::LeftButton);
    QVERIFY(!button(page(), "loadExamplesButton")->isEnabled());
    // A receiver is started for the examples, three webhooks point at it (one per scheme) and
    // every example event arrives verified with their secrets.
    QTRY_COMPARE_WITH_TIMEOUT(m_test.session->registry->list()->size(), 3, kDeliveryTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(verifiedRequests(), 6, kDeliveryTimeoutMs);
    QCOMPARE(m_window->currentTab(), MainWindow::Tab::Receivers);
    QSet<SignatureScheme> schemes;
    const QUrl receiver = m_window->receiversView()->currentReceiverUrl();
    for (const Webhook &w : m_test.session->registry->list().value()) {
        schemes.insert(w.scheme);
        QVERIFY(w.localTesting);
        QVERIFY2(w.url.startsWith(receiver.toString(QUrl::StripTrailingSlash)), qPrintable(w.url));
    }
    QCOMPARE(schemes.size(), 3);
    QTRY_VERIFY(button(page(), "loadExamplesButton")->isEnabled());
    // The list replaces the page; the strip keeps the remaining step in view.
    QTRY_VERIFY(!page()->isVisible());
    m_window->showTab(MainWindow::Tab::Webhooks);
    QVERIFY(strip()->isVisible());
    QVERIFY(!strip()->isStepDone(GettingStartedPanel::Step::SendTest));
}

void TestFirstRun::exampleDataWithoutAReceiverSaysSoAndRecovers()
{
    // An address this machine does not have: no receiver can start.
    m_window.reset();
    Preferences().setReceiverHost(QStringLiteral("192.0.2.1"));
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    m_window->setSession(m_test.session);
    QTRY_VERIFY(page()->isVisible());

    QPushButton *load = button(page(), "loadExamplesButton");
    QTest::mouseClick(load, Qt::LeftButton);
    // The button comes back (it does not wait forever for a receiver), nothing was created, and
    // the Receivers tab says why.
    QTRY_VERIFY(load->isEnabled());
    QCOMPARE(m_test.session->registry->list()->size(), 0);
    auto *error = m_window->receiversView()->findChild<QLabel *>(QStringLiteral("receiverError"));
    QVERIFY(error && error->isVisible());
    QVERIFY2(!error->text().isEmpty(), qPrintable(error->text()));
    Preferences().setReceiverHost(QStringLiteral("127.0.0.1"));

    // A receiver started by hand later does not receive the examples by surprise.
    m_window->receiversView()->startReceiverWithDefaults();
    QTRY_VERIFY(!m_window->receiversView()->currentReceiverUrl().isEmpty());
    settle();
    QCOMPARE(m_test.session->registry->list()->size(), 0);
}

void TestFirstRun::dismissedGuideStaysHidden()
{
    WebhookDraft d;
    d.name = QStringLiteral("Mine");
    d.url = QStringLiteral("https://hooks.example.com/in");
    d.events = {QStringLiteral("peopleCreated")};
    QVERIFY(m_test.session->registry->create(d).ok());
    m_window->refresh();
    QTRY_VERIFY(strip()->isVisible());
    auto *dismiss = strip()->findChild<QAbstractButton *>(QStringLiteral("dismissGuideButton"));
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(strip()->isHidden());
    QVERIFY(Preferences().firstRunDone());

    // A new window (the next start) does not bring it back.
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    m_window->setSession(m_test.session);
    QTRY_VERIFY(m_window->findChild<QAbstractButton *>(QStringLiteral("dismissGuideButton")));
    QTRY_VERIFY(m_window->findChild<QWidget *>(QStringLiteral("webhookTable"))->isVisible());
    QVERIFY(strip()->isHidden());
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
