#include "EventTypeDialog.h"

#include "FormMessages.h"
#include "JsonObjectInput.h"
#include "RegistryClient.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookline {

EventTypeDialog::EventTypeDialog(RegistryClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_catalog(client->catalog())
{
    setObjectName(QStringLiteral("eventTypeDialog"));
    setWindowTitle(tr("Add Custom Event Type"));

    auto *layout = new QVBoxLayout(this);
    m_banner = form::makeBanner(this);
    layout->addWidget(m_banner);

    auto *intro = new QLabel(tr("Define an event type of your own. It joins the catalog under "
                                "\u201cCustom\u201d and can be picked like any other."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *fields = new QFormLayout;
    auto addRow = [fields](const QString &text, QWidget *buddy, QLayout *column) {
        auto *label = new QLabel(text);
        label->setBuddy(buddy);
        fields->addRow(label, column);
    };
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("eventNameEdit"));
    m_name->setPlaceholderText(tr("e.g. invoice.paid"));
    m_nameError = form::makeErrorLabel(this, QStringLiteral("eventNameError"));
    auto *nameColumn = new QVBoxLayout;
    nameColumn->addWidget(m_name);
    nameColumn->addWidget(m_nameError);
    addRow(tr("&Name:"), m_name, nameColumn);

    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("eventDescriptionEdit"));
    m_description->setPlaceholderText(tr("What happened, in one sentence"));
    m_descriptionError = form::makeErrorLabel(this, QStringLiteral("eventDescriptionError"));
    auto *descriptionColumn = new QVBoxLayout;
    descriptionColumn->addWidget(m_description);
    descriptionColumn->addWidget(m_descriptionError);
    addRow(tr("&Description:"), m_description, descriptionColumn);

    m_sample = new QPlainTextEdit(this);
    m_sample->setObjectName(QStringLiteral("eventSampleEdit"));
    m_sample->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sample->setPlainText(QStringLiteral("{\n  \n}"));
    m_sample->setTabChangesFocus(true);
    m_sample->setMinimumHeight(140);
    m_sampleError = form::makeErrorLabel(this, QStringLiteral("eventSampleError"));
    auto *sampleColumn = new QVBoxLayout;
    sampleColumn->addWidget(m_sample);
    sampleColumn->addWidget(m_sampleError);
    addRow(tr("&Sample data:"), m_sample, sampleColumn);
    layout->addLayout(fields);

    auto *sampleHint = new QLabel(
        tr("The sample is the JSON object sent as \u201cdata\u201d when you send a test event."),
        this);
    sampleHint->setWordWrap(true);
    sampleHint->setEnabled(false);
    layout->addWidget(sampleHint);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_addButton = m_buttons->addButton(tr("Add Event Type"), QDialogButtonBox::AcceptRole);
    m_addButton->setObjectName(QStringLiteral("addEventTypeButton"));
    m_addButton->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addButton, &QPushButton::clicked, this, &EventTypeDialog::submit);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameTouched = true;
        validate();
    });
    connect(m_description, &QLineEdit::textEdited, this, &EventTypeDialog::validate);
    connect(m_sample, &QPlainTextEdit::textChanged, this, &EventTypeDialog::validate);

    resize(520, 420);
    validate();
}

EventType EventTypeDialog::currentType() const
{
    EventType type;
    type.name = m_name->text().trimmed();
    type.description = m_description->text().trimmed();
    type.provider = QStringLiteral("custom");
    type.providerTitle = tr("Custom");
    type.category = QStringLiteral("Custom events");
    QString ignored;
    type.sample = parsedSample(&ignored).value_or(QJsonObject());
    return type;
}

std::optional<QJsonObject> EventTypeDialog::parsedSample(QString *problem) const
{
    // An empty sample is allowed: the type then has no sample data.
    JsonObjectInput input = JsonObjectInput::parse(m_sample->toPlainText(), true);
    if (!input.object)
        *problem = tr("Sample: %1").arg(input.problem);
    return std::move(input.object);
}

void EventTypeDialog::validate()
{
    const EventType type = currentType();
    const Status status = m_catalog.checkCustom(type);
    const bool nameProblem = !status && status.error().field != QLatin1String("description");
    const bool requiredOnly = type.name.isEmpty() && !m_nameTouched;
    form::showError(m_nameError, nameProblem && !requiredOnly ? status.error().message : QString());
    form::showError(m_descriptionError,
                    !status && !nameProblem ? status.error().message : QString());
    QString sampleProblem;
    const bool sampleOk = parsedSample(&sampleProblem).has_value();
    form::showError(m_sampleError, sampleProblem);
    m_addButton->setEnabled(!m_busy && status.ok() && sampleOk);
}

void EventTypeDialog::submit()
{
    validate();
    if (!m_addButton->isEnabled())
        return;
    m_busy = true;
    m_addButton->setEnabled(false);
    form::showBanner(m_banner, {});
    const EventType type = currentType();
    m_client->addEventType(type, this, [this](Result<EventType> result) {
        m_busy = false;
        if (!result) {
            form::showBanner(m_banner, result.error().message);
            validate();
            return;
        }
        emit eventTypeAdded(result.value());
        accept();
    });
}

} // namespace hookline
