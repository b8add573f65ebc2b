#include "SettingsDialog.h"

#include "FormMessages.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int kMaxRetentionDays = 3650;
constexpr int kMaxRetentionCount = 100'000'000;
constexpr double kMinReplayRate = 0.1;
constexpr double kMaxReplayRate = 1000.0;
constexpr int kPrivilegedPorts = 1024;

QString schemeLabel(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        return SettingsDialog::tr("x-webhook-signature (Hookline default)");
    case SignatureScheme::StandardWebhooks:
        return SettingsDialog::tr("standard-webhooks (webhook-signature)");
    case SignatureScheme::GitHub:
        return SettingsDialog::tr("github (X-Hub-Signature-256)");
    case SignatureScheme::Stripe:
        return SettingsDialog::tr("stripe (Stripe-Signature)");
    case SignatureScheme::None:
        return SettingsDialog::tr("none (deliveries are not signed)");
    }
    return {};
}

QLabel *makeNote(QWidget *parent, const QString &objectName)
{
    auto *note = new QLabel(parent);
    note->setObjectName(objectName);
    note->setWordWrap(true);
    note->setTextFormat(Qt::PlainText);
    QFont font = note->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    note->setFont(font);
    setLabelTone(note, Tone::Muted);
    return note;
}

// A field with the messages that belong to it under it.
QLayout *column(std::initializer_list<QObject *> items)
{
    auto *layout = new QVBoxLayout;
    layout->setSpacing(3);
    for (QObject *item : items) {
        if (auto *widget = qobject_cast<QWidget *>(item))
            layout->addWidget(widget);
        else if (auto *inner = qobject_cast<QLayout *>(item))
            layout->addLayout(inner);
    }
    return layout;
}

