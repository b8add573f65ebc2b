#pragma once

#include "Clock.h"
#include "history/DeliveryHistory.h"

#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace hookline {

class JsonHighlighter;

// One delivery in full: the event payload as indented, highlighted JSON; each attempt's request
// (headers as sent, auth and signature values redacted, and the body) and response (status,
// headers, body), its timing and error. Shows what it is given; HistoryView reads it.
class DeliveryDetailView final : public QWidget {
    Q_OBJECT

public:
    explicit DeliveryDetailView(QWidget *parent = nullptr);

    void setClock(const Clock *clock);
    // Buttons for the view's actions on the delivery on show.
    void setActions(const QList<QAction *> &actions);

    void showPlaceholder();
    void showLoading(const QString &deliveryId);
    void showDetail(const DeliveryDetail &detail);
    void showError(const QString &deliveryId, const QString &message);

    // The delivery on show (loading or shown); empty for none.
    QString deliveryId() const { return m_deliveryId; }
    const std::optional<DeliveryDetail> &detail() const { return m_detail; }
    // The attempt on show in the Attempts tab; 0 when there is none.
    int currentAttemptNo() const;
    void showAttempt(int attemptNo);
    // Enter on a row: move the keyboard into the pane.
    void focusContent();

    QPlainTextEdit *payloadView() const { return m_payload; }
    QPlainTextEdit *requestView() const { return m_request; }
    QPlainTextEdit *responseView() const { return m_response; }

    // The text of an attempt's request and response as the views show them.
    static QString requestText(const DeliveryDetail &detail, const AttemptDetail &attempt);
    static QString responseText(const AttemptDetail &attempt);

signals:
    // A link to another delivery (the original of a replay, or a replay) was clicked.
    void deliveryLinkActivated(const QString &deliveryId);
    // Escape inside the pane: back to the list.
    void leaveRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QPlainTextEdit *makeTextView(const QString &objectName, const QString &accessibleName);
    void updateAttempt();
    QString summaryText(const DeliveryDetail &detail) const;

    const Clock *m_clock = nullptr;
    QString m_deliveryId;
    std::optional<DeliveryDetail> m_detail;

    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_fields;
    QWidget *m_buttons;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_payload;
    QComboBox *m_attempt;
    QLabel *m_attemptInfo;
    QLabel *m_attemptError;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    JsonHighlighter *m_payloadHighlighter = nullptr;
    JsonHighlighter *m_requestHighlighter = nullptr;
    JsonHighlighter *m_responseHighlighter = nullptr;
};

} // namespace hookline
