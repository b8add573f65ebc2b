#include "WebhookDialog.h"

#include "EventPicker.h"
#include "FormMessages.h"
#include "Preferences.h"
#include "RegistryClient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hookline {

namespace {

// Auth types in combo order; the combo's item data is the type's name.
struct AuthChoice {
    AuthType type;
    const char *label;
};
constexpr AuthChoice kAuthChoices[] = {
    {AuthType::None, QT_TRANSLATE_NOOP("hookline::WebhookDialog", "None")},
    {AuthType::Bearer, QT_TRANSLATE_NOOP("hookline::WebhookDialog", "Bearer token")},
    {AuthType::Basic,
     QT_TRANSLATE_NOOP("hookline::WebhookDialog", "Basic (username and password)")},
    {AuthType::ApiKey, QT_TRANSLATE_NOOP("hookline::WebhookDialog", "API key header")},
    {AuthType::CustomHeader, QT_TRANSLATE_NOOP("hookline::WebhookDialog", "Custom header")},
};

QString schemeLabel(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        return WebhookDialog::tr("x-webhook-signature (Hookline default)");
    case SignatureScheme::StandardWebhooks:
        return WebhookDialog::tr("standard-webhooks (webhook-signature)");
    case SignatureScheme::GitHub:
        return WebhookDialog::tr("github (X-Hub-Signature-256)");
    case SignatureScheme::Stripe:
        return WebhookDialog::tr("stripe (Stripe-Signature)");
    case SignatureScheme::None:
        return WebhookDialog::tr("none (deliveries are not signed)");
    }
    return {};
}

QFormLayout *makeForm()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    return form;
}

} // namespace

