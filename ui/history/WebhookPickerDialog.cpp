#include "WebhookPickerDialog.h"

#include "WebhookListModel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookline {

namespace {

constexpr int IdRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;

} // namespace

WebhookPickerDialog::WebhookPickerDialog(const QList<Webhook> &webhooks, const QString &what,
                                         const QString &currentWebhookId, QWidget *parent)
    : QDialog(parent)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("webhookPickerDialog"));
    setWindowTitle(tr("Replay To Another Webhook"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Send %1 again, as a new delivery signed with the chosen "
                                "webhook's current secret. The original stays as it is.")
                                 .arg(what),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_search->setObjectName(QStringLiteral("webhookPickerSearch"));
    m_search->setPlaceholderText(tr("Filter webhooks by name or URL"));
    m_search->setAccessibleName(tr("Filter webhooks"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);

    m_list->setObjectName(QStringLiteral("webhookPickerList"));
    m_list->setAccessibleName(tr("Webhooks"));
    m_list->setUniformItemSizes(true);
    QList<Webhook> sorted = webhooks;
    std::sort(sorted.begin(), sorted.end(), [](const Webhook &a, const Webhook &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    for (const Webhook &w : std::as_const(sorted)) {
        auto *item = new QListWidgetItem(WebhookListModel::statusIcon(w.status),
                                         tr("%1 — %2").arg(w.name, w.url), m_list);
        item->setData(IdRole, w.id);
        item->setData(SearchRole, QStringList{w.name, w.url, w.id}.join(QLatin1Char(' ')));
        if (w.status == WebhookStatus::Disabled) {
            item->setFlags(item->flags() & ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
            item->setToolTip(tr("Disabled: it receives nothing. Enable it in the Webhooks tab "
                                "to replay to it."));
        } else if (w.status == WebhookStatus::Paused) {
            item->setToolTip(tr("Paused: the replay waits until the webhook is enabled again."));
        }
        if (w.id == currentWebhookId)
            item->setText(item->text() + tr(" (the original webhook)"));
    }
    layout->addWidget(m_list, 1);

    m_hint->setObjectName(QStringLiteral("webhookPickerHint"));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_ok = buttons->addButton(tr("Replay"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("replayButton"));
    m_ok->setDefault(true);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        const QString id = selectedWebhookId();
        if (id.isEmpty())
            return;
        emit webhookChosen(id);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemSelectionChanged, this, &WebhookPickerDialog::updateButton);
    connect(m_list, &QListWidget::itemActivated, this, [this, buttons] {
        if (!selectedWebhookId().isEmpty())
            emit buttons->accepted();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            item->setHidden(
                !item->data(SearchRole).toString().contains(text.trimmed(), Qt::CaseInsensitive));
        }
    });
    updateButton();
    resize(560, 420);
}

QString WebhookPickerDialog::selectedWebhookId() const
{
    const QList<QListWidgetItem *> items = m_list->selectedItems();
    if (items.isEmpty())
        return {};
    return items.constFirst()->data(IdRole).toString();
}

bool WebhookPickerDialog::selectWebhook(const QString &webhookId)
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        if (item->data(IdRole).toString() == webhookId && (item->flags() & Qt::ItemIsSelectable)) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void WebhookPickerDialog::updateButton()
{
    const bool any = !selectedWebhookId().isEmpty();
    m_ok->setEnabled(any);
    m_hint->setText(any ? QString() : tr("Choose the webhook to send to."));
}

} // namespace hookline
