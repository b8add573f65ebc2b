// Drives the real main window and its dialogs offscreen, the way a user would: shortcuts and
// actions, typing into fields, checking events, clicking buttons.
#include "EventPicker.h"
#include "EventTypeDialog.h"
#include "MainWindow.h"
#include "MessageBoxes.h"
#include "RegistryClient.h"
#include "SecretRevealDialog.h"
#include "TestSupport.h"
#include "WebhookDetailsView.h"
#include "WebhookDialog.h"
#include "WebhookListModel.h"
#include "history/HistoryFilterBar.h"
#include "history/HistoryView.h"
#include "registry/WebhookRegistry.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace hookline;

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void opensAsynchronously();
    void failedOpenNamesPathAndReason();
    void emptyStateOffersNewWebhook();
    void untouchedFieldsShowNoRequiredErrors();
    void urlInlineMessage_data();
    void urlInlineMessage();
    void createShowsSecretOnce();
    void limitExceededShowsBanner();
    void customEventTypeIsAddedAndChecked();
    void editKeepsSelection();
    void disableShowsStatus();
    void rotateShowsNewSecret();
    void deleteRemovesRow();
    void showDeliveriesOpensHistoryFiltered();

private:
    QAction *action(const char *name) const;
    QTableView *table() const;
    QString pageTitle() const;
    // The dialog of type T the window currently shows, or nullptr.
    template <typename T> T *visibleDialog() const;
    WebhookDialog *openNewDialog();
    void checkEvent(WebhookDialog *dialog, const QString &event);
    QString createThroughDialog(const QString &name, const QString &url, const QString &event);
    void closeSecretDialog(SecretRevealDialog *dialog);
    int rowOf(const QString &name) const;
    void selectRow(int row);
    QString cell(int row, WebhookListModel::Column column) const;
    QString detailsText() const;
    Webhook createDirectly(const QString &name, const QStringList &events);

    // Shortcuts reach only the active window; the offscreen platform does not hand activation
    // back to the main window when a dialog closes, as window managers do.
    void activateMainWindow();

    test::TestSession m_test;
    std::unique_ptr<MainWindow> m_window;
    int m_created = 0;
};

void TestMainWindow::init()
{
    m_test = test::makeSession();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    activateMainWindow();
    m_window->setSession(m_test.session);
    QTRY_VERIFY(m_window->registryClient()->isReady());
    QTRY_COMPARE(pageTitle(), QStringLiteral("empty"));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_test = {};
    m_created = 0;
}

void TestMainWindow::activateMainWindow()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

QAction *TestMainWindow::action(const char *name) const
{
    auto *a = m_window->findChild<QAction *>(QString::fromLatin1(name));
    if (!a)
        qFatal("no action %s", name);
    return a;
}

QTableView *TestMainWindow::table() const
{
    return m_window->findChild<QTableView *>(QStringLiteral("webhookTable"));
}

QString TestMainWindow::pageTitle() const
{
    // What the window shows: opening, failed, empty (the getting-started guide), or the list.
    if (table() && table()->isVisible())
        return QStringLiteral("list");
    if (auto *guide = m_window->findChild<QWidget *>(QStringLiteral("gettingStartedPage"));
        guide && guide->isVisible())
        return QStringLiteral("empty");
    for (const char *name : {"openingTitle", "failedMessage"})
        if (auto *label = m_window->findChild<QLabel *>(QString::fromLatin1(name));
            label && label->isVisible())
            return label->text();
    return {};
}

template <typename T> T *TestMainWindow::visibleDialog() const
{
    for (T *dialog : m_window->findChildren<T *>())
        if (dialog->isVisible())
            return dialog;
    return nullptr;
}

WebhookDialog *TestMainWindow::openNewDialog()
{
    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
    WebhookDialog *dialog = nullptr;
    [&] { QTRY_VERIFY((dialog = visibleDialog<WebhookDialog>())); }();
    return dialog;
}

void TestMainWindow::checkEvent(WebhookDialog *dialog, const QString &event)
{
    auto *picker = dialog->findChild<EventPicker *>();
    QVERIFY(picker);
    QLineEdit *search = picker->searchField();
    search->selectAll();
    QTest::keyClicks(search, event);
    // The search leaves the single match current; Space checks it, as for a user.
    QTreeView *view = picker->view();
    QCOMPARE(view->currentIndex().data().toString(), event);
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(picker->selectedEvents().contains(event));
}

