#include "SendEventDialog.h"

#include "FormMessages.h"
#include "JsonObjectInput.h"
#include "RegistryClient.h"
#include "Theme.h"
#include "WebhookListModel.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QShortcut>
#include <QStandardItemModel>
#include <QStringListModel>
#include <QStyledItemDelegate>
#include <QTextBlock>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int EventNameRole = Qt::UserRole + 1;

// The type list's popup: provider titles as headings, their events indented under them.
class GroupedListDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem indented(option);
        if (isEvent(index))
            indented.rect.adjust(kIndent, 0, 0, 0);
        QStyledItemDelegate::paint(painter, indented, index);
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.rwidth() += isEvent(index) ? kIndent : 0;
        size.rheight() += 4;
        return size;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (!isEvent(index)) {
            option->font.setBold(true);
            // A heading, not a disabled choice.
            option->state |= QStyle::State_Enabled;
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Active, QPalette::Text));
        }
    }

private:
    static constexpr int kIndent = 14;
    static bool isEvent(const QModelIndex &index)
    {
        return !index.data(EventNameRole).toString().isEmpty();
    }
};

QString systemOf(const Webhook &w)
{
    return w.systemId.isEmpty() ? QString::fromLatin1(DefaultSystemId) : w.systemId;
}

QString quoted(const QString &text)
{
    return QStringLiteral("\u201c") + text + QStringLiteral("\u201d");
}

QString namesList(const QList<Webhook> &webhooks)
{
    QStringList names;
    for (const Webhook &w : webhooks)
        names << w.name;
    return names.join(QStringLiteral(", "));
}

QLabel *makeHint(QWidget *parent, const QString &objectName)
{
    auto *hint = new QLabel(parent);
    hint->setObjectName(objectName);
    hint->setWordWrap(true);
    hint->setTextFormat(Qt::PlainText);
    hint->setEnabled(false);
    return hint;
}

} // namespace

