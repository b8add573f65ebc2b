#include "ReceiversView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace hookline {

ReceiversView::ReceiversView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                             Preferences *preferences, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_dispatcher(dispatcher)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("receiversView"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Receivers"), this), 0, Qt::AlignCenter);
}

ReceiversView::~ReceiversView() = default;

QUrl ReceiversView::currentReceiverUrl() const
{
    return {};
}

void ReceiversView::startReceiverWithDefaults() {}

void ReceiversView::createTestWebhookForCurrent() {}

void ReceiversView::attachWebhook(const QString &webhookId)
{
    Q_UNUSED(webhookId)
}

} // namespace hookline
