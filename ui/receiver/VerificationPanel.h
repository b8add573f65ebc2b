#pragma once

#include "model/Webhook.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace hookline {

class ReceiverHost;

// What a receiver verifies signatures with: (scheme, secret) pairs the user types, and Hookline
// webhooks whose secrets are used (the previous one too while a rotation's overlap lasts).
// Secrets are typed masked, live only in the receiver's memory, and are listed by their name and
// length, never their value.
class VerificationPanel final : public QWidget {
    Q_OBJECT

public:
    explicit VerificationPanel(QWidget *parent = nullptr);

    void setHost(ReceiverHost *host);
    // The webhooks offered for "Use this webhook's secrets".
    void setWebhooks(const QList<Webhook> &webhooks);

    // Attaches the webhook to the current receiver (the first-run guide, the Webhooks tab).
    void attachWebhook(const QString &webhookId);

signals:
    // A scheme was attached; the snippet panel follows it.
    void schemeAttached(hookline::SignatureScheme scheme);
    void message(const QString &text);

private:
    void refresh();
    void addSecret();
    void removeSelected();
    void updateButtons();

    QPointer<ReceiverHost> m_host;
    QTreeWidget *m_attached = nullptr;
    QPushButton *m_remove = nullptr;
    QLabel *m_empty = nullptr;
    QComboBox *m_scheme = nullptr;
    QLineEdit *m_secret = nullptr;
    QLineEdit *m_label = nullptr;
    QPushButton *m_add = nullptr;
    QLabel *m_secretError = nullptr;
    QComboBox *m_webhook = nullptr;
    QPushButton *m_attach = nullptr;
    QLabel *m_webhookError = nullptr;
};

} // namespace hookline
