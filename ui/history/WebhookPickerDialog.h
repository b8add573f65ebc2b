#pragma once

#include "model/Webhook.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace hookline {

// Picks the webhook a replay goes to ("Replay to…"). Disabled webhooks are listed but cannot be
// chosen, with the reason, so the user knows what to fix instead of wondering where one went.
class WebhookPickerDialog final : public QDialog {
    Q_OBJECT

public:
    // `what` says what is replayed ("event invoice.paid", "1,234 deliveries").
    WebhookPickerDialog(const QList<Webhook> &webhooks, const QString &what,
                        const QString &currentWebhookId, QWidget *parent = nullptr);

    QString selectedWebhookId() const;
    // Selects a webhook by id; false when it is not listed or cannot be chosen.
    bool selectWebhook(const QString &webhookId);

signals:
    void webhookChosen(const QString &webhookId);

private:
    void updateButton();

    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_hint;
    QPushButton *m_ok;
};

} // namespace hookline
