#pragma once

#include "receiver/ReceivedRequest.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace hookline {

class JsonHighlighter;

// One received request: what came (method, path, time, sender, size, what was answered), the
// signature verdict with its reason, the headers as received and the body, JSON indented and
// highlighted. The expected signature is shown only after "Show Expected Signature", which asks
// the receiver to compute it (expectedSignatureRequested; the answer comes to showExpected()).
class RequestDetailView final : public QWidget {
    Q_OBJECT

public:
    explicit RequestDetailView(QWidget *parent = nullptr);
    ~RequestDetailView() override;

    // `canVerify`: a receiver exists that can recompute the verdict (the expected value).
    void setRequest(const std::optional<ReceivedRequest> &request, bool canVerify);
    const std::optional<ReceivedRequest> &request() const { return m_request; }
    // The verdict recomputed with its expected value, for the request shown.
    void showExpected(const Verdict &verdict);

    // Indented JSON when `body` is a JSON document, else nullopt.
    static std::optional<QString> indentedJson(const QByteArray &body);

signals:
    void expectedSignatureRequested(const hookline::ReceivedRequest &request);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildVerdictBox();
    void styleVerdict();
    QWidget *buildBodyTab();
    void showBody();

    std::optional<ReceivedRequest> m_request;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_meta = nullptr;
    QFrame *m_verdictBox = nullptr;
    QLabel *m_verdictIcon = nullptr;
    QLabel *m_verdictTitle = nullptr;
    QLabel *m_verdictReason = nullptr;
    QPushButton *m_showExpected = nullptr;
    QPlainTextEdit *m_expected = nullptr;
    QPushButton *m_copyExpected = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QCheckBox *m_raw = nullptr;
    QLabel *m_bodyNote = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QTableWidget *m_headers = nullptr;
    QByteArray m_expectedValue;
};

} // namespace hookline