WebhookDialog::WebhookDialog(RegistryClient *client, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_mode(mode)
    , m_catalog(client->catalog())
{
    setObjectName(QStringLiteral("webhookDialog"));
    setWindowTitle(mode == Mode::New ? tr("New Webhook") : tr("Edit Webhook"));

    auto *layout = new QVBoxLayout(this);
    m_banner = form::makeBanner(this);
    layout->addWidget(m_banner);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(buildEndpointGroup());
    left->addWidget(buildEventsGroup(), 1);
    auto *right = new QVBoxLayout;
    right->addWidget(buildAuthGroup());
    right->addWidget(buildSigningGroup());
    right->addWidget(buildDeliveryGroup(), 1);
    columns->addLayout(left, 11);
    columns->addLayout(right, 9);
    layout->addLayout(columns, 1);

    auto *bottom = new QHBoxLayout;
    if (mode == Mode::New) {
        // As the providers do: a test delivery right after creation tells at once whether the
        // endpoint works; when it fails, the webhook is paused with the reason.
        m_sendTest = new QCheckBox(tr("Send a test event after creating"), this);
        m_sendTest->setObjectName(QStringLiteral("sendTestCheck"));
        m_sendTest->setChecked(true);
        m_sendTest->setToolTip(
            tr("Delivers the first subscribed event's sample once. If the endpoint does not "
               "answer with 2xx, the webhook is paused with the reason, until you enable it."));
        bottom->addWidget(m_sendTest);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = buttons->addButton(mode == Mode::New ? tr("Create") : tr("Save"),
                                  QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_submit, &QPushButton::clicked, this, &WebhookDialog::submit);
    bottom->addWidget(buttons, 1);
    layout->addLayout(bottom);

    connect(m_client, &RegistryClient::catalogChanged, this, [this] {
        m_catalog = m_client->catalog();
        validate();
    });

    resize(1040, 720);
    m_name->setFocus();
    validate();
}

QWidget *WebhookDialog::buildEndpointGroup()
{
    auto *group = new QGroupBox(tr("Endpoint"), this);
    auto *form = makeForm();
    group->setLayout(form);

    m_name = new QLineEdit(group);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. CRM sync"));
    m_name->setMaxLength(MaxNameLength + 20);
    m_nameError = form::makeErrorLabel(group, QStringLiteral("nameError"));
    form::addRow(form, tr("&Name:"), m_name, form::withError(m_name, m_nameError));
    connect(m_name, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("name")); });

    m_url = new QLineEdit(group);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://example.com/webhooks"));
    m_urlError = form::makeErrorLabel(group, QStringLiteral("urlError"));
    m_localTesting = new QCheckBox(tr("Local testing (allow http:// on loopback)"), group);
    m_localTesting->setObjectName(QStringLiteral("localTestingCheck"));
    m_localTesting->setToolTip(tr("Allows plain http to 127.0.0.1, ::1 or localhost, for a "
                                  "receiver running on this machine."));
    auto *urlColumn = new QVBoxLayout;
    urlColumn->setSpacing(2);
    urlColumn->addWidget(m_url);
    urlColumn->addWidget(m_urlError);
    urlColumn->addWidget(m_localTesting);
    form::addRow(form, tr("&URL:"), m_url, urlColumn);
    connect(m_url, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("url")); });

    m_pinnedCert = new QLineEdit(group);
    m_pinnedCert->setObjectName(QStringLiteral("pinnedCertEdit"));
    m_pinnedCert->setPlaceholderText(
        tr("Optional SHA-256 fingerprint of a self-signed certificate"));
    m_pinnedCert->setToolTip(tr("For a local receiver with a self-signed certificate: 64 hex "
                                "digits, colons allowed."));
    m_pinnedCert->setEnabled(false);
    m_pinnedCertError = form::makeErrorLabel(group, QStringLiteral("pinnedCertError"));
    form::addRow(form, tr("&Pinned cert:"), m_pinnedCert,
                 form::withError(m_pinnedCert, m_pinnedCertError));
    connect(m_pinnedCert, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("pin")); });
    connect(m_localTesting, &QCheckBox::toggled, this, [this](bool on) {
        m_pinnedCert->setEnabled(on || !m_pinnedCert->text().isEmpty());
        touch(QStringLiteral("url"));
    });

    m_description = new QPlainTextEdit(group);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_description->setPlaceholderText(tr("Optional: what this endpoint does and who owns it"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_descriptionError = form::makeErrorLabel(group, QStringLiteral("descriptionError"));
    form::addRow(form, tr("&Description:"), m_description,
                 form::withError(m_description, m_descriptionError));
    connect(m_description, &QPlainTextEdit::textChanged, this,
            [this] { touch(QStringLiteral("description")); });

    m_systemId = new QLineEdit(QString::fromLatin1(DefaultSystemId), group);
    m_systemId->setObjectName(QStringLiteral("systemIdEdit"));
    m_systemId->setToolTip(tr("The workspace this webhook belongs to. Each event can have at most "
                              "%1 webhooks per system.")
                               .arg(MaxWebhooksPerEvent));
    m_systemIdError = form::makeErrorLabel(group, QStringLiteral("systemIdError"));
    form::addRow(form, tr("S&ystem:"), m_systemId, form::withError(m_systemId, m_systemIdError));
    connect(m_systemId, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("system")); });
    return group;
}

QWidget *WebhookDialog::buildEventsGroup()
{
    auto *group = new QGroupBox(tr("Events"), this);
    auto *column = new QVBoxLayout(group);
    m_events = new EventPicker(m_client, group);
    m_events->setObjectName(QStringLiteral("eventPicker"));
    m_eventsError = form::makeErrorLabel(group, QStringLiteral("eventsError"));
    column->addWidget(m_events, 1);
    column->addWidget(m_eventsError);
    connect(m_events, &EventPicker::selectionChanged, this,
            [this] { touch(QStringLiteral("events")); });
    return group;
}

QLineEdit *WebhookDialog::makeSecretEdit(const QString &objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    return edit;
}