QString TestMainWindow::createThroughDialog(const QString &name, const QString &url,
                                            const QString &event)
{
    WebhookDialog *dialog = openNewDialog();
    if (!dialog)
        return {};
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), name);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), url);
    checkEvent(dialog, event);
    // These endpoints do not exist: a test event would fail and pause the webhook
    // (tst_sendevent covers that).
    auto *sendTest = dialog->findChild<QCheckBox *>(QStringLiteral("sendTestCheck"));
    if (sendTest->isChecked())
        QTest::keyClick(sendTest, Qt::Key_Space);
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    if (!submit->isEnabled())
        return {};
    QTest::mouseClick(submit, Qt::LeftButton);
    SecretRevealDialog *reveal = nullptr;
    [&] { QTRY_VERIFY((reveal = visibleDialog<SecretRevealDialog>())); }();
    if (!reveal)
        return {};
    const QString secret = reveal->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
    closeSecretDialog(reveal);
    return secret;
}

void TestMainWindow::closeSecretDialog(SecretRevealDialog *dialog)
{
    QTest::keyClick(dialog->findChild<QCheckBox *>(QStringLiteral("storedCheck")), Qt::Key_Space);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("closeButton")),
                      Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
}

int TestMainWindow::rowOf(const QString &name) const
{
    const QAbstractItemModel *model = table()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, WebhookListModel::Name).data().toString() == name)
            return row;
    return -1;
}

void TestMainWindow::selectRow(int row)
{
    QTableView *view = table();
    const QModelIndex index = view->model()->index(row, WebhookListModel::Name);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
}

QString TestMainWindow::cell(int row, WebhookListModel::Column column) const
{
    return table()->model()->index(row, column).data().toString();
}

QString TestMainWindow::detailsText() const
{
    const auto *details = m_window->findChild<WebhookDetailsView *>();
    QStringList texts;
    for (const QLabel *label : details->findChildren<QLabel *>())
        texts << label->text();
    for (const QLineEdit *field : details->findChildren<QLineEdit *>())
        texts << field->text();
    return texts.join(QLatin1Char('\n'));
}

Webhook TestMainWindow::createDirectly(const QString &name, const QStringList &events)
{
    WebhookDraft draft;
    draft.name = name;
    draft.url = QStringLiteral("https://receiver.example.com/hooks/%1").arg(++m_created);
    draft.events = events;
    auto created = m_test.session->registry->create(draft);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created->webhook;
}

void TestMainWindow::opensAsynchronously()
{
    m_window.reset();
    qputenv("HOOKLINE_MASTER_KEY", test::testKeyHex().toLatin1());
    MainWindow window;
    window.show();
    Session::Options options;
    options.databasePath = m_test.dir->filePath(QStringLiteral("opened.sqlite"));
    options.useKeychain = false;
    window.openSession(options);
    // The window is usable at once; the database answers later, off the GUI thread.
    QTRY_VERIFY(window.registryClient()->isReady());
    qunsetenv("HOOKLINE_MASTER_KEY");
    auto *storage = window.findChild<QLabel *>(QStringLiteral("storageLabel"));
    QCOMPARE(storage->text(), QStringLiteral("Database: opened.sqlite"));
    QVERIFY(storage->toolTip().contains(QStringLiteral("HOOKLINE_MASTER_KEY")));
    QVERIFY(storage->toolTip().contains(options.databasePath));
    QTRY_VERIFY(window.findChild<QWidget *>(QStringLiteral("gettingStartedPage"))->isVisible());
}

void TestMainWindow::failedOpenNamesPathAndReason()
{
    m_window.reset();
    MainWindow window;
    window.show();
    Session::Options options;
    options.databasePath = m_test.dir->path(); // a folder, not a file
    options.useKeychain = false;
    window.openSession(options);
    auto *message = window.findChild<QLabel *>(QStringLiteral("failedMessage"));
    QTRY_VERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("folder")));
    QVERIFY(window.findChild<QLabel *>(QStringLiteral("failedPath"))
                ->text()
                .contains(options.databasePath));
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionNewWebhook"))->isEnabled());
}

