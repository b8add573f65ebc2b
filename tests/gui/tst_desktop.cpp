// The desktop details around the main window: the About dialog, --version and --help without a
// display, the tray notifier where there is no tray, translations, keyboard navigation and
// accessible names in the main dialogs, and closing cleanly while work runs.
#include "AboutDialog.h"
#include "BackgroundDispatcher.h"
#include "MainWindow.h"
#include "RegistryClient.h"
#include "SendEventDialog.h"
#include "SettingsDialog.h"
#include "TestSupport.h"
#include "Translations.h"
#include "TrayNotifier.h"
#include "WebhookDialog.h"
#include "receiver/ReceiversView.h"
#include "registry/WebhookRegistry.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace hookline;

namespace {

// Receives the URLs QDesktopServices is asked to open, instead of a file manager.
class UrlRecorder final : public QObject {
    Q_OBJECT

public:
    QList<QUrl> urls;

public slots:
    void openUrl(const QUrl &url) { urls << url; }
};

// Every <source> of a Qt Linguist file.
QSet<QString> sourcesIn(const QString &tsPath, QSet<QString> *contexts = nullptr)
{
    QSet<QString> sources;
    QFile file(tsPath);
    if (!file.open(QIODevice::ReadOnly))
        return sources;
    QXmlStreamReader xml(&file);
    bool inContextName = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("source"))
            sources << xml.readElementText();
        else if (xml.isStartElement() && xml.name() == QLatin1String("name"))
            inContextName = true;
        else if (xml.isCharacters() && inContextName && contexts)
            *contexts << xml.text().toString();
        else if (xml.isEndElement() && xml.name() == QLatin1String("name"))
            inContextName = false;
    }
    return sources;
}

} // namespace

class TestDesktop : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void aboutShowsVersionDatabaseAndProtection();
    void versionAndHelpNeedNoDisplay_data();
    void versionAndHelpNeedNoDisplay();
    void trayNotifierIsHarmlessWithoutTray();
    void autoPausedWebhookIsAnnounced();
    void translationLoadsForEnglish();
    void lupdateFindsEveryMainWindowString();
    void committedTsFileHasMainWindowStrings();
    void mnemonicsAreUnique();
    void dialogsAreKeyboardNavigable_data();
    void dialogsAreKeyboardNavigable();
    void closingStopsDispatcherAndReceivers();
    void terminationSignalQuitsCleanly();

private:
    void activate(QWidget *window);
    QDialog *openDialog(const QString &dialogType);
    static QList<QWidget *> tabFocusable(QWidget *dialog);
    static bool hasAccessibleName(QWidget *widget, QWidget *dialog);

    QTemporaryDir m_config;
    test::TestSession m_test;
    std::unique_ptr<MainWindow> m_window;
};

void TestDesktop::initTestCase()
{
    QVERIFY(m_config.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
}

void TestDesktop::init()
{
    m_test = test::makeSession();
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    activate(m_window.get());
    m_window->setSession(m_test.session);
    QTRY_VERIFY(m_window->registryClient()->isReady());
}

void TestDesktop::cleanup()
{
    m_window.reset();
    m_test = {};
}

void TestDesktop::activate(QWidget *window)
{
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
}

void TestDesktop::aboutShowsVersionDatabaseAndProtection()
{
    auto *action = m_window->findChild<QAction *>(QStringLiteral("actionAbout"));
    QVERIFY(action);
    action->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY((about = m_window->findChild<AboutDialog *>()) && about->isVisible());

    QVERIFY(about->findChild<QLabel *>(QStringLiteral("aboutVersion"))
                ->text()
                .contains(QStringLiteral(HOOKLINE_VERSION)));
    QVERIFY(about->findChild<QLabel *>(QStringLiteral("aboutQtVersion"))
                ->text()
                .contains(QString::fromLatin1(qVersion())));
    QVERIFY(!about->findChild<QLabel *>(QStringLiteral("aboutIcon"))->pixmap().isNull());

    auto *path = about->findChild<QLineEdit *>(QStringLiteral("aboutDatabasePath"));
    QCOMPARE(path->text(), QDir::toNativeSeparators(m_test.databasePath));
    QVERIFY(path->isReadOnly());
    const QString protection = m_window->registryClient()->protectionDescription();
    QVERIFY(!protection.isEmpty());
    QVERIFY(
        about->findChild<QLabel *>(QStringLiteral("aboutProtection"))->text().contains(protection));

    // The license by name, its text on request.
    auto *toggle = about->findChild<QToolButton *>(QStringLiteral("aboutLicenseToggle"));
    QVERIFY(toggle->text().contains(QStringLiteral("MIT License")));
    auto *license = about->findChild<QPlainTextEdit *>(QStringLiteral("aboutLicenseText"));
    QVERIFY(!license->isVisible());
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(license->isVisible());
    QVERIFY(license->toPlainText().startsWith(QStringLiteral("MIT License")));
    QVERIFY(license->toPlainText().contains(QStringLiteral("Permission is hereby granted")));

    // Open Folder asks the desktop to show the database's folder.
    UrlRecorder recorder;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &recorder, "openUrl");
    QTest::mouseClick(about->findChild<QPushButton *>(QStringLiteral("aboutOpenFolderButton")),
                      Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(recorder.urls.size(), 1);
    QCOMPARE(QDir::cleanPath(recorder.urls.first().toLocalFile()),
             QDir::cleanPath(QFileInfo(m_test.databasePath).absolutePath()));
}

void TestDesktop::versionAndHelpNeedNoDisplay_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("expected");
    QTest::newRow("version")
        << "--version" << QStringLiteral("Hookline %1\n").arg(QStringLiteral(HOOKLINE_VERSION));
    QTest::newRow("help") << "--help"
                          << "--db <PATH>";
}

