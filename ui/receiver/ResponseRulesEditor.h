#pragma once

#include "receiver/ResponseRule.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QListWidget;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace hookline {

class ReceiverHost;

// How a receiver answers, per path: status, body, content type, headers, delay, and "fail the
// first N requests" (with which status). A list of rules with the default ("any other path")
// last, a form for the selected one, and Apply, which checks every rule (a message under the
// field at fault names it) and hands them to the running receiver.
class ResponseRulesEditor final : public QWidget {
    Q_OBJECT

public:
    explicit ResponseRulesEditor(QWidget *parent = nullptr);

    void setHost(ReceiverHost *host);
    // The rules as edited (not necessarily applied).
    const QList<ResponseRule> &rules() const { return m_rules; }
    const ResponseRule &fallback() const { return m_fallback; }
    bool isModified() const { return m_modified; }

    // "Name: value" lines into headers; the first line that is not one is reported.
    static Result<HttpHeaders> parseHeaders(const QString &text);
    static QString headersText(const HttpHeaders &headers);

public slots:
    bool apply();

signals:
    void message(const QString &text);

private:
    ResponseRule *currentRule();
    int currentIndex() const; // -1: the default rule
    void loadFromHost();
    void rebuildList(int select);
    void showRule();
    void storeField();
    bool validateCurrent();
    void setModified(bool modified);
    QString summary(const ResponseRule &rule, bool isDefault) const;

    QPointer<ReceiverHost> m_host;
    QList<ResponseRule> m_rules;
    ResponseRule m_fallback;
    bool m_modified = false;
    bool m_loading = false;
    bool m_applying = false; // handed to the receiver, not confirmed yet

    QListWidget *m_list = nullptr;
    QPushButton *m_addRule = nullptr;
    QPushButton *m_removeRule = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_pathError = nullptr;
    QSpinBox *m_status = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_contentType = nullptr;
    QLabel *m_contentTypeError = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLabel *m_headersError = nullptr;
    QSpinBox *m_delay = nullptr;
    QSpinBox *m_failFirst = nullptr;
    QSpinBox *m_failStatus = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace hookline
