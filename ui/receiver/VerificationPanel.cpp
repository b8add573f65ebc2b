#include "VerificationPanel.h"

#include "FormMessages.h"
#include "ReceiverHost.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookline {

namespace {

enum ItemRole { KindRole = Qt::UserRole + 1, KeyRole };
enum ItemKind { SecretItem, WebhookItem };

QString schemeTitle(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        return VerificationPanel::tr("X-Webhook-Signature (Hookline)");
    case SignatureScheme::StandardWebhooks:
        return VerificationPanel::tr("Standard Webhooks (webhook-signature)");
    case SignatureScheme::GitHub:
        return VerificationPanel::tr("GitHub (X-Hub-Signature-256)");
    case SignatureScheme::Stripe:
        return VerificationPanel::tr("Stripe (Stripe-Signature)");
    case SignatureScheme::None:
        break;
    }
    return schemeName(scheme);
}

} // namespace

VerificationPanel::VerificationPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("verificationPanel"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Each request is checked against the secrets below; it verifies "
                                "when a secret of its scheme produced its signature. Typed "
                                "secrets stay in memory only: they are never saved."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_attached = new QTreeWidget(this);
    m_attached->setObjectName(QStringLiteral("attachedSecrets"));
    m_attached->setAccessibleName(tr("Secrets and webhooks used for verification"));
    m_attached->setColumnCount(3);
    m_attached->setHeaderLabels({tr("Scheme"), tr("Secret"), tr("Details")});
    m_attached->setRootIsDecorated(false);
    m_attached->header()->setStretchLastSection(true);
    m_attached->setColumnWidth(0, 240);
    m_attached->setColumnWidth(1, 330);
    m_attached->setMinimumHeight(110);
    layout->addWidget(m_attached, 1);
    m_empty = new QLabel(tr("Nothing attached yet: requests show as “Not checked”. Add the "
                            "sender's signing secret below, or use a Hookline webhook's "
                            "secrets."),
                         this);
    m_empty->setObjectName(QStringLiteral("verificationEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);
    layout->addWidget(m_empty);
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeSecretButton"));
    auto *removeRow = new QHBoxLayout;
    removeRow->addStretch(1);
    removeRow->addWidget(m_remove);
    layout->addLayout(removeRow);

    auto *secretGroup = new QGroupBox(tr("Add a secret"), this);
    auto *secretForm = new QFormLayout(secretGroup);
    secretForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_scheme = new QComboBox(secretGroup);
    m_scheme->setObjectName(QStringLiteral("secretSchemeCombo"));
    m_scheme->setAccessibleName(tr("Signature scheme"));
    for (const SignatureScheme s :
         {SignatureScheme::XWebhookSignature, SignatureScheme::StandardWebhooks,
          SignatureScheme::GitHub, SignatureScheme::Stripe})
        m_scheme->addItem(schemeTitle(s), int(s));
    secretForm->addRow(tr("S&cheme:"), m_scheme);
    m_secret = new QLineEdit(secretGroup);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    m_secret->setAccessibleName(tr("Secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("The sender's signing secret, e.g. whsec_…"));
    m_secretError = form::makeErrorLabel(secretGroup, QStringLiteral("secretError"));
    auto *secretColumn = new QVBoxLayout;
    secretColumn->setSpacing(2);
    secretColumn->addWidget(m_secret);
    secretColumn->addWidget(m_secretError);
    auto *secretLabel = new QLabel(tr("&Secret:"), secretGroup);
    secretLabel->setBuddy(m_secret);
    secretForm->addRow(secretLabel, secretColumn);
    m_label = new QLineEdit(secretGroup);
    m_label->setObjectName(QStringLiteral("secretLabelEdit"));
    m_label->setAccessibleName(tr("Secret name"));
    m_label->setPlaceholderText(tr("Optional, e.g. “GitHub production”: verdicts name it"));
    secretForm->addRow(tr("&Name:"), m_label);
    m_add = new QPushButton(tr("Add Secret"), secretGroup);
    m_add->setObjectName(QStringLiteral("addSecretButton"));
    auto *addRow = new QHBoxLayout;
    addRow->addStretch(1);
    addRow->addWidget(m_add);
    secretForm->addRow(addRow);
    layout->addWidget(secretGroup);

    auto *webhookGroup = new QGroupBox(tr("Use a Hookline webhook's secrets"), this);
    auto *webhookLayout = new QVBoxLayout(webhookGroup);
    auto *webhookRow = new QHBoxLayout;
    m_webhook = new QComboBox(webhookGroup);
    m_webhook->setObjectName(QStringLiteral("webhookCombo"));
    m_webhook->setAccessibleName(tr("Webhook"));
    m_webhook->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_webhook->setMinimumContentsLength(24);
    webhookRow->addWidget(m_webhook, 1);
    m_attach = new QPushButton(tr("Use Its Secrets"), webhookGroup);
    m_attach->setObjectName(QStringLiteral("attachWebhookButton"));
    webhookRow->addWidget(m_attach);
    webhookLayout->addLayout(webhookRow);
    m_webhookError = form::makeErrorLabel(webhookGroup, QStringLiteral("webhookError"));
    webhookLayout->addWidget(m_webhookError);
    auto *hint = new QLabel(tr("Its current secret, and after a rotation the previous one too "
                               "until the overlap ends."),
                            webhookGroup);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    webhookLayout->addWidget(hint);
    layout->addWidget(webhookGroup);

    connect(m_add, &QPushButton::clicked, this, &VerificationPanel::addSecret);
    connect(m_secret, &QLineEdit::returnPressed, this, &VerificationPanel::addSecret);
    connect(m_secret, &QLineEdit::textEdited, this, [this] { form::showError(m_secretError, {}); });
    connect(m_remove, &QPushButton::clicked, this, &VerificationPanel::removeSelected);
    connect(m_attach, &QPushButton::clicked, this, [this] {
        const QString id = m_webhook->currentData().toString();
        if (id.isEmpty()) {
            form::showError(m_webhookError, tr("Webhook: there is no webhook to choose; create one "
                                               "in the Webhooks tab first."));
            return;
        }
        attachWebhook(id);
    });
    connect(m_attached, &QTreeWidget::itemSelectionChanged, this,
            &VerificationPanel::updateButtons);
    refresh();
}

void VerificationPanel::setHost(ReceiverHost *host)
{
    if (m_host == host)
        return;
    if (m_host)
        disconnect(m_host, nullptr, this, nullptr);
    m_host = host;
    if (m_host)
        connect(m_host, &ReceiverHost::verificationChanged, this, &VerificationPanel::refresh);
    form::showError(m_secretError, {});
    form::showError(m_webhookError, {});
    refresh();
}

void VerificationPanel::setWebhooks(const QList<Webhook> &webhooks)
{
    const QString current = m_webhook->currentData().toString();
    m_webhook->clear();
    for (const Webhook &w : webhooks) {
        if (w.scheme == SignatureScheme::None)
            continue;
        m_webhook->addItem(QStringLiteral("%1 — %2").arg(w.name, schemeName(w.scheme)), w.id);
        m_webhook->setItemData(m_webhook->count() - 1, w.url, Qt::ToolTipRole);
    }
    const int index = m_webhook->findData(current);
    if (index >= 0)
        m_webhook->setCurrentIndex(index);
    updateButtons();
}

void VerificationPanel::refresh()
{
    m_attached->clear();
    if (m_host) {
        const QList<AttachedSecretView> secrets = m_host->secrets();
        for (qsizetype i = 0; i < secrets.size(); ++i) {
            const AttachedSecretView &s = secrets.at(i);
            auto *item = new QTreeWidgetItem(m_attached);
            item->setText(0, schemeTitle(s.scheme));
            // Masked: a fixed run of dots and the length, enough to tell secrets apart.
            item->setText(1, s.label.isEmpty() ? tr("Secret %1").arg(i + 1) : s.label);
            item->setText(2, QStringLiteral("%1  (%2 characters)")
                                 .arg(QString(10, QChar(0x2022)))
                                 .arg(s.length));
            item->setData(0, KindRole, SecretItem);
            item->setData(0, KeyRole, qlonglong(i));
        }
        for (const AttachedWebhook &w : m_host->webhooks()) {
            auto *item = new QTreeWidgetItem(m_attached);
            item->setText(0, schemeTitle(w.scheme));
            item->setText(1, tr("Webhook “%1”").arg(w.name));
            item->setText(2, tr("current secret, and the previous one during a rotation overlap"));
            item->setToolTip(1, w.id);
            item->setData(0, KindRole, WebhookItem);
            item->setData(0, KeyRole, w.id);
        }
    }
    m_empty->setVisible(m_attached->topLevelItemCount() == 0);
    updateButtons();
}

void VerificationPanel::updateButtons()
{
    const bool has = m_host != nullptr;
    m_add->setEnabled(has);
    m_secret->setEnabled(has);
    m_attach->setEnabled(has && m_webhook->count() > 0);
    m_remove->setEnabled(has && !m_attached->selectedItems().isEmpty());
}

void VerificationPanel::addSecret()
{
    if (!m_host)
        return;
    const QString secret = m_secret->text().trimmed();
    if (secret.isEmpty()) {
        form::showError(m_secretError, tr("Secret: paste the sender's signing secret."));
        m_secret->setFocus();
        return;
    }
    for (const QChar c : secret) {
        if (c.isSpace()) {
            form::showError(m_secretError, tr("Secret: it contains spaces or line breaks; paste "
                                              "the secret alone."));
            m_secret->setFocus();
            return;
        }
    }
    const auto scheme = SignatureScheme(m_scheme->currentData().toInt());
    QString label = m_label->text().trimmed();
    if (label.isEmpty())
        label = tr("Secret %1").arg(m_host->secrets().size() + 1);
    if (Status s = m_host->addSecret(scheme, secret, label); !s) {
        form::showError(m_secretError, tr("Secret: %1").arg(s.error().message));
        return;
    }
    m_secret->clear();
    m_label->clear();
    form::showError(m_secretError, {});
    emit schemeAttached(scheme);
    emit message(tr("Added secret “%1” (%2).").arg(label, schemeName(scheme)));
}

void VerificationPanel::removeSelected()
{
    if (!m_host)
        return;
    const QList<QTreeWidgetItem *> selected = m_attached->selectedItems();
    if (selected.isEmpty())
        return;
    QTreeWidgetItem *item = selected.first();
    if (item->data(0, KindRole).toInt() == SecretItem)
        m_host->removeSecret(item->data(0, KeyRole).toLongLong());
    else
        m_host->detachWebhook(item->data(0, KeyRole).toString());
}

void VerificationPanel::attachWebhook(const QString &webhookId)
{
    if (!m_host) {
        form::showError(m_webhookError,
                        tr("Webhook: start a receiver first, then use the webhook's secrets."));
        return;
    }
    form::showError(m_webhookError, {});
    m_attach->setEnabled(false);
    m_host->attachWebhook(webhookId, this, [this](Result<AttachedWebhook> result) {
        updateButtons();
        if (!result) {
            form::showError(m_webhookError, tr("Webhook: %1").arg(result.error().message));
            return;
        }
        emit schemeAttached(result->scheme);
        emit message(tr("Verifying with the secrets of webhook “%1”.").arg(result->name));
    });
}

} // namespace hookline
