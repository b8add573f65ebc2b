#include "GettingStarted.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace hookline {

namespace {

QString stepTitle(GettingStartedPanel::Step step)
{
    switch (step) {
    case GettingStartedPanel::Step::StartReceiver:
        return GettingStartedPanel::tr("Start a receiver");
    case GettingStartedPanel::Step::RegisterWebhook:
        return GettingStartedPanel::tr("Register a webhook");
    case GettingStartedPanel::Step::SendTest:
        return GettingStartedPanel::tr("Send a test event");
    }
    return {};
}

} // namespace

GettingStartedPanel::GettingStartedPanel(Size size, QWidget *parent)
    : QWidget(parent)
    , m_size(size)
{
    setObjectName(size == Size::Page ? QStringLiteral("gettingStartedPage")
                                     : QStringLiteral("gettingStartedStrip"));
    auto *outer = new QVBoxLayout(this);
    if (size == Size::Strip) {
        outer->setContentsMargins(8, 4, 4, 4);
        setAutoFillBackground(true);
        setBackgroundRole(QPalette::AlternateBase);
    }

    auto *headRow = new QHBoxLayout;
    auto *title =
        new QLabel(size == Size::Page ? tr("Welcome to Hookline") : tr("Getting started"), this);
    m_title = title;
    title->setObjectName(QStringLiteral("gettingStartedTitle"));
    QFont font = title->font();
    font.setBold(true);
    if (size == Size::Page)
        font.setPointSizeF(font.pointSizeF() * 1.5);
    title->setFont(font);
    headRow->addWidget(title, size == Size::Page ? 1 : 0,
                       size == Size::Page ? Qt::AlignHCenter : Qt::AlignLeft);
    if (size == Size::Strip) {
        auto *close = new QToolButton(this);
        close->setObjectName(QStringLiteral("dismissGuideButton"));
        close->setAutoRaise(true);
        close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
        close->setToolTip(tr("Hide the getting-started guide"));
        close->setAccessibleName(tr("Hide the getting-started guide"));
        connect(close, &QToolButton::clicked, this, &GettingStartedPanel::dismissRequested);
        headRow->addStretch(1);
        headRow->addWidget(close, 0, Qt::AlignRight | Qt::AlignVCenter);
    }
    outer->addLayout(headRow);

    if (size == Size::Page) {
        auto *intro = new QLabel(
            tr("Hookline signs and sends webhooks, and receives them. These three steps show the "
               "whole loop on this computer in under a minute; nothing leaves it."),
            this);
        intro->setWordWrap(true);
        intro->setAlignment(Qt::AlignHCenter);
        outer->addWidget(intro);
        outer->addSpacing(8);
    }

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(size == Size::Page ? 12 : 6);
    m_grid->setVerticalSpacing(12);
    if (size == Size::Page)
        m_grid->setColumnStretch(1, 1);
    addStep(Step::StartReceiver, stepTitle(Step::StartReceiver), tr("Start Receiver"),
            QStringLiteral("guideStartReceiverButton"));
    addStep(Step::RegisterWebhook, stepTitle(Step::RegisterWebhook), tr("New Webhook…"),
            QStringLiteral("guideNewWebhookButton"));
    addStep(Step::SendTest, stepTitle(Step::SendTest), tr("Send Test Event"),
            QStringLiteral("guideSendTestButton"));
    if (size == Size::Page) {
        outer->addLayout(m_grid);
    } else {
        // One line: the title, the steps, the examples, then the close button at the end.
        headRow->insertLayout(1, m_grid);
        headRow->setSpacing(18);
    }

    auto *bottom = size == Size::Page ? new QHBoxLayout : headRow;
    m_examples = new QPushButton(tr("Load Example Data"), this);
    m_examples->setObjectName(QStringLiteral("loadExamplesButton"));
    m_examples->setToolTip(tr("Start a receiver, create three example webhooks pointed at it "
                              "(one per signature scheme) and send them a few events."));
    connect(m_examples, &QPushButton::clicked, this, &GettingStartedPanel::loadExamplesRequested);
    auto *examplesHint =
        new QLabel(size == Size::Page ? tr("Or let Hookline set up an example to explore:")
                                      : tr("Or explore an example:"),
                   this);
    examplesHint->setBuddy(m_examples);
    if (size == Size::Page) {
        outer->addSpacing(8);
        bottom->addStretch(1);
        bottom->addWidget(examplesHint);
        bottom->addWidget(m_examples);
        bottom->addStretch(1);
        outer->addLayout(bottom);
    } else {
        // Before the close button.
        examplesHint->hide();
        headRow->insertWidget(headRow->count() - 1, m_examples);
    }
    updateTexts();
}

