#pragma once

#include <QUrl>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;

namespace hookline {

// The first-run guide: the three things that show Hookline's whole loop (start a receiver,
// register a webhook, send a test event), each a button with a check mark once done, and
// "Load example data". Shown large in place of the empty webhooks list, and as a compact strip
// above the list until the user has done all three or dismissed it. It only shows state and asks
// for actions; MainWindow does them.
class GettingStartedPanel final : public QWidget {
    Q_OBJECT

public:
    enum class Size { Page, Strip };
    enum class Step { StartReceiver, RegisterWebhook, SendTest };

    explicit GettingStartedPanel(Size size, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setStepDone(Step step, bool done);
    bool isStepDone(Step step) const;
    bool allDone() const;
    // The running receiver's address (empty: none runs); steps 2 and 3 then use it.
    void setReceiverUrl(const QUrl &url);
    // Whether any webhook exists: sending a test event needs one (or a receiver).
    void setHasWebhooks(bool has);
    // While example data is being created.
    void setLoadingExamples(bool loading);

signals:
    void startReceiverRequested();
    void registerWebhookRequested();
    void sendTestRequested();
    void loadExamplesRequested();
    void dismissRequested();

private:
    struct StepWidgets {
        QLabel *mark = nullptr;
        QLabel *text = nullptr;
        QPushButton *button = nullptr;
        bool done = false;
    };

    void addStep(Step step, const QString &title, const QString &buttonText,
                 const QString &objectName);
    void updateTexts();
    StepWidgets &widgets(Step step) { return m_steps[int(step)]; }
    const StepWidgets &widgets(Step step) const { return m_steps[int(step)]; }

    Size m_size;
    StepWidgets m_steps[3];
    QUrl m_receiverUrl;
    bool m_hasWebhooks = false;
    QLabel *m_title = nullptr;
    QPushButton *m_examples = nullptr;
    QGridLayout *m_grid = nullptr;
};

} // namespace hookline