SendEventDialog::SendEventDialog(RegistryClient *client, const QList<Webhook> &webhooks,
                                 const QString &preferredWebhookId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_catalog(client->catalog())
    , m_webhooks(webhooks)
{
    setObjectName(QStringLiteral("sendEventDialog"));
    setWindowTitle(tr("Send Event"));

    auto *layout = new QVBoxLayout(this);
    m_banner = form::makeBanner(this);
    layout->addWidget(m_banner);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto addRow = [form](const QString &text, QWidget *buddy, QLayout *field) {
        auto *label = new QLabel(text);
        label->setBuddy(buddy);
        form->addRow(label, field);
    };
    auto addFieldRow = [form](const QString &text, QWidget *field) {
        auto *label = new QLabel(text);
        label->setBuddy(field);
        form->addRow(label, field);
        return label;
    };

    // Event type: an editable combo that completes on any part of a name.
    m_typeCombo = new QComboBox(this);
    m_typeCombo->setObjectName(QStringLiteral("eventTypeCombo"));
    m_typeCombo->setEditable(true);
    m_typeCombo->setInsertPolicy(QComboBox::NoInsert);
    m_typeCombo->setMaxVisibleItems(20);
    m_typeCombo->setItemDelegate(new GroupedListDelegate(m_typeCombo));
    m_typeCombo->lineEdit()->setPlaceholderText(tr("Type to search the event types"));
    auto *types = new QStandardItemModel(m_typeCombo);
    QStringList names;
    for (const QString &provider : m_catalog.providers()) {
        const QList<EventType> ofProvider = m_catalog.byProvider(provider);
        if (ofProvider.isEmpty())
            continue;
        const EventType &first = ofProvider.first();
        auto *heading =
            new QStandardItem(first.providerTitle.isEmpty() ? provider : first.providerTitle);
        heading->setFlags(Qt::NoItemFlags);
        types->appendRow(heading);
        for (const EventType &type : ofProvider) {
            auto *item = new QStandardItem(type.name);
            item->setData(type.name, EventNameRole);
            item->setToolTip(type.description);
            types->appendRow(item);
            names << type.name;
        }
    }
    m_typeCombo->setModel(types);
    auto *completer = new QCompleter(new QStringListModel(names, m_typeCombo), m_typeCombo);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(15);
    m_typeCombo->setCompleter(completer);
    m_typeInfo = makeHint(this, QStringLiteral("eventTypeInfo"));
    m_typeError = form::makeErrorLabel(this, QStringLiteral("eventTypeError"));
    auto *typeColumn = new QVBoxLayout;
    typeColumn->setSpacing(2);
    typeColumn->addWidget(m_typeCombo);
    typeColumn->addWidget(m_typeInfo);
    typeColumn->addWidget(m_typeError);
    addRow(tr("&Event:"), m_typeCombo, typeColumn);

    // A system only matters when webhooks live in more than one.
    QStringList systems;
    for (const Webhook &w : std::as_const(m_webhooks))
        if (!systems.contains(systemOf(w)))
            systems << systemOf(w);
    std::sort(systems.begin(), systems.end());
    m_systemCombo = new QComboBox(this);
    m_systemCombo->setObjectName(QStringLiteral("systemCombo"));
    m_systemCombo->addItems(systems);
    m_systemLabel = addFieldRow(tr("S&ystem:"), m_systemCombo);
    const bool manySystems = systems.size() > 1;
    m_systemCombo->setVisible(manySystems);
    m_systemLabel->setVisible(manySystems);

    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetCombo"));
    m_recipients = new QLabel(this);
    m_recipients->setObjectName(QStringLiteral("recipientsLabel"));
    m_recipients->setWordWrap(true);
    m_recipients->setTextFormat(Qt::PlainText);
    auto *targetColumn = new QVBoxLayout;
    targetColumn->setSpacing(2);
    targetColumn->addWidget(m_targetCombo);
    targetColumn->addWidget(m_recipients);
    addRow(tr("Send &to:"), m_targetCombo, targetColumn);

    // The payload: the event's `data`, checked as it is typed.
    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("payloadEdit"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_payload->setFont(fixed);
    m_payload->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_payload->setTabChangesFocus(true);
    m_payload->setTabStopDistance(QFontMetricsF(fixed).horizontalAdvance(QLatin1Char(' ')) * 4);
    m_payload->setMinimumHeight(QFontMetrics(fixed).lineSpacing() * 14);
    m_payloadError = form::makeErrorLabel(this, QStringLiteral("payloadError"));
    m_payloadInfo = makeHint(this, QStringLiteral("payloadInfo"));
    m_useSample = new QPushButton(tr("Use &Sample"), this);
    m_useSample->setObjectName(QStringLiteral("useSampleButton"));
    m_useSample->setAutoDefault(false);
    m_useSample->setToolTip(tr("Replace the payload with the catalog's sample for this event"));
    auto *payloadStatus = new QHBoxLayout;
    payloadStatus->addWidget(m_payloadError, 1);
    payloadStatus->addWidget(m_payloadInfo, 1);
    payloadStatus->addWidget(m_useSample, 0, Qt::AlignTop);
    auto *payloadColumn = new QVBoxLayout;
    payloadColumn->setSpacing(4);
    payloadColumn->addWidget(m_payload, 1);
    payloadColumn->addLayout(payloadStatus);
    addRow(tr("&Data:"), m_payload, payloadColumn);

    m_resourceIds = new QLineEdit(this);
    m_resourceIds->setObjectName(QStringLiteral("resourceIdsEdit"));
    m_resourceIds->setPlaceholderText(tr("Optional, comma-separated, e.g. 8f2c41, 9a1d07"));
    addFieldRow(tr("&Resource IDs:"), m_resourceIds);

    m_uri = new QLineEdit(this);
    m_uri->setObjectName(QStringLiteral("uriEdit"));
    m_uri->setPlaceholderText(tr("Optional, e.g. https://api.example.com/people/8f2c41"));
    addFieldRow(tr("&URI:"), m_uri);
    layout->addLayout(form, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_send = buttons->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Ctrl+Return)"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, &SendEventDialog::send);
    layout->addWidget(buttons);
    // Return in the payload is a new line; Ctrl+Return sends from anywhere.
    for (const QKeySequence &key :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &SendEventDialog::send);
    }

    connect(m_typeCombo, &QComboBox::currentTextChanged, this, &SendEventDialog::onTypeTextChanged);
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &name) { setEventType(name); });
    connect(m_systemCombo, &QComboBox::currentIndexChanged, this, &SendEventDialog::validate);
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_systemCombo->setEnabled(targetWebhookId().isEmpty());
        validate();
    });
    connect(m_payload, &QPlainTextEdit::textChanged, this, &SendEventDialog::checkPayload);
    connect(m_useSample, &QPushButton::clicked, this, &SendEventDialog::fillSample);

    // Start from what the selected webhook receives, else from any enabled subscriber's type.
    QString initialType;
    QString initialSystem = QString::fromLatin1(DefaultSystemId);
    for (const Webhook &w : std::as_const(m_webhooks)) {
        if (w.id != preferredWebhookId)
            continue;
        initialSystem = systemOf(w);
        for (const QString &event : w.events)
            if (initialType.isEmpty() && m_catalog.contains(event))
                initialType = event;
    }
    for (const Webhook &w : std::as_const(m_webhooks))
        for (const QString &event : w.events)
            if (initialType.isEmpty() && w.isEnabled() && m_catalog.contains(event))
                initialType = event;
    if (initialType.isEmpty() && m_catalog.size() > 0)
        initialType = m_catalog.all().first().name;
    if (const int i = m_systemCombo->findText(initialSystem); i >= 0)
        m_systemCombo->setCurrentIndex(i);

    resize(720, 660);
    setEventType(initialType);
    checkPayload();
    m_payload->setFocus();
}