QFormLayout *makeForm(QGroupBox *group)
{
    auto *form = new QFormLayout(group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString expandHome(const QString &path)
{
    if (path == QLatin1String("~"))
        return QDir::homePath();
    if (path.startsWith(QLatin1String("~/")))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

SettingsDialog::SettingsDialog(Preferences *preferences, const QString &databaseInUse,
                               QWidget *parent)
    : QDialog(parent)
    , m_preferences(preferences)
    , m_databaseInUse(databaseInUse)
    , m_themeBefore(appliedTheme())
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    auto *layout = new QVBoxLayout(this);
    auto *columns = new QHBoxLayout;
    columns->setSpacing(12);
    auto *left = new QVBoxLayout;
    left->addWidget(buildStorageGroup());
    left->addWidget(buildHistoryGroup());
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(buildReceiverGroup());
    right->addWidget(buildWebhookGroup());
    right->addWidget(buildAppearanceGroup());
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    layout->addLayout(columns, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOkButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    layout->addWidget(m_buttons);

    // Reading order: the left column top to bottom, then the right, then the buttons.
    const QList<QWidget *> order = {m_databasePath,   m_browse,     m_useDefault,   m_retentionDays,
                                    m_retentionCount, m_replayRate, m_receiverPort, m_receiverHost,
                                    m_receiverTls,    m_scheme,     m_autoPause,    m_theme,
                                    m_buttons};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    load();
    connect(m_databasePath, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    // A spin box says nothing while its text is not a number yet; its editor does.
    for (QAbstractSpinBox *spin : std::initializer_list<QAbstractSpinBox *>{
             m_retentionDays, m_retentionCount, m_replayRate, m_receiverPort})
        connect(spin->findChild<QLineEdit *>(), &QLineEdit::textChanged, this,
                &SettingsDialog::validate);
    connect(m_receiverHost, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    connect(m_theme, &QComboBox::currentIndexChanged, this, &SettingsDialog::previewTheme);
    validate();
    m_databasePath->setFocus();
}

QWidget *SettingsDialog::buildStorageGroup()
{
    auto *group = new QGroupBox(tr("Storage"), this);
    QFormLayout *form = makeForm(group);

    m_databasePath = new QLineEdit(group);
    m_databasePath->setObjectName(QStringLiteral("databasePathEdit"));
    m_databasePath->setPlaceholderText(tr("Default location"));
    m_databasePath->setClearButtonEnabled(true);
    m_databasePath->setMinimumWidth(260);
    m_databasePath->setToolTip(
        tr("Empty: %1").arg(QDir::toNativeSeparators(defaultDatabasePath())));
    m_browse = new QPushButton(tr("&Browse…"), group);
    m_browse->setObjectName(QStringLiteral("databaseBrowseButton"));
    m_browse->setToolTip(tr("Choose a database file, new or existing"));
    connect(m_browse, &QPushButton::clicked, this, &SettingsDialog::browseDatabase);
    m_useDefault = new QPushButton(tr("Use De&fault"), group);
    m_useDefault->setObjectName(QStringLiteral("databaseDefaultButton"));
    m_useDefault->setToolTip(
        tr("Use the default location: %1").arg(QDir::toNativeSeparators(defaultDatabasePath())));
    connect(m_useDefault, &QPushButton::clicked, m_databasePath, &QLineEdit::clear);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_browse);
    buttons->addWidget(m_useDefault);
    buttons->addStretch(1);

    m_databaseError = form::makeErrorLabel(group, QStringLiteral("databasePathError"));
    m_databaseNote = makeNote(group, QStringLiteral("databaseNote"));
    form::addRow(form, tr("&Database file:"), m_databasePath,
                 column({m_databasePath, buttons, m_databaseError, m_databaseNote}));
    return group;
}

QWidget *SettingsDialog::buildHistoryGroup()
{
    auto *group = new QGroupBox(tr("Delivery history"), this);
    QFormLayout *form = makeForm(group);

    m_retentionDays = new QSpinBox(group);
    m_retentionDays->setObjectName(QStringLiteral("retentionDaysSpin"));
    m_retentionDays->setRange(0, kMaxRetentionDays);
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionDays->setSpecialValueText(tr("No age limit"));
    m_retentionDays->setToolTip(tr("Deliveries older than this are deleted; 0 keeps them all."));
    form::addRow(form, tr("&Keep deliveries for:"), m_retentionDays);

    m_retentionCount = new QSpinBox(group);
    m_retentionCount->setObjectName(QStringLiteral("retentionCountSpin"));
    m_retentionCount->setRange(0, kMaxRetentionCount);
    m_retentionCount->setGroupSeparatorShown(true);
    m_retentionCount->setSuffix(tr(" deliveries"));
    m_retentionCount->setSpecialValueText(tr("No limit"));
    m_retentionCount->setToolTip(
        tr("Only the newest deliveries up to this number are kept; 0 keeps any number."));
    form::addRow(form, tr("Keep at &most:"), m_retentionCount);

    m_replayRate = new QDoubleSpinBox(group);
    m_replayRate->setObjectName(QStringLiteral("replayRateSpin"));
    m_replayRate->setRange(kMinReplayRate, kMaxReplayRate);
    m_replayRate->setDecimals(1);
    m_replayRate->setSingleStep(1.0);
    m_replayRate->setSuffix(tr(" per second"));
    m_replayRate->setToolTip(
        tr("Bulk replays send at most this many deliveries per second to each webhook."));
    form::addRow(form, tr("&Replay pace:"), m_replayRate);

    m_historyError = form::makeErrorLabel(group, QStringLiteral("historyError"));
    form->addRow(m_historyError);
    auto *note = makeNote(group, QStringLiteral("retentionNote"));
    note->setText(tr("Older deliveries are deleted when you press OK and then once a day."));
    form->addRow(note);
    return group;
}

QWidget *SettingsDialog::buildReceiverGroup()
{
    auto *group = new QGroupBox(tr("New receivers"), this);
    QFormLayout *form = makeForm(group);

    m_receiverPort = new QSpinBox(group);
    m_receiverPort->setObjectName(QStringLiteral("receiverPortSpin"));
    m_receiverPort->setRange(1, 65535);
    m_receiverPort->setGroupSeparatorShown(false);
    m_receiverPort->setToolTip(
        tr("The port a new receiver listens on; the next free one is taken when it is busy."));
    m_portError = form::makeErrorLabel(group, QStringLiteral("receiverPortError"));
    form::addRow(form, tr("&Port:"), m_receiverPort, column({m_receiverPort, m_portError}));

    m_receiverHost = new QLineEdit(group);
    m_receiverHost->setObjectName(QStringLiteral("receiverHostEdit"));
    m_receiverHost->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_receiverHost->setToolTip(tr("127.0.0.1 or ::1: this computer only. 0.0.0.0: every network "
                                  "this computer is on."));
    m_hostError = form::makeErrorLabel(group, QStringLiteral("receiverHostError"));
    m_hostWarning = new QLabel(group);
    m_hostWarning->setObjectName(QStringLiteral("receiverHostWarning"));
    m_hostWarning->setWordWrap(true);
    m_hostWarning->setTextFormat(Qt::PlainText);
    setLabelTone(m_hostWarning, Tone::Warning);
    m_hostWarning->setVisible(false);
    form::addRow(form, tr("&Bind address:"), m_receiverHost,
                 column({m_receiverHost, m_hostError, m_hostWarning}));

    m_receiverTls = new QCheckBox(tr("Use &HTTPS (self-signed certificate)"), group);
    m_receiverTls->setObjectName(QStringLiteral("receiverTlsCheck"));
    m_receiverTls->setToolTip(tr("Senders must trust or pin the receiver's certificate."));
    form->addRow(QString(), m_receiverTls);
    return group;
}

QWidget *SettingsDialog::buildWebhookGroup()
{
    auto *group = new QGroupBox(tr("Webhooks"), this);
    QFormLayout *form = makeForm(group);
    m_scheme = new QComboBox(group);
    m_scheme->setObjectName(QStringLiteral("defaultSchemeCombo"));
    for (const QString &name : schemeNames())
        m_scheme->addItem(schemeLabel(*schemeFromName(name)), name);
    m_scheme->setToolTip(tr("The signature scheme the New Webhook form starts with."));
    form::addRow(form, tr("&Signature scheme:"), m_scheme);
    m_autoPause = new QSpinBox(group);
    m_autoPause->setObjectName(QStringLiteral("autoPauseSpin"));
    m_autoPause->setRange(0, 100);
    m_autoPause->setSpecialValueText(tr("Never"));
    m_autoPause->setSuffix(tr(" failures in a row"));
    m_autoPause->setToolTip(tr("A webhook whose deliveries fail this many times in a row is "
                               "paused, and its status says why. 0: never pause."));
    form::addRow(form, tr("&Pause after:"), m_autoPause);
    return group;
}

QWidget *SettingsDialog::buildAppearanceGroup()
{
    auto *group = new QGroupBox(tr("Appearance"), this);
    QFormLayout *form = makeForm(group);
    m_theme = new QComboBox(group);
    m_theme->setObjectName(QStringLiteral("themeCombo"));
    m_theme->addItem(tr("System"), themeName(Theme::System));
    m_theme->addItem(tr("Light"), themeName(Theme::Light));
    m_theme->addItem(tr("Dark"), themeName(Theme::Dark));
    m_theme->setToolTip(tr("System follows your desktop's style and colours."));
    form::addRow(form, tr("&Theme:"), m_theme);
    return group;
}

void SettingsDialog::load()
{
    m_databasePath->setText(QDir::toNativeSeparators(m_preferences->databasePath()));
    m_retentionDays->setValue(m_preferences->retentionDays());
    m_retentionCount->setValue(
        int(std::min<qint64>(m_preferences->retentionCount(), kMaxRetentionCount)));
    m_replayRate->setValue(m_preferences->replayRatePerSecond());
    m_receiverPort->setValue(m_preferences->receiverPort());
    m_receiverHost->setText(m_preferences->receiverHost());
    m_receiverTls->setChecked(m_preferences->receiverTls());
    m_scheme->setCurrentIndex(m_scheme->findData(schemeName(m_preferences->defaultScheme())));
    m_autoPause->setValue(m_preferences->autoPauseAfterFailures());
    const QSignalBlocker blocker(m_theme);
    m_theme->setCurrentIndex(m_theme->findData(themeName(m_preferences->theme())));
}

QString SettingsDialog::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("hookline.sqlite"));
}

QString SettingsDialog::chosenDatabasePath() const
{
    const QString text = expandHome(m_databasePath->text().trimmed());
    if (text.isEmpty())
        return {};
    return QDir::cleanPath(QDir::fromNativeSeparators(text));
}

Theme SettingsDialog::chosenTheme() const
{
    return themeFromName(m_theme->currentData().toString()).value_or(Theme::System);
}

void SettingsDialog::validate()
{
    bool valid = true;

    // Storage.
    const QString typed = expandHome(m_databasePath->text().trimmed());
    QString databaseError;
    if (!typed.isEmpty()) {
        const QString path = QDir::fromNativeSeparators(typed);
        if (!QDir::isAbsolutePath(path))
            databaseError = tr("Database file: enter a full path, such as %1, or leave it empty "
                               "for the default location.")
                                .arg(QDir::toNativeSeparators(defaultDatabasePath()));
        else if (path.endsWith(QLatin1Char('/')) || QFileInfo(path).isDir())
            databaseError = tr("Database file: %1 is a folder; add a file name, such as %2.")
                                .arg(QDir::toNativeSeparators(QDir::cleanPath(path)),
                                     QDir::toNativeSeparators(
                                         QDir(path).filePath(QStringLiteral("hookline.sqlite"))));
    }
    form::showError(m_databaseError, databaseError);
    valid = valid && databaseError.isEmpty();

    const QString chosen = chosenDatabasePath();
    const QString target = chosen.isEmpty() ? defaultDatabasePath() : chosen;
    QStringList note;
    if (databaseError.isEmpty()) {
        const QString env = qEnvironmentVariable("HOOKLINE_DB");
        const bool edited = chosen != QDir::cleanPath(m_preferences->databasePath());
        if (chosen.isEmpty())
            note << tr("Empty: the default location, %1.")
                        .arg(QDir::toNativeSeparators(defaultDatabasePath()));
        if (!env.isEmpty())
            note << tr("HOOKLINE_DB is set, so Hookline opens %1 whatever this says.")
                        .arg(QDir::toNativeSeparators(env));
        else if (!m_databaseInUse.isEmpty() &&
                 QDir::cleanPath(m_databaseInUse) != QDir::cleanPath(target))
            note << (edited ? tr("The new location applies the next time Hookline starts; until "
                                 "then Hookline keeps using %1.")
                                  .arg(QDir::toNativeSeparators(m_databaseInUse))
                            : tr("Hookline uses %1 now, as --db asked.")
                                  .arg(QDir::toNativeSeparators(m_databaseInUse)));
    }
    m_databaseNote->setText(note.join(QLatin1Char(' ')));
    m_databaseNote->setVisible(!note.isEmpty());

    // History: the spin boxes only take numbers in range; an emptied box is the one way wrong.
    QString historyError;
    if (!m_retentionDays->hasAcceptableInput())
        historyError = tr("Keep deliveries for: enter a number of days from 0 (no age limit) to "
                          "%1.")
                           .arg(kMaxRetentionDays);
    else if (!m_retentionCount->hasAcceptableInput())
        historyError = tr("Keep at most: enter a number of deliveries from 0 (no limit) to %1.")
                           .arg(QLocale().toString(kMaxRetentionCount));
    else if (!m_replayRate->hasAcceptableInput())
        historyError =
            tr("Replay pace: enter deliveries per second from %1 to %2.")
                .arg(QLocale().toString(kMinReplayRate), QLocale().toString(kMaxReplayRate));
    form::showError(m_historyError, historyError);
    valid = valid && historyError.isEmpty();

    // Receivers.
    QString portError;
    if (!m_receiverPort->hasAcceptableInput())
        portError = tr("Port: enter a port number from 1 to 65535, such as 8787.");
    form::showError(m_portError, portError);
    valid = valid && portError.isEmpty();

    const QString host = m_receiverHost->text().trimmed();
    QString hostError;
    QString hostWarning;
    if (host.isEmpty())
        hostError = tr("Bind address: enter an address, such as 127.0.0.1 (this computer only).");
    else if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) != 0 &&
             QHostAddress(host).isNull())
        hostError = tr("Bind address: %1 is not an IP address; use 127.0.0.1 or ::1 (this "
                       "computer only), or 0.0.0.0 (every network).")
                        .arg(host);
    else if (!isLoopbackHost(host))
        hostWarning = tr("Receivers bound to %1 accept requests from other computers on your "
                         "network.")
                          .arg(host);
    if (hostWarning.isEmpty() && portError.isEmpty() && m_receiverPort->value() < kPrivilegedPorts)
        hostWarning = tr("Ports below %1 usually need administrator rights; a receiver may not "
                         "be able to listen on %2.")
                          .arg(kPrivilegedPorts)
                          .arg(m_receiverPort->value());
    form::showError(m_hostError, hostError);
    m_hostWarning->setText(hostWarning);
    m_hostWarning->setVisible(!hostWarning.isEmpty());
    valid = valid && hostError.isEmpty();

    m_valid = valid;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

void SettingsDialog::browseDatabase()
{
    const QString current = chosenDatabasePath();
    const QString start = current.isEmpty() ? defaultDatabasePath() : current;
    // An existing database is a fine answer: no overwrite question.
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Database File"), start, tr("SQLite databases (*.sqlite *.db);;All files (*)"),
        nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty())
        m_databasePath->setText(QDir::toNativeSeparators(path));
}