void TestDesktop::versionAndHelpNeedNoDisplay()
{
    QFETCH(QString, argument);
    QFETCH(QString, expected);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display of any kind: a GUI that needed one would abort here.
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HOOKLINE_GUI_EXECUTABLE), {argument});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    QVERIFY2(out.contains(expected), qPrintable(out));
    QVERIFY2(process.readAllStandardError().isEmpty(), "nothing on stderr");
}

void TestDesktop::trayNotifierIsHarmlessWithoutTray()
{
    if (QSystemTrayIcon::isSystemTrayAvailable())
        QSKIP("this platform has a system tray; the check is for platforms without one");
    QWidget window;
    QAction pause(QStringLiteral("Pause"));
    QAction quit(QStringLiteral("Quit"));
    TrayNotifier tray(&window, &pause, &quit);
    QVERIFY(!tray.isAvailable());
    QVERIFY(!tray.trayIcon());
    QVERIFY(!tray.findChild<QSystemTrayIcon *>());
    tray.notifyWebhookStopped(QStringLiteral("Webhook paused"), QStringLiteral("Because."));
    QCOMPARE(tray.messagesShown(), 0);
    // Show Hookline still brings the window back.
    QVERIFY(!window.isVisible());
    tray.showWindow();
    QVERIFY(window.isVisible());

    // The main window has one too, equally idle.
    QVERIFY(m_window->trayNotifier());
    QVERIFY(!m_window->trayNotifier()->isAvailable());
    QVERIFY(!m_window->findChild<QSystemTrayIcon *>());
}

void TestDesktop::autoPausedWebhookIsAnnounced()
{
    WebhookDraft draft;
    draft.name = QStringLiteral("Flaky");
    draft.url = QStringLiteral("https://receiver.example.com/hooks");
    draft.events = {QStringLiteral("peopleCreated")};
    auto created = m_test.session->registry->create(draft);
    QVERIFY(created);
    m_window->refresh();
    QTRY_VERIFY(m_window->selectWebhook(created->webhook.id));
    // What the dispatcher reports when failures pause a webhook.
    emit m_window->dispatcher()->webhookStatusChanged(
        created->webhook.id, WebhookStatus::Paused,
        QStringLiteral("Paused after 5 failed attempts in a row"));
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("Flaky")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Paused after 5 failed attempts")),
             qPrintable(message));
    // Without a tray nothing else happens, and nothing breaks.
    QCOMPARE(m_window->trayNotifier()->messagesShown(), 0);
}

void TestDesktop::translationLoadsForEnglish()
{
#ifndef HOOKLINE_HAS_TRANSLATIONS
    QSKIP("built without Qt LinguistTools");
#else
    QVERIFY(QFile::exists(translationsPath() + QStringLiteral("/hookline_en.qm")));
    QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)));
    // No translation for this one: the English source strings stay.
    QVERIFY(!installTranslations(QLocale(QLocale::Zulu)));
    QCOMPARE(QCoreApplication::translate("hookline::MainWindow", "&File"), QStringLiteral("&File"));
#endif
}