QWidget *WebhookDialog::buildAuthGroup()
{
    auto *group = new QGroupBox(tr("Authentication"), this);
    auto *form = makeForm();
    group->setLayout(form);

    m_authType = new QComboBox(group);
    m_authType->setObjectName(QStringLiteral("authTypeCombo"));
    for (const AuthChoice &choice : kAuthChoices)
        m_authType->addItem(tr(choice.label), authTypeName(choice.type));
    form->addRow(tr("&Type:"), m_authType);

    m_authPages = new QStackedWidget(group);
    auto addPage = [this](const QList<QPair<QString, QLineEdit *>> &rows, const QString &hint) {
        auto *page = new QWidget(m_authPages);
        auto *pageForm = makeForm();
        pageForm->setContentsMargins(0, 0, 0, 0);
        page->setLayout(pageForm);
        for (const auto &[label, edit] : rows) {
            edit->setParent(page);
            pageForm->addRow(label, edit);
            connect(edit, &QLineEdit::textEdited, this, [this] { touch(QStringLiteral("auth")); });
        }
        if (!hint.isEmpty()) {
            QLabel *note = form::makeHint(hint, page);
            note->setWordWrap(false); // one short line; wrapping would reserve room for three
            pageForm->addRow(note);
        }
        m_authPages->addWidget(page);
    };

    addPage({}, tr("No authentication header is sent; receivers verify the signature."));
    m_bearerToken = makeSecretEdit(QStringLiteral("bearerTokenEdit"));
    addPage({{tr("Token:"), m_bearerToken}}, tr("Sent as \u201cAuthorization: Bearer …\u201d."));
    m_basicUsername = new QLineEdit(this);
    m_basicUsername->setObjectName(QStringLiteral("basicUsernameEdit"));
    m_basicPassword = makeSecretEdit(QStringLiteral("basicPasswordEdit"));
    addPage({{tr("Username:"), m_basicUsername}, {tr("Password:"), m_basicPassword}}, {});
    m_apiKeyHeader = new QLineEdit(QStringLiteral("X-Api-Key"), this);
    m_apiKeyHeader->setObjectName(QStringLiteral("apiKeyHeaderEdit"));
    m_apiKeyValue = makeSecretEdit(QStringLiteral("apiKeyValueEdit"));
    addPage({{tr("Header:"), m_apiKeyHeader}, {tr("Key:"), m_apiKeyValue}}, {});
    m_customHeaderName = new QLineEdit(this);
    m_customHeaderName->setObjectName(QStringLiteral("customHeaderNameEdit"));
    m_customHeaderName->setPlaceholderText(QStringLiteral("X-Receiver-Token"));
    m_customHeaderValue = makeSecretEdit(QStringLiteral("customHeaderValueEdit"));
    addPage({{tr("Header:"), m_customHeaderName}, {tr("Value:"), m_customHeaderValue}}, {});
    form->addRow(m_authPages);

    m_authError = form::makeErrorLabel(group, QStringLiteral("authError"));
    form->addRow(m_authError);
    form->addRow(form::makeHint(
        tr("Credentials are stored encrypted and never shown outside this form."), group));

    // The stack is as tall as its current page, not its tallest one.
    auto fitPage = [this](int index) {
        for (int i = 0; i < m_authPages->count(); ++i)
            m_authPages->widget(i)->setSizePolicy(
                QSizePolicy::Preferred, i == index ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_authPages->setCurrentIndex(index);
    };
    fitPage(0);
    connect(m_authType, &QComboBox::currentIndexChanged, this, [this, fitPage](int index) {
        fitPage(index);
        validate();
    });
    return group;
}

QWidget *WebhookDialog::buildSigningGroup()
{
    auto *group = new QGroupBox(tr("Signing"), this);
    auto *form = makeForm();
    group->setLayout(form);

    m_scheme = new QComboBox(group);
    m_scheme->setObjectName(QStringLiteral("schemeCombo"));
    for (const QString &name : schemeNames())
        m_scheme->addItem(schemeLabel(*schemeFromName(name)), name);
    // A new webhook starts with the scheme chosen in Settings; Edit shows the webhook's own.
    m_scheme->setCurrentIndex(m_scheme->findData(schemeName(Preferences().defaultScheme())));
    form->addRow(tr("Sc&heme:"), m_scheme);
    connect(m_scheme, &QComboBox::currentIndexChanged, this, &WebhookDialog::validate);

    if (m_mode == Mode::New) {
        m_customSecret = makeSecretEdit(QStringLiteral("customSecretEdit"));
        m_customSecret->setPlaceholderText(tr("Leave empty to generate one"));
        m_customSecretError = form::makeErrorLabel(group, QStringLiteral("customSecretError"));
        form::addRow(form, tr("S&ecret:"), m_customSecret,
                     form::withError(m_customSecret, m_customSecretError));
        form->addRow(
            form::makeHint(tr("Optional. At least %1 characters without spaces. The secret is "
                              "shown once after creation.")
                               .arg(MinCustomSecretLength),
                           group));
        connect(m_customSecret, &QLineEdit::textEdited, this,
                [this] { touch(QStringLiteral("secret")); });
    }
    return group;
}

QWidget *WebhookDialog::buildDeliveryGroup()
{
    auto *group = new QGroupBox(tr("Delivery"), this);
    auto *form = makeForm();
    group->setLayout(form);

    m_timeout = new QSpinBox(group);
    m_timeout->setObjectName(QStringLiteral("timeoutSpin"));
    m_timeout->setRange(MinTimeoutSeconds, MaxTimeoutSeconds);
    m_timeout->setValue(DefaultTimeoutSeconds);
    m_timeout->setSuffix(QStringLiteral(" s"));
    m_timeoutError = form::makeErrorLabel(group, QStringLiteral("timeoutError"));
    form::addRow(form, tr("T&imeout:"), m_timeout, form::withError(m_timeout, m_timeoutError));
    connect(m_timeout, &QSpinBox::valueChanged, this, &WebhookDialog::validate);

    m_retries = new QSpinBox(group);
    m_retries->setObjectName(QStringLiteral("retriesSpin"));
    m_retries->setRange(0, MaxRetryAttempts);
    m_retries->setValue(DefaultRetryAttempts);
    m_retriesError = form::makeErrorLabel(group, QStringLiteral("retriesError"));
    form::addRow(form, tr("&Retry attempts:"), m_retries,
                 form::withError(m_retries, m_retriesError));
    connect(m_retries, &QSpinBox::valueChanged, this, &WebhookDialog::validate);

    m_headers = new QTableWidget(0, 2, group);
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->resizeSection(0, 150);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setMinimumHeight(90);
    auto *add = new QPushButton(tr("Add"), group);
    add->setObjectName(QStringLiteral("addHeaderButton"));
    add->setAutoDefault(false);
    m_removeHeader = new QPushButton(tr("Remove"), group);
    m_removeHeader->setObjectName(QStringLiteral("removeHeaderButton"));
    m_removeHeader->setAutoDefault(false);
    m_removeHeader->setEnabled(false);
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(add);
    headerButtons->addWidget(m_removeHeader);
    headerButtons->addStretch(1);
    auto *headerColumn = new QVBoxLayout;
    headerColumn->setSpacing(2);
    headerColumn->addWidget(m_headers, 1);
    headerColumn->addLayout(headerButtons);
    m_headersError = form::makeErrorLabel(group, QStringLiteral("headersError"));
    form::addRow(form, tr("Custom header&s:"), m_headers,
                 form::withError(headerColumn, m_headersError));

    connect(add, &QPushButton::clicked, this, &WebhookDialog::addHeaderRow);
    connect(m_removeHeader, &QPushButton::clicked, this, &WebhookDialog::removeHeaderRows);
    connect(m_headers, &QTableWidget::itemChanged, this,
            [this] { touch(QStringLiteral("headers")); });
    connect(m_headers, &QTableWidget::itemSelectionChanged, this,
            [this] { m_removeHeader->setEnabled(!m_headers->selectedItems().isEmpty()); });
    return group;
}

void WebhookDialog::addHeaderRow()
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem);
    m_headers->setItem(row, 1, new QTableWidgetItem);
    m_headers->setCurrentCell(row, 0);
    m_headers->editItem(m_headers->item(row, 0));
}

