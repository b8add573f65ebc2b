#include "RequestDetailView.h"

#include "JsonHighlighter.h"
#include "ReceivedRequestsModel.h"
#include "VerdictStyle.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace hookline {

namespace {

// More than this is cut in the body pane (the whole body is in the database).
constexpr qsizetype kMaxShownBody = 1024 * 1024;
constexpr qsizetype kMaxHexBody = 64 * 1024;

enum Page { EmptyPage, RequestPage };

QString hexDump(const QByteArray &bytes)
{
    QString out;
    const qsizetype n = std::min(bytes.size(), kMaxHexBody);
    out.reserve(n * 4 + n / 16 * 12);
    for (qsizetype line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto c = static_cast<unsigned char>(bytes.at(i));
                out += QStringLiteral("%1 ").arg(c, 2, 16, QLatin1Char('0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

// Text when the bytes are UTF-8 without NUL bytes.
std::optional<QString> asText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

RequestDetailView::RequestDetailView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("requestDetail"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_pages = new QStackedWidget(this);
    outer->addWidget(m_pages);

    auto *empty = new QLabel(tr("Select a request to see its signature verdict, headers and "
                                "body."),
                             m_pages);
    empty->setObjectName(QStringLiteral("requestDetailEmpty"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    m_pages->insertWidget(EmptyPage, empty);

    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 4, 4, 4);
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("requestTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);
    m_meta = new QLabel(page);
    m_meta->setObjectName(QStringLiteral("requestMeta"));
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setWordWrap(true);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_meta);
    layout->addWidget(buildVerdictBox());

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildBodyTab(), tr("Body"));
    m_headers = new QTableWidget(0, 2, page);
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->setHighlightSections(false);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);
    m_headers->setColumnWidth(0, 190);
    m_tabs->addTab(m_headers, tr("Headers"));
    layout->addWidget(m_tabs, 1);
    m_pages->insertWidget(RequestPage, page);
    m_pages->setCurrentIndex(EmptyPage);
}

RequestDetailView::~RequestDetailView() = default;

QWidget *RequestDetailView::buildVerdictBox()
{
    m_verdictBox = new QFrame(this);
    m_verdictBox->setObjectName(QStringLiteral("verdictBox"));
    m_verdictBox->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(m_verdictBox);
    layout->setContentsMargins(10, 8, 10, 8);
    m_verdictIcon = new QLabel(m_verdictBox);
    m_verdictIcon->setAlignment(Qt::AlignTop);
    layout->addWidget(m_verdictIcon, 0, Qt::AlignTop);

    auto *text = new QVBoxLayout;
    text->setSpacing(4);
    m_verdictTitle = new QLabel(m_verdictBox);
    m_verdictTitle->setObjectName(QStringLiteral("verdictTitle"));
    m_verdictTitle->setTextFormat(Qt::PlainText);
    QFont bold = m_verdictTitle->font();
    bold.setBold(true);
    m_verdictTitle->setFont(bold);
    text->addWidget(m_verdictTitle);
    m_verdictReason = new QLabel(m_verdictBox);
    m_verdictReason->setObjectName(QStringLiteral("verdictReason"));
    m_verdictReason->setTextFormat(Qt::PlainText);
    m_verdictReason->setWordWrap(true);
    m_verdictReason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->addWidget(m_verdictReason);

    // Signatures are long unbroken runs (64 hex digits): wrapped anywhere, selectable.
    m_expected = new QPlainTextEdit(m_verdictBox);
    m_expected->setObjectName(QStringLiteral("expectedSignatureView"));
    m_expected->setAccessibleName(tr("Expected and received signature"));
    m_expected->setReadOnly(true);
    m_expected->setWordWrapMode(QTextOption::WrapAnywhere);
    m_expected->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_expected->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_expected->setFixedHeight(m_expected->fontMetrics().lineSpacing() * 4 + 10);
    m_expected->setVisible(false);
    text->addWidget(m_expected);

    auto *buttons = new QHBoxLayout;
    m_showExpected = new QPushButton(tr("Show Expected Signature"), m_verdictBox);
    m_showExpected->setObjectName(QStringLiteral("showExpectedButton"));
    m_showExpected->setToolTip(tr("Compute the signature the attached secret gives this request, "
                                  "to compare with what the sender sent"));
    connect(m_showExpected, &QPushButton::clicked, this, [this] {
        if (m_request) {
            m_showExpected->setEnabled(false);
            m_showExpected->setText(tr("Computing…"));
            emit expectedSignatureRequested(*m_request);
        }
    });
    m_copyExpected = new QPushButton(tr("Copy Expected"), m_verdictBox);
    m_copyExpected->setObjectName(QStringLiteral("copyExpectedButton"));
    m_copyExpected->setVisible(false);
    connect(m_copyExpected, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromLatin1(m_expectedValue)); });
    buttons->addWidget(m_showExpected);
    buttons->addWidget(m_copyExpected);
    buttons->addStretch(1);
    text->addLayout(buttons);
    layout->addLayout(text, 1);
    return m_verdictBox;
}

QWidget *RequestDetailView::buildBodyTab()
{
    auto *tab = new QWidget(this);
    auto *layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    auto *bar = new QHBoxLayout;
    m_bodyNote = new QLabel(tab);
    m_bodyNote->setObjectName(QStringLiteral("bodyNote"));
    m_bodyNote->setEnabled(false);
    bar->addWidget(m_bodyNote, 1);
    m_raw = new QCheckBox(tr("As received"), tab);
    m_raw->setObjectName(QStringLiteral("rawBodyCheck"));
    m_raw->setToolTip(tr("Show the body byte for byte, as it was signed, instead of indented"));
    connect(m_raw, &QCheckBox::toggled, this, &RequestDetailView::showBody);
    bar->addWidget(m_raw);
    auto *copy = new QPushButton(tr("Copy Body"), tab);
    copy->setObjectName(QStringLiteral("copyBodyButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        if (m_request)
            QApplication::clipboard()->setText(QString::fromUtf8(m_request->body));
    });
    bar->addWidget(copy);
    layout->addLayout(bar);
    m_body = new QPlainTextEdit(tab);
    m_body->setObjectName(QStringLiteral("bodyView"));
    m_body->setReadOnly(true);
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new JsonHighlighter(m_body->document());
    layout->addWidget(m_body, 1);
    return tab;
}

std::optional<QString> RequestDetailView::indentedJson(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return std::nullopt;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}

void RequestDetailView::setRequest(const std::optional<ReceivedRequest> &request, bool canVerify)
{
    m_request = request;
    m_expectedValue.clear();
    m_expected->clear();
    m_expected->setVisible(false);
    m_copyExpected->setVisible(false);
    if (!request) {
        m_pages->setCurrentIndex(EmptyPage);
        return;
    }
    const ReceivedRequest &r = *request;
    m_title->setText(QStringLiteral("%1 %2").arg(
        QString::fromLatin1(r.method),
        QString::fromUtf8(r.hasQuery ? r.path + '?' + r.query : r.path)));
    QStringList meta;
    meta << ReceivedRequestsModel::timeText(r.receivedAtMs);
    if (!r.remote().isEmpty())
        meta << tr("from %1").arg(r.remote());
    meta << tr("body %1").arg(ReceivedRequestsModel::sizeText(r.body.size()));
    if (r.responseStatus > 0)
        meta << tr("answered %1").arg(r.responseStatus);
    if (r.responseDelayMs > 0)
        meta << tr("after %1 ms").arg(r.responseDelayMs);
    if (r.secure)
        meta << tr("HTTPS");
    if (r.sequence == 0)
        meta << tr("recorded earlier");
    m_meta->setText(meta.join(QStringLiteral(" · ")));

    QString title = VerdictStyle::text(r.verdict);
    if (r.scheme)
        title += QStringLiteral("  (%1)").arg(schemeName(*r.scheme));
    m_verdictTitle->setText(title);
    m_verdictReason->setText(VerdictStyle::explanation(r.verdict));
    styleVerdict();
    const bool checkable = r.verdict.outcome != Verdict::Outcome::NotChecked &&
                           r.verdict.outcome != Verdict::Outcome::NoSecrets;
    m_showExpected->setVisible(checkable);
    m_showExpected->setText(tr("Show Expected Signature"));
    m_showExpected->setEnabled(canVerify);
    m_showExpected->setToolTip(
        canVerify ? tr("Compute the signature the attached secrets give this request, to compare "
                       "with what the sender sent")
                  : tr("Start this receiver and attach its secret to compute the expected "
                       "signature."));

    m_headers->setRowCount(int(r.headers.size()));
    for (int i = 0; i < r.headers.size(); ++i) {
        const HttpHeader &h = r.headers.at(i);
        auto *name = new QTableWidgetItem(QString::fromLatin1(h.name));
        QFont font = name->font();
        font.setBold(true);
        name->setFont(font);
        m_headers->setItem(i, 0, name);
        auto *value = new QTableWidgetItem(QString::fromUtf8(h.value));
        value->setToolTip(QString::fromUtf8(h.value));
        m_headers->setItem(i, 1, value);
    }
    m_tabs->setTabText(1, tr("Headers (%1)").arg(r.headers.size()));
    showBody();
    m_pages->setCurrentIndex(RequestPage);
}

void RequestDetailView::styleVerdict()
{
    if (!m_request)
        return;
    const VerdictStyle::Kind kind = VerdictStyle::kind(m_request->verdict.outcome);
    m_verdictIcon->setPixmap(VerdictStyle::icon(kind).pixmap(28, 28));
    m_verdictTitle->setStyleSheet(
        QStringLiteral("color: %1;").arg(VerdictStyle::foreground(kind).name()));
    m_verdictBox->setStyleSheet(
        QStringLiteral("QFrame#verdictBox { background: %1; border: 1px solid %2; "
                       "border-radius: 4px; }")
            .arg(VerdictStyle::background(kind).name(), VerdictStyle::border(kind).name()));
}

void RequestDetailView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The theme changed: the verdict's tones and the body's colours follow it.
    if (event->type() == QEvent::PaletteChange) {
        styleVerdict();
        m_highlighter->refreshColors();
    }
}

void RequestDetailView::showBody()
{
    if (!m_request)
        return;
    const QByteArray &body = m_request->body;
    if (body.isEmpty()) {
        m_highlighter->setEnabled(false);
        m_body->setPlainText(QString());
        m_body->setPlaceholderText(tr("No body."));
        m_bodyNote->setText(QString());
        m_raw->setEnabled(false);
        return;
    }
    const QByteArray shown = body.left(kMaxShownBody);
    const std::optional<QString> text = asText(shown);
    const std::optional<QString> json =
        body.size() <= kMaxShownBody ? indentedJson(body) : std::nullopt;
    m_raw->setEnabled(json.has_value());
    QString note;
    if (!text) {
        m_highlighter->setEnabled(false);
        m_body->setPlainText(hexDump(body));
        note = body.size() > kMaxHexBody
                   ? tr("Binary, %1; the first %2 as hex.")
                         .arg(ReceivedRequestsModel::sizeText(body.size()),
                              ReceivedRequestsModel::sizeText(kMaxHexBody))
                   : tr("Binary, %1, as hex.").arg(ReceivedRequestsModel::sizeText(body.size()));
    } else if (json && !m_raw->isChecked()) {
        m_highlighter->setEnabled(true);
        m_body->setPlainText(*json);
        note =
            tr("JSON, indented; %1 as received.").arg(ReceivedRequestsModel::sizeText(body.size()));
    } else {
        m_highlighter->setEnabled(json.has_value());
        m_body->setPlainText(*text);
        note = body.size() > kMaxShownBody
                   ? tr("The first %1 of %2.")
                         .arg(ReceivedRequestsModel::sizeText(kMaxShownBody),
                              ReceivedRequestsModel::sizeText(body.size()))
                   : tr("As received, %1.").arg(ReceivedRequestsModel::sizeText(body.size()));
    }
    m_bodyNote->setText(note);
}

void RequestDetailView::showExpected(const Verdict &verdict)
{
    m_showExpected->setText(tr("Show Expected Signature"));
    m_showExpected->setEnabled(true);
    m_expectedValue = verdict.expected;
    if (verdict.expected.isEmpty()) {
        m_expected->setPlainText(tr("No expected value can be computed for this request: %1")
                                     .arg(VerdictStyle::explanation(verdict)));
        m_expected->setVisible(true);
        m_copyExpected->setVisible(false);
        return;
    }
    m_showExpected->setVisible(false);
    const QString header = verdict.header.isEmpty() ? tr("signature") : verdict.header;
    QString text = tr("Expected %1: %2").arg(header, QString::fromLatin1(verdict.expected));
    if (m_request && !verdict.header.isEmpty()) {
        for (const HttpHeader &h : m_request->headers) {
            if (httpTokenEquals(h.name, verdict.header.toLatin1())) {
                text += QLatin1Char('\n') +
                        tr("Received %1: %2").arg(header, QString::fromUtf8(h.value));
                break;
            }
        }
    }
    m_expected->setPlainText(text);
    m_expected->setVisible(true);
    // As tall as the wrapped lines, once laid out at the width the pane gives it.
    QTimer::singleShot(0, m_expected, [view = m_expected] {
        const qreal lines = view->document()->documentLayout()->documentSize().height();
        const int frame = 2 * view->frameWidth() + 2 * int(view->document()->documentMargin()) + 4;
        view->setFixedHeight(
            int(std::clamp<qreal>(lines, 2, 8)) * view->fontMetrics().lineSpacing() + frame);
    });
    m_copyExpected->setVisible(true);
}

} // namespace hookline