void TestDesktop::lupdateFindsEveryMainWindowString()
{
#ifndef HOOKLINE_LUPDATE
    QSKIP("built without Qt LinguistTools");
#else
    // Every string the main window shows in its menus is marked for translation: lupdate,
    // run over the sources now, extracts it.
    QTemporaryDir dir;
    const QString ts = dir.filePath(QStringLiteral("check_en.ts"));
    QProcess lupdate;
    lupdate.start(QStringLiteral(HOOKLINE_LUPDATE),
                  {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                   QStringLiteral(HOOKLINE_SOURCE_DIR "/ui"), QStringLiteral("-ts"), ts});
    QVERIFY(lupdate.waitForFinished(120000));
    QCOMPARE(lupdate.exitCode(), 0);
    QSet<QString> contexts;
    const QSet<QString> sources = sourcesIn(ts, &contexts);
    QVERIFY(contexts.contains(QStringLiteral("hookline::MainWindow")));
    QVERIFY(contexts.contains(QStringLiteral("hookline::SettingsDialog")));

    QStringList missing;
    for (QAction *action : m_window->findChildren<QAction *>(Qt::FindDirectChildrenOnly))
        if (!action->text().isEmpty() && !action->isSeparator() &&
            !sources.contains(action->text()))
            missing << action->text();
    for (QAction *menu : m_window->menuBar()->actions())
        if (!sources.contains(menu->text()))
            missing << menu->text();
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
#endif
}

void TestDesktop::committedTsFileHasMainWindowStrings()
{
    const QString ts = QStringLiteral(HOOKLINE_SOURCE_DIR "/translations/hookline_en.ts");
    QVERIFY2(QFile::exists(ts), qPrintable(ts));
    QSet<QString> contexts;
    const QSet<QString> sources = sourcesIn(ts, &contexts);
    for (const char *context : {"hookline::MainWindow", "hookline::SettingsDialog",
                                "hookline::AboutDialog", "hookline::WebhookDialog"})
        QVERIFY2(contexts.contains(QString::fromLatin1(context)), context);
    for (const char *text : {"&File", "&Edit", "&Help", "&Settings…", "&New Webhook…"})
        QVERIFY2(sources.contains(QString::fromUtf8(text)), text);
}

namespace {

// The letter after a single '&', lower-cased; null when the text has none.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// Texts that share a mnemonic, as "a/b" pairs.
QStringList clashes(const QStringList &texts)
{
    QHash<QChar, QString> seen;
    QStringList result;
    for (const QString &text : texts) {
        const QChar key = mnemonicOf(text);
        if (key.isNull())
            continue;
        if (seen.contains(key))
            result << seen.value(key) + QLatin1Char('/') + text;
        else
            seen.insert(key, text);
    }
    return result;
}

} // namespace

void TestDesktop::mnemonicsAreUnique()
{
    // Alt+letter reaches one thing: a menu or a tab, never two of them.
    QStringList top;
    for (QAction *menu : m_window->menuBar()->actions())
        top << menu->text();
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("workspaceTabs"));
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i)
        top << tabs->tabText(i);
    QStringList problems = clashes(top);
    // Inside each menu, one letter per item.
    for (QAction *menu : m_window->menuBar()->actions()) {
        QStringList items;
        for (QAction *item : menu->menu()->actions())
            if (!item->isSeparator())
                items << item->text();
        problems << clashes(items);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral(", "))));
}

void TestDesktop::dialogsAreKeyboardNavigable_data()
{
    QTest::addColumn<QString>("dialogType");
    QTest::newRow("New Webhook") << "WebhookDialog";
    QTest::newRow("Send Event") << "SendEventDialog";
    QTest::newRow("Settings") << "SettingsDialog";
    QTest::newRow("About") << "AboutDialog";
}

QDialog *TestDesktop::openDialog(const QString &dialogType)
{
    activate(m_window.get());
    const char *actionName = dialogType == QLatin1String("WebhookDialog")     ? "actionNewWebhook"
                             : dialogType == QLatin1String("SendEventDialog") ? "actionSendEvent"
                             : dialogType == QLatin1String("SettingsDialog")  ? "actionSettings"
                                                                              : "actionAbout";
    auto *action = m_window->findChild<QAction *>(QString::fromLatin1(actionName));
    if (!action || !action->isEnabled())
        return nullptr;
    action->trigger();
    QDialog *found = nullptr;
    for (int i = 0; i < 100 && !found; ++i) {
        for (QDialog *dialog : m_window->findChildren<QDialog *>())
            if (dialog->isVisible() &&
                QString::fromLatin1(dialog->metaObject()->className()).endsWith(dialogType))
                found = dialog;
        if (!found)
            QTest::qWait(20);
    }
    return found;
}