void WebhookDialog::removeHeaderRows()
{
    QList<int> rows;
    for (const QTableWidgetItem *item : m_headers->selectedItems())
        if (!rows.contains(item->row()))
            rows << item->row();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (const int row : rows)
        m_headers->removeRow(row);
    touch(QStringLiteral("headers"));
}

AuthType WebhookDialog::currentAuthType() const
{
    return authTypeFromName(m_authType->currentData().toString()).value_or(AuthType::None);
}

WebhookRules::Mode WebhookDialog::rulesMode() const
{
    return m_mode == Mode::New ? WebhookRules::Mode::Create : WebhookRules::Mode::Update;
}

WebhookDraft WebhookDialog::draft() const
{
    WebhookDraft d;
    d.name = m_name->text();
    d.url = m_url->text();
    d.localTesting = m_localTesting->isChecked();
    d.pinnedCertSha256 = m_pinnedCert->text();
    d.events = m_events->selectedEvents();
    d.description = m_description->toPlainText();
    d.systemId = m_systemId->text();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        const QString n = name ? name->text() : QString();
        const QString v = value ? value->text() : QString();
        // A row left blank is not a header.
        if (n.trimmed().isEmpty() && v.isEmpty())
            continue;
        d.headers.append({n, v});
    }
    d.auth.type = currentAuthType();
    switch (d.auth.type) {
    case AuthType::None:
        break;
    case AuthType::Bearer:
        d.auth.token = m_bearerToken->text();
        break;
    case AuthType::Basic:
        d.auth.username = m_basicUsername->text();
        d.auth.password = m_basicPassword->text();
        break;
    case AuthType::ApiKey:
        d.auth.headerName = m_apiKeyHeader->text();
        d.auth.headerValue = m_apiKeyValue->text();
        break;
    case AuthType::CustomHeader:
        d.auth.headerName = m_customHeaderName->text();
        d.auth.headerValue = m_customHeaderValue->text();
        break;
    }
    d.timeoutSeconds = m_timeout->value();
    d.retryAttempts = m_retries->value();
    d.scheme = schemeFromName(m_scheme->currentData().toString())
                   .value_or(SignatureScheme::XWebhookSignature);
    if (m_customSecret)
        d.customSecret = m_customSecret->text();
    return d;
}