void TestMainWindow::emptyStateOffersNewWebhook()
{
    auto *button = m_window->findChild<QWidget *>(QStringLiteral("gettingStartedPage"))
                       ->findChild<QPushButton *>(QStringLiteral("guideNewWebhookButton"));
    QVERIFY(button->isVisible());
    QVERIFY(!action("actionEdit")->isEnabled());
    QVERIFY(!action("actionDelete")->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(visibleDialog<WebhookDialog>());
    visibleDialog<WebhookDialog>()->reject();
}

void TestMainWindow::untouchedFieldsShowNoRequiredErrors()
{
    WebhookDialog *dialog = openNewDialog();
    QVERIFY(dialog);
    auto *nameError = dialog->findChild<QLabel *>(QStringLiteral("nameError"));
    auto *urlError = dialog->findChild<QLabel *>(QStringLiteral("urlError"));
    auto *eventsError = dialog->findChild<QLabel *>(QStringLiteral("eventsError"));
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    QVERIFY(!nameError->isVisibleTo(dialog));
    QVERIFY(!urlError->isVisibleTo(dialog));
    QVERIFY(!eventsError->isVisibleTo(dialog));
    QVERIFY(!submit->isEnabled());

    // Typed into, then emptied: now "required" is news.
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QTest::keyClicks(name, QStringLiteral("x"));
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY(nameError->isVisibleTo(dialog));
    QVERIFY(nameError->text().contains(QStringLiteral("required")));
    QVERIFY(!urlError->isVisibleTo(dialog));
    dialog->reject();
}

void TestMainWindow::urlInlineMessage_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("localTesting");
    QTest::addColumn<QString>("expected"); // empty: no message

    QTest::newRow("http elsewhere")
        << QStringLiteral("http://example.com") << false << QStringLiteral("https");
    QTest::newRow("other scheme") << QStringLiteral("ftp://example.com/in") << false
                                  << QStringLiteral("not supported");
    QTest::newRow("relative") << QStringLiteral("example.com/hook") << false
                              << QStringLiteral("absolute URL");
    QTest::newRow("loopback unmarked")
        << QStringLiteral("http://127.0.0.1:8080/hook") << false << QStringLiteral("local testing");
    QTest::newRow("loopback marked")
        << QStringLiteral("http://127.0.0.1:8080/hook") << true << QString();
    QTest::newRow("https") << QStringLiteral("https://example.com/hook") << false << QString();
}

void TestMainWindow::urlInlineMessage()
{
    QFETCH(QString, url);
    QFETCH(bool, localTesting);
    QFETCH(QString, expected);

    WebhookDialog *dialog = openNewDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")), url);
    if (localTesting)
        QTest::keyClick(dialog->findChild<QCheckBox *>(QStringLiteral("localTestingCheck")),
                        Qt::Key_Space);
    auto *urlError = dialog->findChild<QLabel *>(QStringLiteral("urlError"));
    if (expected.isEmpty()) {
        QVERIFY2(!urlError->isVisibleTo(dialog), qPrintable(urlError->text()));
    } else {
        QVERIFY(urlError->isVisibleTo(dialog));
        QVERIFY2(urlError->text().contains(expected), qPrintable(urlError->text()));
    }
    dialog->reject();
}