void SendEventDialog::setEventType(const QString &type)
{
    const int index = m_typeCombo->findData(type, EventNameRole);
    if (index >= 0)
        m_typeCombo->setCurrentIndex(index);
    m_typeCombo->setEditText(type);
    onTypeTextChanged(type);
}

void SendEventDialog::onTypeTextChanged(const QString &text)
{
    const QString name = text.trimmed();
    const QString type = m_catalog.contains(name) ? name : QString();
    if (!type.isEmpty()) {
        // Keep the list's current item on the typed type, so the popup opens there.
        const int index = m_typeCombo->findData(type, EventNameRole);
        if (index >= 0 && index != m_typeCombo->currentIndex()) {
            const QSignalBlocker blocker(m_typeCombo);
            m_typeCombo->setCurrentIndex(index);
        }
    }
    if (type == m_type && !m_typeInfo->text().isEmpty())
        return;
    m_type = type;

    if (m_type.isEmpty()) {
        m_typeInfo->clear();
        m_typeInfo->setVisible(false);
        form::showError(
            m_typeError,
            name.isEmpty()
                ? tr("Choose an event type.")
                : tr("%1 is not in the catalog; pick a type from the list.").arg(quoted(name)));
    } else {
        const auto info = m_catalog.find(m_type);
        const QString provider =
            info->providerTitle.isEmpty() ? info->provider : info->providerTitle;
        QString where = provider;
        if (!info->category.isEmpty())
            where += QStringLiteral(" \u00b7 ") + info->category;
        m_typeInfo->setText(
            info->description.isEmpty() ? where : tr("%1 \u2014 %2").arg(where, info->description));
        m_typeInfo->setVisible(true);
        form::showError(m_typeError, {});
        // An untouched payload follows the type; an edited one is the user's to keep.
        const QString current = m_payload->toPlainText();
        if (current.trimmed().isEmpty() || current == m_prefilled)
            fillSample();
    }
    rebuildTargets();
    validate();
}

void SendEventDialog::fillSample()
{
    const auto type = m_catalog.find(m_type);
    const QJsonObject sample = type ? type->sample : QJsonObject();
    m_prefilled = QString::fromUtf8(QJsonDocument(sample).toJson(QJsonDocument::Indented));
    m_payload->setPlainText(m_prefilled);
}

void SendEventDialog::rebuildTargets()
{
    const QString keep = targetWebhookId();
    const QSignalBlocker blocker(m_targetCombo);
    m_targetCombo->clear();
    m_targetCombo->addItem(tr("All subscribed webhooks"), QString());
    // One webhook: any webhook subscribed to the type; only an active one can be picked.
    bool manySystems = m_systemCombo->count() > 1;
    for (const Webhook &w : std::as_const(m_webhooks)) {
        if (m_type.isEmpty() || !w.events.contains(m_type))
            continue;
        QString text = w.name;
        if (manySystems)
            text = tr("%1 (system %2)").arg(text, systemOf(w));
        if (!w.isEnabled())
            text = tr("%1 \u2014 %2").arg(text, WebhookListModel::statusText(w.status));
        m_targetCombo->addItem(WebhookListModel::statusIcon(w.status), text, w.id);
        const int row = m_targetCombo->count() - 1;
        m_targetCombo->setItemData(row, w.url, Qt::ToolTipRole);
        if (!w.isEnabled()) {
            auto *model = qobject_cast<QStandardItemModel *>(m_targetCombo->model());
            if (QStandardItem *item = model ? model->item(row) : nullptr)
                item->setEnabled(false);
        }
    }
    const int index = keep.isEmpty() ? 0 : m_targetCombo->findData(keep);
    m_targetCombo->setCurrentIndex(std::max(0, index));
    m_systemCombo->setEnabled(targetWebhookId().isEmpty());
}

QString SendEventDialog::targetWebhookId() const
{
    return m_targetCombo->currentData().toString();
}

void SendEventDialog::setTargetWebhook(const QString &id)
{
    const int index = m_targetCombo->findData(id);
    if (index >= 0)
        m_targetCombo->setCurrentIndex(index);
}