bool WebhookDialog::sendsTestEvent() const
{
    return m_sendTest && m_sendTest->isChecked();
}

void WebhookDialog::setWebhook(const Webhook &webhook)
{
    m_loading = true;
    m_webhookId = webhook.id;
    setWindowTitle(tr("Edit Webhook \u2014 %1").arg(webhook.name));
    m_name->setText(webhook.name);
    m_url->setText(webhook.url);
    m_localTesting->setChecked(webhook.localTesting);
    m_pinnedCert->setText(webhook.pinnedCertSha256);
    m_pinnedCert->setEnabled(webhook.localTesting || !webhook.pinnedCertSha256.isEmpty());
    m_description->setPlainText(webhook.description);
    m_systemId->setText(webhook.systemId);
    m_events->setSelectedEvents(webhook.events);

    m_headers->setRowCount(0);
    for (const auto &[name, value] : webhook.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(name));
        m_headers->setItem(row, 1, new QTableWidgetItem(value));
    }

    m_authType->setCurrentIndex(m_authType->findData(authTypeName(webhook.auth.type)));
    m_bearerToken->setText(webhook.auth.token);
    m_basicUsername->setText(webhook.auth.username);
    m_basicPassword->setText(webhook.auth.password);
    if (webhook.auth.type == AuthType::ApiKey) {
        m_apiKeyHeader->setText(webhook.auth.headerName);
        m_apiKeyValue->setText(webhook.auth.headerValue);
    } else if (webhook.auth.type == AuthType::CustomHeader) {
        m_customHeaderName->setText(webhook.auth.headerName);
        m_customHeaderValue->setText(webhook.auth.headerValue);
    }
    m_timeout->setValue(webhook.timeoutSeconds);
    m_retries->setValue(webhook.retryAttempts);
    m_scheme->setCurrentIndex(m_scheme->findData(schemeName(webhook.scheme)));
    m_loading = false;

    // Stored values are the user's own: show every problem they have, at once.
    for (const char *field :
         {"name", "url", "pin", "events", "description", "system", "auth", "headers"})
        m_touched.insert(QString::fromLatin1(field));
    validate();
}