void TestMainWindow::createShowsSecretOnce()
{
    WebhookDialog *dialog = openNewDialog();
    QVERIFY(dialog);
    QPointer<WebhookDialog> guard(dialog);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit"));
    auto *urlError = dialog->findChild<QLabel *>(QStringLiteral("urlError"));
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));

    QTest::keyClicks(name, QStringLiteral("CRM sync"));
    QTest::keyClicks(url, QStringLiteral("http://example.com"));
    QVERIFY(!submit->isEnabled());
    QVERIFY(urlError->isVisibleTo(dialog));
    QVERIFY2(urlError->text().contains(QStringLiteral("https")), qPrintable(urlError->text()));

    QTest::keyClick(url, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(url, QStringLiteral("https://example.com/hooks/crm"));
    QVERIFY(!urlError->isVisibleTo(dialog));
    QVERIFY(!submit->isEnabled()); // no event yet

    checkEvent(dialog, QStringLiteral("email.replied"));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("eventCount"))->text(),
             QStringLiteral("1 event selected"));
    // On by default; example.com is not a real receiver, so no test event here.
    auto *sendTest = dialog->findChild<QCheckBox *>(QStringLiteral("sendTestCheck"));
    QVERIFY(sendTest->isChecked());
    QTest::keyClick(sendTest, Qt::Key_Space);
    QVERIFY(!sendTest->isChecked());
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);

    SecretRevealDialog *reveal = nullptr;
    QTRY_VERIFY((reveal = visibleDialog<SecretRevealDialog>()));
    QTRY_VERIFY(guard.isNull() || !guard->isVisible());
    QCOMPARE(reveal->windowTitle(), QStringLiteral("Save your signing secret"));
    QPointer<QLineEdit> secretEdit = reveal->findChild<QLineEdit *>(QStringLiteral("secretEdit"));
    const QString secret = secretEdit->text();
    QVERIFY2(secret.startsWith(QStringLiteral("whsec_")), qPrintable(secret.left(6)));
    QCOMPARE(secret.size(), 50);

    auto *copy = reveal->findChild<QPushButton *>(QStringLiteral("copyButton"));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), secret);
    QCOMPARE(copy->text(), QStringLiteral("Copied"));
    QApplication::clipboard()->clear();

    // It cannot be dismissed before the user says the secret is stored.
    auto *close = reveal->findChild<QPushButton *>(QStringLiteral("closeButton"));
    auto *stored = reveal->findChild<QCheckBox *>(QStringLiteral("storedCheck"));
    QVERIFY(!close->isEnabled());
    QTest::keyClick(reveal, Qt::Key_Escape);
    QVERIFY(reveal->isVisible());
    reveal->close();
    QVERIFY(reveal->isVisible());
    QTest::keyClick(stored, Qt::Key_Space);
    QVERIFY(close->isEnabled());
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!reveal->isVisible());
    QVERIFY(secretEdit.isNull() || secretEdit->text().isEmpty());

    int row = -1;
    QTRY_VERIFY((row = rowOf(QStringLiteral("CRM sync"))) >= 0);
    QCOMPARE(cell(row, WebhookListModel::Status), QStringLiteral("active"));
    QCOMPARE(cell(row, WebhookListModel::LastDelivery), QStringLiteral("—"));
    // The new webhook is selected and its details show the prefix, never the secret.
    QTRY_VERIFY(detailsText().contains(secret.left(12) + QStringLiteral("…")));
    QVERIFY(!detailsText().contains(secret));
    QVERIFY(!detailsText().contains(secret.mid(12)));

    const QByteArray files = test::readDatabaseFiles(m_test.databasePath);
    QVERIFY(!files.isEmpty());
    QVERIFY(!files.contains(secret.toUtf8()));
    QVERIFY(!files.contains(secret.mid(6).toUtf8()));
}

void TestMainWindow::limitExceededShowsBanner()
{
    const QString event = QStringLiteral("email.replied");
    createDirectly(QStringLiteral("first"), {event});
    createDirectly(QStringLiteral("second"), {event});
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_COMPARE(table()->model()->rowCount(), 2);

    WebhookDialog *dialog = openNewDialog();
    QVERIFY(dialog);
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QTest::keyClicks(name, QStringLiteral("third"));
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("urlEdit")),
                     QStringLiteral("https://example.com/third"));
    checkEvent(dialog, event);
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);

    auto *banner = dialog->findChild<QLabel *>(QStringLiteral("errorBanner"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(event), qPrintable(banner->text()));
    QVERIFY(banner->text().contains(QStringLiteral("2 webhooks")));
    // The dialog stays, with the user's input, ready for another try.
    QVERIFY(dialog->isVisible());
    QCOMPARE(name->text(), QStringLiteral("third"));
    QTRY_VERIFY(submit->isEnabled());
    QVERIFY(!visibleDialog<SecretRevealDialog>());
    QCOMPARE(m_test.session->registry->list()->size(), 2);
    dialog->reject();
}

