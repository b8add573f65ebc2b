#pragma once

#include "catalog/EventCatalog.h"
#include "model/Webhook.h"
#include "rules/WebhookRules.h"

#include <QDialog>
#include <QSet>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace hookline {

class EventPicker;
class RegistryClient;

// Creates a webhook, or edits one. Each field shows the message of its WebhookRules check as the
// user types; the Create/Save button is enabled only when the whole draft passes. What only the
// database can know (the per-event limit) comes back from the registry and is shown in a banner,
// with the user's input left in place.
class WebhookDialog final : public QDialog {
    Q_OBJECT

public:
    enum class Mode { New, Edit };

    WebhookDialog(RegistryClient *client, Mode mode, QWidget *parent = nullptr);

    // Edit mode: the webhook whose settings the form starts from.
    void setWebhook(const Webhook &webhook);
    // New mode: start with this endpoint (a local receiver's address, marked for local testing).
    void setEndpoint(const QString &url, bool localTesting);
    // The form as a draft, before normalization.
    WebhookDraft draft() const;
    // New mode: the user asked for a test event once the webhook exists.
    bool sendsTestEvent() const;

signals:
    void created(const hookline::WebhookWithSecret &result);
    void saved(const hookline::Webhook &webhook);

private:
    QWidget *buildEndpointGroup();
    QWidget *buildEventsGroup();
    QWidget *buildAuthGroup();
    QWidget *buildSigningGroup();
    QWidget *buildDeliveryGroup();
    QLineEdit *makeSecretEdit(const QString &objectName);
    void touch(const QString &field);
    void validate();
    void submit();
    void finishSubmit(const Error *error);
    void addHeaderRow();
    void removeHeaderRows();
    AuthType currentAuthType() const;
    WebhookRules::Mode rulesMode() const;

    RegistryClient *m_client;
    Mode m_mode;
    QString m_webhookId;
    EventCatalog m_catalog;
    QSet<QString> m_touched;
    bool m_busy = false;
    bool m_loading = false;

    QLabel *m_banner = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlError = nullptr;
    QCheckBox *m_localTesting = nullptr;
    QLineEdit *m_pinnedCert = nullptr;
    QLabel *m_pinnedCertError = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QLabel *m_descriptionError = nullptr;
    QLineEdit *m_systemId = nullptr;
    QLabel *m_systemIdError = nullptr;
    EventPicker *m_events = nullptr;
    QLabel *m_eventsError = nullptr;

    QComboBox *m_authType = nullptr;
    QStackedWidget *m_authPages = nullptr;
    QLineEdit *m_bearerToken = nullptr;
    QLineEdit *m_basicUsername = nullptr;
    QLineEdit *m_basicPassword = nullptr;
    QLineEdit *m_apiKeyHeader = nullptr;
    QLineEdit *m_apiKeyValue = nullptr;
    QLineEdit *m_customHeaderName = nullptr;
    QLineEdit *m_customHeaderValue = nullptr;
    QLabel *m_authError = nullptr;

    QComboBox *m_scheme = nullptr;
    QLineEdit *m_customSecret = nullptr;
    QLabel *m_customSecretError = nullptr;

    QSpinBox *m_timeout = nullptr;
    QLabel *m_timeoutError = nullptr;
    QSpinBox *m_retries = nullptr;
    QLabel *m_retriesError = nullptr;
    QTableWidget *m_headers = nullptr;
    QPushButton *m_removeHeader = nullptr;
    QLabel *m_headersError = nullptr;

    QCheckBox *m_sendTest = nullptr;
    QPushButton *m_submit = nullptr;
};

} // namespace hookline