void WebhookDialog::setEndpoint(const QString &url, bool localTesting)
{
    m_localTesting->setChecked(localTesting);
    m_url->setText(url);
    touch(QStringLiteral("url"));
}

void WebhookDialog::touch(const QString &field)
{
    if (m_loading)
        return;
    m_touched.insert(field);
    validate();
}

void WebhookDialog::validate()
{
    if (m_loading)
        return;
    const WebhookDraft d = WebhookRules::normalized(draft());
    // "Required" is not news on a field the user has not reached yet; anything else is.
    auto show = [this](QLabel *label, const QString &field, const std::optional<Error> &error) {
        const bool visible =
            error && (m_touched.contains(field) || error->code != ErrorCode::MissingFields);
        form::showError(label, visible ? error->message : QString());
    };
    show(m_nameError, QStringLiteral("name"), WebhookRules::checkName(d.name));
    show(m_urlError, QStringLiteral("url"), WebhookRules::checkUrl(d.url, d.localTesting));
    show(m_eventsError, QStringLiteral("events"), WebhookRules::checkEvents(d.events, m_catalog));
    show(m_pinnedCertError, QStringLiteral("pin"),
         WebhookRules::checkPinnedCertificate(d.pinnedCertSha256, d.localTesting));
    show(m_descriptionError, QStringLiteral("description"),
         WebhookRules::checkDescription(d.description));
    show(m_systemIdError, QStringLiteral("system"), WebhookRules::checkSystemId(d.systemId));
    show(m_headersError, QStringLiteral("headers"), WebhookRules::checkHeaders(d.headers, d.auth));
    // Picking an auth type is not yet a mistake; the empty fields become one once typed into.
    const auto authError = WebhookRules::checkAuth(d.auth);
    form::showError(m_authError, authError && m_touched.contains(QStringLiteral("auth"))
                                     ? authError->message
                                     : QString());
    show(m_timeoutError, QStringLiteral("timeout"), WebhookRules::checkTimeout(d.timeoutSeconds));
    show(m_retriesError, QStringLiteral("retries"),
         WebhookRules::checkRetryAttempts(d.retryAttempts));
    if (m_customSecret) {
        show(m_customSecretError, QStringLiteral("secret"),
             WebhookRules::checkCustomSecret(d.customSecret, d.scheme));
    }

    const QList<Error> errors = WebhookRules::check(d, m_catalog, rulesMode());
    m_submit->setEnabled(!m_busy && errors.isEmpty());
    m_submit->setToolTip(errors.isEmpty() ? QString()
                                          : tr("Not yet: %1").arg(errors.first().message));
}

void WebhookDialog::submit()
{
    validate();
    if (!m_submit->isEnabled())
        return;
    m_busy = true;
    m_submit->setEnabled(false);
    m_submit->setText(m_mode == Mode::New ? tr("Creating…") : tr("Saving…"));
    form::showBanner(m_banner, {});
    const WebhookDraft d = WebhookRules::normalized(draft());

    if (m_mode == Mode::New) {
        m_client->create(d, this, [this](Result<WebhookWithSecret> result) {
            if (!result) {
                finishSubmit(&result.error());
                return;
            }
            finishSubmit(nullptr);
            emit created(result.value());
            accept();
        });
    } else {
        m_client->update(m_webhookId, d, this, [this](Result<Webhook> result) {
            if (!result) {
                finishSubmit(&result.error());
                return;
            }
            finishSubmit(nullptr);
            emit saved(result.value());
            accept();
        });
    }
}

void WebhookDialog::finishSubmit(const Error *error)
{
    m_busy = false;
    m_submit->setText(m_mode == Mode::New ? tr("Create") : tr("Save"));
    if (error) {
        const QString title = error->code == ErrorCode::LimitExceeded
                                  ? tr("Too many webhooks for this event.")
                                  : tr("The webhook could not be saved.");
        form::showBanner(m_banner, title + QLatin1Char(' ') + error->message);
    }
    validate();
}

} // namespace hookline