void TestMainWindow::customEventTypeIsAddedAndChecked()
{
    WebhookDialog *dialog = openNewDialog();
    QVERIFY(dialog);
    auto *picker = dialog->findChild<EventPicker *>();
    QTest::mouseClick(picker->findChild<QPushButton *>(QStringLiteral("addCustomEventButton")),
                      Qt::LeftButton);
    EventTypeDialog *typeDialog = nullptr;
    QTRY_VERIFY((typeDialog = picker->findChild<EventTypeDialog *>()) && typeDialog->isVisible());

    QPointer<EventTypeDialog> typeGuard(typeDialog);
    auto *name = typeDialog->findChild<QLineEdit *>(QStringLiteral("eventNameEdit"));
    auto *nameError = typeDialog->findChild<QLabel *>(QStringLiteral("eventNameError"));
    auto *sample = typeDialog->findChild<QPlainTextEdit *>(QStringLiteral("eventSampleEdit"));
    auto *sampleError = typeDialog->findChild<QLabel *>(QStringLiteral("eventSampleError"));
    auto *add = typeDialog->findChild<QPushButton *>(QStringLiteral("addEventTypeButton"));

    // A name the catalog already has is refused as it is typed.
    QTest::keyClicks(name, QStringLiteral("email.sent"));
    QVERIFY(nameError->isVisibleTo(typeDialog));
    QVERIFY2(nameError->text().contains(QStringLiteral("already")), qPrintable(nameError->text()));
    QVERIFY(!add->isEnabled());
    QTest::keyClick(name, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(name, QStringLiteral("invoice.paid"));
    QVERIFY(!nameError->isVisibleTo(typeDialog));

    sample->selectAll();
    QTest::keyClicks(sample, QStringLiteral("{\"amount\": "));
    QVERIFY(sampleError->isVisibleTo(typeDialog));
    QVERIFY(!add->isEnabled());
    QTest::keyClicks(sample, QStringLiteral("1200}"));
    QVERIFY2(!sampleError->isVisibleTo(typeDialog), qPrintable(sampleError->text()));
    QVERIFY(add->isEnabled());
    QTest::mouseClick(add, Qt::LeftButton);

    QTRY_VERIFY(typeGuard.isNull() || !typeGuard->isVisible());
    QTRY_VERIFY(picker->selectedEvents().contains(QStringLiteral("invoice.paid")));
    const auto stored = m_test.session->registry->catalog().find(QStringLiteral("invoice.paid"));
    QVERIFY(stored.has_value());
    QVERIFY(stored->isCustom());
    QCOMPARE(stored->sample.value(QStringLiteral("amount")).toInt(), 1200);
    dialog->reject();
}

void TestMainWindow::editKeepsSelection()
{
    const Webhook a = createDirectly(QStringLiteral("alpha"), {QStringLiteral("email.sent")});
    const Webhook b = createDirectly(QStringLiteral("beta"), {QStringLiteral("email.sent")});
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    selectRow(rowOf(QStringLiteral("beta")));
    QCOMPARE(m_window->currentWebhookId(), b.id);

    QTest::keyClick(table(), Qt::Key_Return);
    WebhookDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleDialog<WebhookDialog>()));
    auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QCOMPARE(name->text(), QStringLiteral("beta"));
    QTest::keyClick(name, Qt::Key_End);
    QTest::keyClicks(name, QStringLiteral(" renamed"));
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitButton"));
    QCOMPARE(submit->text(), QStringLiteral("Save"));
    QVERIFY(submit->isEnabled());
    QTest::mouseClick(submit, Qt::LeftButton);

    QTRY_VERIFY(rowOf(QStringLiteral("beta renamed")) >= 0);
    QCOMPARE(m_window->currentWebhookId(), b.id);
    QVERIFY(detailsText().contains(QStringLiteral("beta renamed")));
    QCOMPARE(m_test.session->registry->get(a.id)->name, QStringLiteral("alpha"));
}

void TestMainWindow::disableShowsStatus()
{
    createThroughDialog(QStringLiteral("to disable"), QStringLiteral("https://example.com/d"),
                        QStringLiteral("email.sent"));
    int row = -1;
    QTRY_VERIFY((row = rowOf(QStringLiteral("to disable"))) >= 0);
    selectRow(row);
    QAction *toggle = action("actionToggleEnabled");
    QVERIFY(toggle->isEnabled());
    QCOMPARE(toggle->iconText(), QStringLiteral("Disable"));

    activateMainWindow();
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::ControlModifier);
    QTRY_COMPARE(cell(rowOf(QStringLiteral("to disable")), WebhookListModel::Status),
                 QStringLiteral("disabled"));
    QTRY_COMPARE(toggle->iconText(), QStringLiteral("Enable"));
    // "Disabled by user": the reason already names the status.
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("detailsStatus"))
                ->text()
                .startsWith(QStringLiteral("disabled"), Qt::CaseInsensitive));

    toggle->trigger();
    QTRY_COMPARE(cell(rowOf(QStringLiteral("to disable")), WebhookListModel::Status),
                 QStringLiteral("active"));
}