QList<QWidget *> TestDesktop::tabFocusable(QWidget *dialog)
{
    QList<QWidget *> result;
    for (QWidget *widget : dialog->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(dialog) || !widget->isEnabled() ||
            !(widget->focusPolicy() & Qt::TabFocus) || widget->focusProxy())
            continue;
        // Parts of composite controls take focus through the control itself.
        bool part = false;
        for (QWidget *p = widget->parentWidget(); p && p != dialog; p = p->parentWidget())
            if (qobject_cast<QAbstractSpinBox *>(p) || qobject_cast<QComboBox *>(p) ||
                qobject_cast<QAbstractItemView *>(p))
                part = true;
        if (!part)
            result << widget;
    }
    return result;
}

bool TestDesktop::hasAccessibleName(QWidget *widget, QWidget *dialog)
{
    if (!widget->accessibleName().isEmpty())
        return true;
    if (auto *button = qobject_cast<QAbstractButton *>(widget))
        return !button->text().remove(QLatin1Char('&')).trimmed().isEmpty();
    for (QLabel *label : dialog->findChildren<QLabel *>())
        if (label->buddy() == widget && !label->text().isEmpty())
            return true;
    return false;
}

void TestDesktop::dialogsAreKeyboardNavigable()
{
    QFETCH(QString, dialogType);
    // Something to send to, so the Send Event dialog shows all its fields.
    WebhookDraft draft;
    draft.name = QStringLiteral("Keyboard");
    draft.url = QStringLiteral("https://receiver.example.com/hooks");
    draft.events = {QStringLiteral("peopleCreated")};
    QVERIFY(m_test.session->registry->create(draft));
    m_window->refresh();
    QTRY_VERIFY(
        m_window->findChild<QAbstractItemView *>(QStringLiteral("webhookTable"))->isVisible());

    QDialog *dialog = openDialog(dialogType);
    QVERIFY2(dialog, qPrintable(dialogType));
    activate(dialog);
    QTRY_VERIFY2(QApplication::focusWidget() && dialog->isAncestorOf(QApplication::focusWidget()),
                 "the dialog starts with a focused field");
    QWidget *first = QApplication::focusWidget();

    // Tab from the first field round to it again, as a keyboard user does.
    QList<QWidget *> visited{first};
    for (int i = 0; i < 200; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        QVERIFY2(now && dialog->isAncestorOf(now), "focus stays in the dialog");
        if (now == first)
            break;
        QVERIFY2(!visited.contains(now),
                 qPrintable(QStringLiteral("Tab goes round before reaching the first field "
                                           "again, at %1")
                                .arg(now->objectName())));
        visited << now;
    }
    QCOMPARE(QApplication::focusWidget(), first);

    QStringList unreachable;
    QStringList unnamed;
    for (QWidget *widget : tabFocusable(dialog)) {
        const QString what = QStringLiteral("%1 %2").arg(
            QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
        if (!visited.contains(widget))
            unreachable << what;
        if (!hasAccessibleName(widget, dialog))
            unnamed << what;
    }
    QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QStringLiteral(", "))));
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
}

void TestDesktop::closingStopsDispatcherAndReceivers()
{
    QTRY_VERIFY(m_window->dispatcher()->isRunning());
    QVERIFY(m_window->dispatcher()->workerThread());
    // A receiver listening, as the Receivers tab starts one.
    QSignalSpy started(m_window->receiversView(), &ReceiversView::receiverStarted);
    m_window->receiversView()->startReceiverWithDefaults();
    QVERIFY(started.wait(10000));
    const QUrl url = started.constFirst().constFirst().toUrl();
    QTcpSocket before;
    before.connectToHost(url.host(), quint16(url.port()));
    QVERIFY2(before.waitForConnected(5000), qPrintable(url.toString()));
    before.abort();

    QVERIFY(m_window->close());
    QVERIFY(!m_window->dispatcher()->isRunning());
    QVERIFY(!m_window->dispatcher()->workerThread());
    // The application quits and the window goes; nothing listens there any more.
    m_window.reset();
    QTcpSocket after;
    after.connectToHost(url.host(), quint16(url.port()));
    QVERIFY(!after.waitForConnected(3000));
}

void TestDesktop::terminationSignalQuitsCleanly()
{
#ifndef Q_OS_UNIX
    QSKIP("termination signals are a Unix matter");
#else
    QTemporaryDir dir;
    const QString database = dir.filePath(QStringLiteral("hookline.sqlite"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOOKLINE_MASTER_KEY"), test::testKeyHex());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HOOKLINE_GUI_EXECUTABLE), {QStringLiteral("--db"), database});
    QVERIFY(process.waitForStarted());
    // The database exists once the session is open; the dispatcher starts right after.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(database), 30000);
    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(!errors.contains("QThread: Destroyed while thread"), errors.constData());
    // The window's geometry was saved on the way out.
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("config/Hookline/Hookline.conf"))));
#endif
}

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
