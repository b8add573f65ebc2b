#include "HistoryView.h"

#include <QLabel>
#include <QVBoxLayout>

namespace hookline {

HistoryView::HistoryView(RegistryClient *client, BackgroundDispatcher *dispatcher,
                         Preferences *preferences, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_dispatcher(dispatcher)
    , m_preferences(preferences)
{
    setObjectName(QStringLiteral("historyView"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Delivery history"), this), 0, Qt::AlignCenter);
}

HistoryView::~HistoryView() = default;

void HistoryView::showWebhook(const QString &webhookId)
{
    Q_UNUSED(webhookId)
}

void HistoryView::applyRetention() {}

} // namespace hookline