QString SendEventDialog::currentSystemId() const
{
    const QString system = m_systemCombo->currentText();
    return system.isEmpty() ? QString::fromLatin1(DefaultSystemId) : system;
}

QList<Webhook> SendEventDialog::recipients() const
{
    QList<Webhook> out;
    if (m_type.isEmpty())
        return out;
    const QString target = targetWebhookId();
    for (const Webhook &w : m_webhooks) {
        if (!w.isEnabled() || !w.events.contains(m_type))
            continue;
        if (target.isEmpty() ? systemOf(w) == currentSystemId() : w.id == target)
            out << w;
    }
    std::sort(out.begin(), out.end(), [](const Webhook &a, const Webhook &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    return out;
}

PublishRequest SendEventDialog::request() const
{
    PublishRequest r;
    r.type = m_type;
    r.data = m_data.value_or(QJsonObject());
    for (const QString &part : m_resourceIds->text().split(QLatin1Char(',')))
        if (const QString id = part.trimmed(); !id.isEmpty())
            r.resourceIds << id;
    r.uri = m_uri->text().trimmed();
    r.webhookId = targetWebhookId();
    if (r.webhookId.isEmpty())
        r.systemId = currentSystemId();
    return r;
}

void SendEventDialog::checkPayload()
{
    const JsonObjectInput input = JsonObjectInput::parse(m_payload->toPlainText(), false);
    m_data = input.object;
    form::showError(m_payloadError, input.problem);
    if (m_data) {
        m_payloadInfo->setText(
            m_data->isEmpty() ? tr("Valid JSON: an empty object")
                              : (m_data->size() == 1
                                     ? tr("Valid JSON object with 1 field")
                                     : tr("Valid JSON object with %1 fields").arg(m_data->size())));
    }
    m_payloadInfo->setVisible(m_data.has_value());

    // Mark the place the parser stopped at.
    QList<QTextEdit::ExtraSelection> marks;
    if (input.position >= 0) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_payload->document());
        const int end = m_payload->document()->characterCount() - 1;
        const int at = std::clamp(input.position, 0, std::max(0, end));
        // The character the parser choked on; at the very end, the one before it.
        const int from = at < end ? at : std::max(0, end - 1);
        mark.cursor.setPosition(from);
        mark.cursor.setPosition(std::min(end, from + 1), QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        const ToneBox box = toneBox(Tone::Negative, m_payload->palette());
        mark.format.setUnderlineColor(toneText(Tone::Negative, m_payload->palette()));
        mark.format.setBackground(box.background);
        mark.format.setForeground(box.text);
        marks << mark;
    }
    m_payload->setExtraSelections(marks);
    validate();
}

void SendEventDialog::validate()
{
    const QList<Webhook> to = recipients();
    QString problem;
    if (m_type.isEmpty()) {
        m_recipients->clear();
        problem = tr("Choose an event type from the catalog.");
    } else if (to.isEmpty()) {
        m_recipients->setText(
            targetWebhookId().isEmpty()
                ? tr("No enabled webhook subscribes to %1; nothing would be delivered.").arg(m_type)
                : tr("This webhook is not enabled; enable it first."));
        setLabelTone(m_recipients, Tone::Warning);
        problem = m_recipients->text();
    } else {
        setLabelTone(m_recipients, std::nullopt);
        if (!targetWebhookId().isEmpty())
            m_recipients->setText(tr("Only %1 will receive it.").arg(quoted(to.first().name)));
        else if (to.size() == 1)
            m_recipients->setText(tr("1 enabled webhook will receive it: %1.").arg(namesList(to)));
        else
            m_recipients->setText(
                tr("%1 enabled webhooks will receive it: %2.").arg(to.size()).arg(namesList(to)));
    }
    if (problem.isEmpty() && !m_data)
        problem = tr("The data is not a valid JSON object yet.");
    m_useSample->setEnabled(!m_type.isEmpty());
    m_send->setEnabled(!m_busy && problem.isEmpty());
    m_send->setToolTip(problem.isEmpty() ? tr("Send (Ctrl+Return)")
                                         : tr("Not yet: %1").arg(problem));
}

void SendEventDialog::send()
{
    validate();
    if (!m_send->isEnabled())
        return;
    m_busy = true;
    m_send->setEnabled(false);
    m_send->setText(tr("Sending…"));
    form::showBanner(m_banner, {});
    m_client->publish(request(), this, [this](Result<EnqueuedEvent> result) {
        m_busy = false;
        m_send->setText(tr("Send"));
        if (!result) {
            form::showBanner(m_banner,
                             tr("The event was not sent. %1").arg(result.error().message));
            validate();
            return;
        }
        emit sent(result.value());
        accept();
    });
}

} // namespace hookline
