#pragma once

#include "catalog/EventCatalog.h"
#include "delivery/EventPublisher.h"
#include "model/Webhook.h"

#include <QDialog>
#include <QJsonObject>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hookline {

class RegistryClient;

// Fires one event: a type from the catalog, its `data` (prefilled with the catalog's sample and
// checked as JSON while it is typed), resource ids, an optional URI, and who receives it (every
// enabled subscriber, or one webhook). The event is stored through RegistryClient::publish; the
// dispatcher sends it.
class SendEventDialog final : public QDialog {
    Q_OBJECT

public:
    // `webhooks`: the list the window shows (the dialog never reads the database itself).
    // `preferredWebhookId`: the selected webhook; the first type it subscribes to is preselected.
    SendEventDialog(RegistryClient *client, const QList<Webhook> &webhooks,
                    const QString &preferredWebhookId, QWidget *parent = nullptr);

    // The catalog type named in the type field, or empty when it names none.
    QString eventType() const { return m_type; }
    void setEventType(const QString &type);
    // Empty: all subscribed webhooks.
    QString targetWebhookId() const;
    void setTargetWebhook(const QString &id);
    // The request the form describes (its data is empty while the payload is not an object).
    PublishRequest request() const;
    // The enabled webhooks that would receive the event now.
    QList<Webhook> recipients() const;

signals:
    void sent(const hookline::EnqueuedEvent &queued);

private:
    QWidget *buildEventGroup();
    QWidget *buildPayloadGroup();
    void onTypeTextChanged(const QString &text);
    void fillSample();
    void rebuildTargets();
    void checkPayload();
    void validate();
    void send();
    QString currentSystemId() const;

    RegistryClient *m_client;
    EventCatalog m_catalog;
    QList<Webhook> m_webhooks;
    QString m_type;
    // What the payload was last filled with: while it is unchanged, picking another type
    // replaces it with that type's sample.
    QString m_prefilled;
    std::optional<QJsonObject> m_data;
    bool m_busy = false;

    QLabel *m_banner = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QLabel *m_typeInfo = nullptr;
    QLabel *m_typeError = nullptr;
    QComboBox *m_systemCombo = nullptr;
    QLabel *m_systemLabel = nullptr;
    QComboBox *m_targetCombo = nullptr;
    QLabel *m_recipients = nullptr;
    QPlainTextEdit *m_payload = nullptr;
    QLabel *m_payloadError = nullptr;
    QLabel *m_payloadInfo = nullptr;
    QPushButton *m_useSample = nullptr;
    QLineEdit *m_resourceIds = nullptr;
    QLineEdit *m_uri = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace hookline