void SettingsDialog::previewTheme()
{
    applyTheme(chosenTheme());
}

void SettingsDialog::accept()
{
    validate();
    if (!m_valid)
        return;
    const QString before = m_preferences->databasePath();
    const QString chosen = chosenDatabasePath();
    m_preferences->setDatabasePath(chosen);
    m_preferences->setRetentionDays(m_retentionDays->value());
    m_preferences->setRetentionCount(m_retentionCount->value());
    m_preferences->setReplayRatePerSecond(m_replayRate->value());
    m_preferences->setReceiverPort(quint16(m_receiverPort->value()));
    m_preferences->setReceiverHost(m_receiverHost->text().trimmed());
    m_preferences->setReceiverTls(m_receiverTls->isChecked());
    m_preferences->setDefaultScheme(schemeFromName(m_scheme->currentData().toString())
                                        .value_or(SignatureScheme::XWebhookSignature));
    m_preferences->setAutoPauseAfterFailures(m_autoPause->value());
    m_preferences->setTheme(chosenTheme());
    m_preferences->sync();
    if (appliedTheme() != chosenTheme())
        applyTheme(chosenTheme());
    m_themeBefore = chosenTheme();
    QDialog::accept();
    emit applied(QDir::cleanPath(before) != QDir::cleanPath(chosen));
}

void SettingsDialog::reject()
{
    // The preview goes back to what was there before.
    if (appliedTheme() != m_themeBefore)
        applyTheme(m_themeBefore);
    QDialog::reject();
}

} // namespace hookline
