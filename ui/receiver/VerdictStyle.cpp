#include "VerdictStyle.h"

#include "Theme.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace hookline {

namespace {

QPixmap drawIcon(VerdictStyle::Kind kind, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QRectF circle(s * 0.06, s * 0.06, s * 0.88, s * 0.88);
    // Light theme: a dark disc with a white mark; dark theme: a bright disc with a dark mark.
    const QPalette palette = QGuiApplication::palette();
    const bool dark = isDarkPalette(palette);
    const Tone tone = kind == VerdictStyle::Kind::Verified ? Tone::Positive
                      : kind == VerdictStyle::Kind::Failed ? Tone::Negative
                                                           : Tone::Muted;
    p.setPen(Qt::NoPen);
    p.setBrush(dark ? statusDotColor(tone, palette) : toneText(tone, palette));
    p.drawEllipse(circle);
    QPen mark(dark ? palette.color(QPalette::Base) : QColor(Qt::white), std::max(1.5, s * 0.13),
              Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(mark);
    p.setBrush(Qt::NoBrush);
    switch (kind) {
    case VerdictStyle::Kind::Verified: {
        QPainterPath check;
        check.moveTo(s * 0.28, s * 0.52);
        check.lineTo(s * 0.44, s * 0.68);
        check.lineTo(s * 0.73, s * 0.34);
        p.drawPath(check);
        break;
    }
    case VerdictStyle::Kind::Failed:
        p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67));
        p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67));
        break;
    case VerdictStyle::Kind::Unchecked:
        p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5));
        break;
    }
    return pixmap;
}

} // namespace

VerdictStyle::Kind VerdictStyle::kind(Verdict::Outcome outcome)
{
    switch (outcome) {
    case Verdict::Outcome::Verified:
        return Kind::Verified;
    case Verdict::Outcome::NoSecrets:
    case Verdict::Outcome::NotChecked:
        return Kind::Unchecked;
    case Verdict::Outcome::HeaderMissing:
    case Verdict::Outcome::HeaderMalformed:
    case Verdict::Outcome::TimestampOutOfTolerance:
    case Verdict::Outcome::SignatureMismatch:
    case Verdict::Outcome::BodyReencoded:
        break;
    }
    return Kind::Failed;
}

QString VerdictStyle::outcomeText(Verdict::Outcome outcome)
{
    switch (outcome) {
    case Verdict::Outcome::Verified:
        return tr("Verified");
    case Verdict::Outcome::HeaderMissing:
        return tr("Header missing");
    case Verdict::Outcome::HeaderMalformed:
        return tr("Header malformed");
    case Verdict::Outcome::TimestampOutOfTolerance:
        return tr("Timestamp outside tolerance");
    case Verdict::Outcome::SignatureMismatch:
        return tr("Signature mismatch");
    case Verdict::Outcome::BodyReencoded:
        return tr("Body altered by re-encoding");
    case Verdict::Outcome::NoSecrets:
        return tr("No secret for this scheme");
    case Verdict::Outcome::NotChecked:
        return tr("Not checked");
    }
    return {};
}

QString VerdictStyle::text(const Verdict &verdict)
{
    if (verdict.outcome == Verdict::Outcome::TimestampOutOfTolerance && verdict.skewSeconds) {
        const qint64 skew = *verdict.skewSeconds;
        return skew >= 0 ? tr("Timestamp %1 s old").arg(skew)
                         : tr("Timestamp %1 s ahead").arg(-skew);
    }
    if (verdict.outcome == Verdict::Outcome::HeaderMissing && !verdict.header.isEmpty())
        return tr("Header missing: %1").arg(verdict.header);
    if (verdict.outcome == Verdict::Outcome::HeaderMalformed && !verdict.header.isEmpty())
        return tr("Header malformed: %1").arg(verdict.header);
    return outcomeText(verdict.outcome);
}

QString VerdictStyle::shortText(const Verdict &verdict)
{
    if (verdict.outcome == Verdict::Outcome::TimestampOutOfTolerance ||
        verdict.outcome == Verdict::Outcome::Verified)
        return text(verdict);
    if (verdict.outcome == Verdict::Outcome::BodyReencoded)
        return tr("Body re-encoded");
    if (verdict.outcome == Verdict::Outcome::NoSecrets)
        return tr("No secret");
    return outcomeText(verdict.outcome);
}

QString VerdictStyle::explanation(const Verdict &verdict)
{
    if (!verdict.message.isEmpty())
        return verdict.message;
    if (verdict.verified() && !verdict.secretLabel.isEmpty())
        return tr("Verified with the secret %1.").arg(verdict.secretLabel);
    return outcomeText(verdict.outcome);
}

namespace {

Tone toneOf(VerdictStyle::Kind kind)
{
    switch (kind) {
    case VerdictStyle::Kind::Verified:
        return Tone::Positive;
    case VerdictStyle::Kind::Failed:
        return Tone::Negative;
    case VerdictStyle::Kind::Unchecked:
        break;
    }
    return Tone::Muted;
}

} // namespace

QColor VerdictStyle::foreground(Kind kind)
{
    return toneText(toneOf(kind), QGuiApplication::palette());
}

QColor VerdictStyle::background(Kind kind)
{
    return toneBox(toneOf(kind), QGuiApplication::palette()).background;
}

QColor VerdictStyle::border(Kind kind)
{
    return toneBox(toneOf(kind), QGuiApplication::palette()).border;
}

QIcon VerdictStyle::icon(Kind kind)
{
    // Drawn once per kind and theme: the list asks for it on every paint.
    static QIcon icons[2][3];
    QIcon &icon = icons[isDarkPalette(QGuiApplication::palette()) ? 1 : 0][int(kind)];
    if (icon.isNull())
        for (int size : {16, 24, 32, 48})
            icon.addPixmap(drawIcon(kind, size));
    return icon;
}

} // namespace hookline
