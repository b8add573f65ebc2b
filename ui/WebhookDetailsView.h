#pragma once

#include "Clock.h"
#include "model/Webhook.h"

#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QToolButton;

namespace hookline {

// Everything about one webhook except its credentials and its signing secret, of which only the
// public prefix is shown. Shows an explanation instead when nothing is selected.
class WebhookDetailsView final : public QWidget {
    Q_OBJECT

public:
    explicit WebhookDetailsView(QWidget *parent = nullptr);

    void setClock(const Clock *clock);
    void setWebhook(const std::optional<Webhook> &webhook);
    const std::optional<Webhook> &webhook() const { return m_webhook; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addRow(QFormLayout *form, const QString &label, const QString &objectName);
    // One line, selectable and copyable whole, that never widens the pane (ids, URLs).
    QLineEdit *makeLineField(const QString &objectName);
    void copyId();

    std::optional<Webhook> m_webhook;
    const Clock *m_clock = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_id = nullptr;
    QToolButton *m_copyId = nullptr;
    QLabel *m_statusIcon = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlNote = nullptr;
    QLineEdit *m_pinnedCert = nullptr;
    QLabel *m_events = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_scheme = nullptr;
    QLabel *m_secretPrefix = nullptr;
    QLabel *m_auth = nullptr;
    QLabel *m_headers = nullptr;
    QLabel *m_timeout = nullptr;
    QLabel *m_retries = nullptr;
    QLabel *m_systemId = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_updated = nullptr;
    QLabel *m_lastDelivery = nullptr;
};

} // namespace hookline
