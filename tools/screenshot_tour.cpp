// Takes the README's screenshots: the real main window, driven the way a new user would go
// through it (first run, example data, a failing endpoint, a forged request), grabbed in the
// light and the dark theme. Everything happens in a temporary folder: no user data is touched.
//
//   xvfb-run -a build/bin/hookline_screenshot_tour docs
// writes first-run, main-window, history-examples and receiver-examples .png, and -dark.png.
#include "ApplicationIdentity.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "Session.h"
#include "Theme.h"
#include "WebhookListModel.h"
#include "history/HistoryView.h"
#include "receiver/ReceiversView.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>

using namespace hookline;

namespace {

// Lets the window work (its database worker, dispatcher and receivers answer through the event
// loop) until `done` holds.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void settle(int ms = 400)
{
    waitUntil([] { return false; }, ms);
}

int count(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

bool save(QWidget *window, const QString &dir, const QString &name)
{
    settle();
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

void selectRow(QTableView *table, int row)
{
    if (!table || table->model()->rowCount() <= row)
        return;
    table->setFocus();
    table->selectRow(row);
}

bool tour(Theme theme, const QString &outDir)
{
    const QString suffix = theme == Theme::Dark ? QStringLiteral("-dark") : QString();
    QTemporaryDir temp;
    qputenv("XDG_CONFIG_HOME", temp.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", temp.filePath(QStringLiteral("data")).toUtf8());
    {
        Preferences preferences;
        preferences.setTheme(theme);
        preferences.setFirstRunDone(false);
        preferences.setReceiverPort(18787);
    }
    applyTheme(theme);

    Session::Options options;
    options.databasePath = temp.filePath(QStringLiteral("hookline.sqlite"));
    options.useKeychain = false;
    auto session = Session::open(options);
    if (!session) {
        std::fprintf(stderr, "%s\n", qPrintable(session.error().toString()));
        return false;
    }
    const std::shared_ptr<Session> s = session.value();

    bool ok = true;
    {
        MainWindow window;
        window.resize(1440, 900);
        window.show();
        window.setSession(s);
        waitUntil([&] {
            return window.findChild<QWidget *>(QStringLiteral("gettingStartedPage"))->isVisible();
        });
        ok &= save(&window, outDir, QStringLiteral("first-run") + suffix);

        // "Load Example Data": a receiver, three webhooks pointed at it, six verified events.
        window.loadExampleData();
        ok &= waitUntil([&] {
            return count(*s->database,
                         QStringLiteral("SELECT COUNT(*) FROM received_requests WHERE verdict = "
                                        "'verified'")) >= 6;
        });
        const QUrl receiver = window.receiversView()->currentReceiverUrl();

        // An endpoint that is down, for History to have failures to explain.
        WebhookDraft down;
        down.name = QStringLiteral("Billing service");
        down.url = QStringLiteral("http://127.0.0.1:9/hooks/billing");
        down.localTesting = true;
        down.events = {QStringLiteral("peopleCreated"), QStringLiteral("dealCreated")};
        down.description = QStringLiteral("Staging billing endpoint (currently down)");
        auto created = s->registry->create(down);
        window.refresh();
        PublishRequest deal;
        deal.type = QStringLiteral("dealCreated");
        deal.data = QJsonObject{{QStringLiteral("dealId"), QStringLiteral("deal_4821")},
                                {QStringLiteral("customerId"), QStringLiteral("cus_8f3k2")},
                                {QStringLiteral("amount"), 1299}};
        deal.resourceIds = {QStringLiteral("deal_4821"), QStringLiteral("cus_8f3k2")};
        window.registryClient()->publish(deal, &window, [](Result<EnqueuedEvent>) {});
        ok &= waitUntil([&] {
            return count(*s->database, QStringLiteral("SELECT COUNT(*) FROM delivery_attempts "
                                                      "WHERE response_status IS NULL")) >= 1;
        });

        // A request signed with the wrong secret, as another tool might send it.
        QNetworkAccessManager network;
        QUrl forged = receiver;
        forged.setPath(QStringLiteral("/examples/crm"));
        QNetworkRequest request(forged);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        request.setRawHeader("X-Webhook-Signature", QByteArray(64, 'a'));
        QNetworkReply *reply = network.post(
            request, QByteArrayLiteral("{\"event\":\"peopleCreated\",\"data\":{\"id\":\"p-77\"}}"));
        ok &= waitUntil([&] { return reply->isFinished(); });
        reply->deleteLater();

        window.showTab(MainWindow::Tab::Webhooks);
        waitUntil([&] {
            return window.findChild<QTableView *>(QStringLiteral("webhookTable"))->isVisible();
        });
        window.selectWebhook(created ? created->webhook.id : QString());
        ok &= save(&window, outDir, QStringLiteral("main-window") + suffix);

        window.showTab(MainWindow::Tab::History);
        HistoryView *history = window.historyView();
        waitUntil([&] { return history->table()->model()->rowCount() >= 7; });
        // The delivery to the endpoint that is down: what failed, and when it is tried again.
        QAbstractItemModel *rows = history->table()->model();
        for (int row = 0; row < rows->rowCount(); ++row)
            for (int column = 0; column < rows->columnCount(); ++column)
                if (rows->index(row, column).data().toString() == down.name) {
                    selectRow(history->table(), row);
                    row = rows->rowCount();
                    break;
                }
        ok &= save(&window, outDir, QStringLiteral("history-examples") + suffix);

        window.showTab(MainWindow::Tab::Receivers);
        auto *requests =
            window.receiversView()->findChild<QTableView *>(QStringLiteral("requestsTable"));
        waitUntil([&] { return requests && requests->model()->rowCount() >= 7; });
        selectRow(requests, 0);
        ok &= save(&window, outDir, QStringLiteral("receiver-examples") + suffix);
        window.close();
    }
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    applyApplicationIdentity();
    qputenv("HOOKLINE_KEYCHAIN", "off");
    QApplication app(argc, argv);
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    bool ok = tour(Theme::Light, outDir);
    ok &= tour(Theme::Dark, outDir);
    return ok ? 0 : 1;
}