void TestMainWindow::rotateShowsNewSecret()
{
    const QString first =
        createThroughDialog(QStringLiteral("to rotate"), QStringLiteral("https://example.com/r"),
                            QStringLiteral("email.opened"));
    QVERIFY(first.startsWith(QStringLiteral("whsec_")));
    int row = -1;
    QTRY_VERIFY((row = rowOf(QStringLiteral("to rotate"))) >= 0);
    selectRow(row);

    // Declining changes nothing.
    activateMainWindow();
    MessageBoxes::setNextAnswer(QMessageBox::Cancel);
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    QVERIFY(!visibleDialog<SecretRevealDialog>());

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    QTest::keyClick(m_window.get(), Qt::Key_R, Qt::ControlModifier);
    SecretRevealDialog *reveal = nullptr;
    QTRY_VERIFY((reveal = visibleDialog<SecretRevealDialog>()));
    const QString second = reveal->findChild<QLineEdit *>(QStringLiteral("secretEdit"))->text();
    QVERIFY(second.startsWith(QStringLiteral("whsec_")));
    QCOMPARE(second.size(), 50);
    QVERIFY(second != first);
    auto *overlap = reveal->findChild<QLabel *>(QStringLiteral("overlapNote"));
    QVERIFY(overlap);
    QVERIFY(overlap->text().startsWith(QStringLiteral("The previous secret remains valid until")));
    closeSecretDialog(reveal);

    QTRY_VERIFY(detailsText().contains(second.left(12)));
    QVERIFY(!detailsText().contains(second));
    const QByteArray files = test::readDatabaseFiles(m_test.databasePath);
    QVERIFY(!files.contains(first.toUtf8()));
    QVERIFY(!files.contains(second.toUtf8()));
}

void TestMainWindow::showDeliveriesOpensHistoryFiltered()
{
    const Webhook w = createDirectly(QStringLiteral("audited"), {QStringLiteral("email.replied")});
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QVERIFY(!action("actionShowDeliveries")->isEnabled());
    selectRow(0);
    QVERIFY(action("actionShowDeliveries")->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_window->currentTab(), MainWindow::Tab::History);
    QTRY_COMPARE(m_window->historyView()->filterBar()->filter(0).webhookId, w.id);
    // Webhook row actions stand down while another tab is in front (Delete among them).
    QVERIFY(!action("actionDelete")->isEnabled());
    QVERIFY(!action("actionShowDeliveries")->isEnabled());
}

void TestMainWindow::deleteRemovesRow()
{
    createDirectly(QStringLiteral("keep"), {QStringLiteral("email.sent")});
    createDirectly(QStringLiteral("remove me"), {QStringLiteral("email.sent")});
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_COMPARE(table()->model()->rowCount(), 2);
    selectRow(rowOf(QStringLiteral("remove me")));

    MessageBoxes::setNextAnswer(QMessageBox::No);
    QTest::keyClick(table(), Qt::Key_Delete);
    QCOMPARE(m_test.session->registry->list()->size(), 2);

    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    QTest::keyClick(table(), Qt::Key_Delete);
    QTRY_COMPARE(table()->model()->rowCount(), 1);
    QCOMPARE(rowOf(QStringLiteral("remove me")), -1);
    QVERIFY(rowOf(QStringLiteral("keep")) >= 0);
    QCOMPARE(m_window->currentWebhookId(), QString());
    QVERIFY(!action("actionDelete")->isEnabled());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("detailsPlaceholder"))->isVisible());

    selectRow(rowOf(QStringLiteral("keep")));
    MessageBoxes::setNextAnswer(QMessageBox::Yes);
    action("actionDelete")->trigger();
    QTRY_COMPARE(pageTitle(), QStringLiteral("empty"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
