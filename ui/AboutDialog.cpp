#include "AboutDialog.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int kIconSize = 64;

QLabel *makeValue(const QString &text, QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

AboutDialog::AboutDialog(const QString &databasePath, const QString &protection, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Hookline"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // The application's icon (set by the executable), its name and version.
    auto *header = new QHBoxLayout;
    header->setSpacing(14);
    auto *icon = new QLabel(this);
    icon->setObjectName(QStringLiteral("aboutIcon"));
    QIcon appIcon = QApplication::windowIcon();
    if (appIcon.isNull())
        appIcon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
    icon->setPixmap(appIcon.pixmap(kIconSize, kIconSize));
    icon->setFixedSize(kIconSize, kIconSize);
    icon->setAlignment(Qt::AlignCenter);
    header->addWidget(icon, 0, Qt::AlignTop);

    auto *titles = new QVBoxLayout;
    titles->setSpacing(4);
    auto *name = new QLabel(tr("Hookline"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    name->setFont(nameFont);
    titles->addWidget(name);
    titles->addWidget(makeValue(versionText(), this, QStringLiteral("aboutVersion")));
    auto *blurb = new QLabel(
        tr("A desktop console for webhooks: register endpoints, sign what is sent to them, see "
           "every delivery, and keep each signing secret where only you and the receiver can "
           "see it."),
        this);
    blurb->setWordWrap(true);
    titles->addWidget(blurb);
    header->addLayout(titles, 1);
    layout->addLayout(header);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);

    const QString runtimeQt = QString::fromLatin1(qVersion());
    const QString builtQt = QStringLiteral(QT_VERSION_STR);
    form->addRow(tr("Qt:"),
                 makeValue(runtimeQt == builtQt ? runtimeQt
                                                : tr("%1 (built with %2)").arg(runtimeQt, builtQt),
                           this, QStringLiteral("aboutQtVersion")));

    // The database: selectable whole in a line that never widens the dialog, and its folder.
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("aboutDatabasePath"));
    m_database->setReadOnly(true);
    m_database->setAccessibleName(tr("Database in use"));
    m_database->setText(databasePath.isEmpty() ? tr("No database is open yet")
                                               : QDir::toNativeSeparators(databasePath));
    m_database->setToolTip(m_database->text());
    m_database->setCursorPosition(0);
    m_database->setMinimumWidth(320);
    m_openFolder = new QPushButton(tr("&Open Folder"), this);
    m_openFolder->setObjectName(QStringLiteral("aboutOpenFolderButton"));
    m_openFolder->setToolTip(tr("Show the folder that holds the database in your file manager"));
    m_openFolder->setEnabled(!databasePath.isEmpty());
    m_openFolder->setAutoDefault(false);
    connect(m_openFolder, &QPushButton::clicked, this, &AboutDialog::openDatabaseFolder);
    auto *databaseRow = new QHBoxLayout;
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(m_openFolder);
    auto *databaseLabel = new QLabel(tr("&Database:"), this);
    databaseLabel->setBuddy(m_database);
    form->addRow(databaseLabel, databaseRow);

    auto *secrets = makeValue(
        protection.isEmpty()
            ? tr("Signing secrets and credentials are encrypted before they are stored; how "
                 "is known once the database is open.")
            : tr("Signing secrets and credentials are encrypted before they are stored, never "
                 "kept in plain text: %1.")
                  .arg(protection),
        this, QStringLiteral("aboutProtection"));
    form->addRow(tr("Secrets:"), secrets);

    // The license's name, and its whole text on request.
    m_licenseToggle = new QToolButton(this);
    m_licenseToggle->setObjectName(QStringLiteral("aboutLicenseToggle"));
    m_licenseToggle->setText(tr("MIT License"));
    m_licenseToggle->setCheckable(true);
    m_licenseToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_licenseToggle->setArrowType(Qt::RightArrow);
    m_licenseToggle->setAutoRaise(true);
    m_licenseToggle->setToolTip(tr("Show or hide the license text"));
    m_licenseToggle->setAccessibleName(tr("MIT License: show the license text"));
    connect(m_licenseToggle, &QToolButton::toggled, this, &AboutDialog::setLicenseShown);
    form->addRow(tr("License:"), m_licenseToggle);
    layout->addLayout(form);

    m_license = new QPlainTextEdit(this);
    m_license->setObjectName(QStringLiteral("aboutLicenseText"));
    m_license->setReadOnly(true);
    m_license->setAccessibleName(tr("License text"));
    m_license->setPlainText(licenseText());
    m_license->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_license->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_license->setMinimumHeight(220);
    m_license->setVisible(false);
    layout->addWidget(m_license, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("aboutButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::reject);
    layout->addWidget(buttons);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);

    setMinimumWidth(600);
}

QString AboutDialog::licenseText()
{
    QFile file(QStringLiteral(":/about/LICENSE"));
    if (!file.open(QIODevice::ReadOnly))
        return tr("The license text is missing from this build; Hookline is released under the "
                  "MIT License.");
    return QString::fromUtf8(file.readAll());
}

QString AboutDialog::versionText()
{
    return tr("Version %1").arg(QStringLiteral(HOOKLINE_VERSION));
}

void AboutDialog::setLicenseShown(bool shown)
{
    m_licenseToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_license->setVisible(shown);
    adjustSize();
}

void AboutDialog::openDatabaseFolder()
{
    if (m_databasePath.isEmpty())
        return;
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_databasePath).absolutePath()));
}

} // namespace hookline