void GettingStartedPanel::addStep(Step step, const QString &title, const QString &buttonText,
                                  const QString &objectName)
{
    StepWidgets &w = widgets(step);
    const int row = int(step);
    w.mark = new QLabel(this);
    w.mark->setObjectName(objectName + QStringLiteral("Mark"));
    w.mark->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("✔ 3.")));
    w.text = new QLabel(this);
    w.text->setObjectName(objectName + QStringLiteral("Text"));
    w.text->setWordWrap(m_size == Size::Page);
    w.text->setTextFormat(Qt::RichText);
    w.button = new QPushButton(buttonText, this);
    w.button->setObjectName(objectName);
    w.button->setAccessibleName(title);
    w.text->setBuddy(w.button);
    // A page lists the steps one under the other; a strip puts them side by side.
    const int gridRow = m_size == Size::Page ? row : 0;
    // In a strip each step is mark, (hidden text), button, then a gap before the next mark.
    const int column = m_size == Size::Page ? 0 : 4 * row;
    if (m_size == Size::Strip)
        m_grid->setColumnMinimumWidth(column + 3, 14);
    m_grid->addWidget(w.mark, gridRow, column,
                      m_size == Size::Page ? Qt::AlignTop | Qt::AlignRight : Qt::AlignVCenter);
    // A strip stays narrow enough for small windows: the button names the step, the text is its
    // tooltip.
    if (m_size == Size::Page)
        m_grid->addWidget(w.text, gridRow, column + 1, Qt::AlignVCenter);
    else
        w.text->hide();
    m_grid->addWidget(w.button, gridRow, column + 2, Qt::AlignVCenter);
    switch (step) {
    case Step::StartReceiver:
        connect(w.button, &QPushButton::clicked, this,
                &GettingStartedPanel::startReceiverRequested);
        break;
    case Step::RegisterWebhook:
        connect(w.button, &QPushButton::clicked, this,
                &GettingStartedPanel::registerWebhookRequested);
        break;
    case Step::SendTest:
        connect(w.button, &QPushButton::clicked, this, &GettingStartedPanel::sendTestRequested);
        break;
    }
}

void GettingStartedPanel::setTitle(const QString &title)
{
    m_title->setText(title);
}

void GettingStartedPanel::setStepDone(Step step, bool done)
{
    widgets(step).done = done;
    updateTexts();
}

bool GettingStartedPanel::isStepDone(Step step) const
{
    return widgets(step).done;
}

bool GettingStartedPanel::allDone() const
{
    for (const StepWidgets &w : m_steps)
        if (!w.done)
            return false;
    return true;
}

void GettingStartedPanel::setReceiverUrl(const QUrl &url)
{
    m_receiverUrl = url;
    updateTexts();
}

void GettingStartedPanel::setHasWebhooks(bool has)
{
    m_hasWebhooks = has;
    updateTexts();
}

void GettingStartedPanel::setLoadingExamples(bool loading)
{
    m_examples->setEnabled(!loading);
    m_examples->setText(loading ? tr("Loading Examples…") : tr("Load Example Data"));
}

void GettingStartedPanel::updateTexts()
{
    const bool page = m_size == Size::Page;
    const QString receiver = m_receiverUrl.toString();
    auto describe = [&](Step step) -> QString {
        switch (step) {
        case Step::StartReceiver:
            if (!receiver.isEmpty())
                return tr("A receiver listens at %1: it shows each request and checks its "
                          "signature.")
                    .arg(receiver.toHtmlEscaped());
            return tr("A local endpoint on 127.0.0.1 that shows every request it gets and says "
                      "whether its signature verifies.");
        case Step::RegisterWebhook:
            if (!receiver.isEmpty())
                return tr("Point it at your receiver (the form starts with its address) or at an "
                          "HTTPS endpoint of your own. You see its signing secret once.");
            return tr("An HTTPS endpoint and the events it wants. You see its signing secret "
                      "once, so keep it where your receiver can read it.");
        case Step::SendTest:
            if (!receiver.isEmpty())
                return tr("Hookline registers a test webhook for your receiver if needed, sends "
                          "it a signed event and shows the verdict in the Receivers tab.");
            return tr("A signed sample event to your webhook; the result shows in the status "
                      "bar and in History.");
        }
        return {};
    };
    int number = 1;
    for (Step step : {Step::StartReceiver, Step::RegisterWebhook, Step::SendTest}) {
        StepWidgets &w = widgets(step);
        w.mark->setText(w.done ? QStringLiteral("✔") : QStringLiteral("%1.").arg(number));
        w.mark->setToolTip(w.done ? tr("Done") : QString());
        const QString title = stepTitle(step).toHtmlEscaped();
        w.text->setText(page ? QStringLiteral("<b>%1</b><br>%2").arg(title, describe(step))
                             : QStringLiteral("<b>%1</b>").arg(title));
        w.text->setToolTip(page ? QString() : describe(step));
        if (!page)
            w.button->setToolTip(QStringLiteral("%1: %2").arg(stepTitle(step), describe(step)));
        ++number;
    }
    // A test event needs somewhere to go: a webhook, or a receiver to make one for.
    StepWidgets &send = widgets(Step::SendTest);
    const bool canSend = m_hasWebhooks || !receiver.isEmpty();
    send.button->setEnabled(canSend);
    if (!canSend)
        send.button->setToolTip(tr("Start a receiver or register a webhook first."));
    else if (page)
        send.button->setToolTip(QString());
    widgets(Step::StartReceiver)
        .button->setText(receiver.isEmpty() ? tr("Start Receiver") : tr("Show Receiver"));
}

} // namespace hookline
