#include "SecretRevealDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hookline {

SecretRevealDialog::SecretRevealDialog(const QString &webhookName, const QString &secret,
                                       std::optional<qint64> previousValidUntilMs, QWidget *parent)
    : QDialog(parent)
    , m_secret(secret)
{
    setObjectName(QStringLiteral("secretRevealDialog"));
    setWindowTitle(tr("Save your signing secret"));
    setModal(true);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    auto *heading = new QLabel(this);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    heading->setText(previousValidUntilMs
                         ? tr("New signing secret for \u201c%1\u201d").arg(webhookName)
                         : tr("Signing secret for \u201c%1\u201d").arg(webhookName));
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    heading->setFont(headingFont);
    layout->addWidget(heading);

    auto *explain = new QLabel(tr("Receivers use this secret to check that deliveries come from "
                                  "Hookline and were not changed on the way."),
                               this);
    explain->setWordWrap(true);
    layout->addWidget(explain);

    m_secretEdit = new QLineEdit(m_secret, this);
    m_secretEdit->setObjectName(QStringLiteral("secretEdit"));
    m_secretEdit->setReadOnly(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_secretEdit->setFont(mono);
    m_secretEdit->setMinimumWidth(QFontMetrics(mono).horizontalAdvance(m_secret) + 24);
    m_secretEdit->setCursorPosition(0);
    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyButton"));
    m_copy->setAutoDefault(false);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secretEdit, 1);
    secretRow->addWidget(m_copy);
    layout->addLayout(secretRow);

    auto *warningRow = new QHBoxLayout;
    auto *warningIcon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    warningIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    warningIcon->setAlignment(Qt::AlignTop);
    auto *warning = new QLabel(tr("This secret will not be shown again. Store it in your password "
                                  "manager or your receiver's configuration now."),
                               this);
    warning->setObjectName(QStringLiteral("secretWarning"));
    warning->setWordWrap(true);
    QFont warningFont = warning->font();
    warningFont.setBold(true);
    warning->setFont(warningFont);
    warningRow->addWidget(warningIcon);
    warningRow->addWidget(warning, 1);
    layout->addLayout(warningRow);

    if (previousValidUntilMs) {
        const QString until = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(*previousValidUntilMs), QLocale::LongFormat);
        auto *overlap =
            new QLabel(tr("The previous secret remains valid until %1.").arg(until), this);
        overlap->setObjectName(QStringLiteral("overlapNote"));
        overlap->setWordWrap(true);
        layout->addWidget(overlap);
    }

    m_stored = new QCheckBox(tr("I have stored the secret"), this);
    m_stored->setObjectName(QStringLiteral("storedCheck"));
    layout->addWidget(m_stored);

    auto *buttons = new QDialogButtonBox(this);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_close->setEnabled(false);
    layout->addWidget(buttons);

    connect(m_copy, &QPushButton::clicked, this, &SecretRevealDialog::copy);
    connect(m_stored, &QCheckBox::toggled, m_close, &QPushButton::setEnabled);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);

    m_secretEdit->setFocus();
    m_secretEdit->selectAll();
}

SecretRevealDialog::~SecretRevealDialog()
{
    forgetSecret();
}

void SecretRevealDialog::copy()
{
    QApplication::clipboard()->setText(m_secret);
    m_copy->setText(tr("Copied"));
}

void SecretRevealDialog::done(int result)
{
    // Esc, the Close button and the window manager all end here; only an explicit confirmation
    // lets the secret go.
    if (!m_stored->isChecked()) {
        m_stored->setFocus(Qt::OtherFocusReason);
        return;
    }
    forgetSecret();
    QDialog::done(result);
}

void SecretRevealDialog::closeEvent(QCloseEvent *event)
{
    if (!m_stored->isChecked()) {
        event->ignore();
        m_stored->setFocus(Qt::OtherFocusReason);
        return;
    }
    QDialog::closeEvent(event);
}

void SecretRevealDialog::forgetSecret()
{
    m_secretEdit->clear();
    m_secret.fill(QLatin1Char('\0'));
    m_secret.clear();
}

} // namespace hookline
